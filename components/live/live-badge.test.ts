import { describe, expect, it } from 'vitest';
import type { LiveStatus } from '@/lib/live/status';
import { liveBadge } from './live-badge';

const T = Date.UTC(2026, 0, 1, 12, 0, 0);
const status = (over: Partial<LiveStatus>): LiveStatus => ({
  context: 'prod',
  server: 'https://10.0.0.1:6443',
  state: 'synced',
  version: 4,
  syncedAt: new Date(T).toISOString(),
  serverTime: new Date(T).toISOString(),
  error: null,
  unavailable: {},
  streams: [],
  lastAnalysis: null,
  ...over,
});

describe('liveBadge', () => {
  it('shows the age of the data, corrected for the browser clock being off', () => {
    // The browser clock runs 1 h ahead: without the offset the data would look an hour old.
    const b = liveBadge(
      { status: status({}), pageVersion: 4, streamLost: false, clockOffset: 3_600_000 },
      T + 3_600_000 + 12_000,
    );
    expect(b).toMatchObject({ state: 'synced', text: 'synced 12 s ago' });
  });

  it('says "updating…" while the page still shows an older version', () => {
    expect(liveBadge({ status: status({}), pageVersion: 3, streamLost: false, clockOffset: 0 }, T).text).toBe(
      'updating…',
    );
  });

  it('keeps ageing the last sync while the cluster is unreachable, and names context and server', () => {
    const b = liveBadge(
      {
        status: status({
          state: 'reconnecting',
          syncedAt: new Date(T - 120_000).toISOString(),
          error: 'cannot reach the API server of context "prod" at https://10.0.0.1:6443: ECONNREFUSED',
        }),
        pageVersion: 4,
        streamLost: false,
        clockOffset: 0,
      },
      T,
    );
    expect(b.state).toBe('reconnecting');
    expect(b.text).toBe('reconnecting… (data from 2 min ago)');
    expect(b.title).toContain('context "prod" at https://10.0.0.1:6443');
  });

  it('never shows fresh data while its own event stream is lost', () => {
    // The last message said "synced" 5 minutes ago; the stream died since.
    const b = liveBadge(
      {
        status: status({ syncedAt: new Date(T - 300_000).toISOString() }),
        pageVersion: 4,
        streamLost: true,
        clockOffset: 0,
      },
      T,
    );
    expect(b).toMatchObject({ state: 'reconnecting', text: 'reconnecting… (data from 5 min ago)' });
  });

  it('shows an error state when the cluster was never reached', () => {
    const b = liveBadge(
      {
        status: status({
          state: 'error',
          syncedAt: null,
          error: 'cannot reach the API server of context "prod" at https://10.0.0.1:6443: timeout',
        }),
        pageVersion: 0,
        streamLost: false,
        clockOffset: 0,
      },
      T,
    );
    expect(b).toMatchObject({ state: 'error', text: 'cannot reach the cluster' });
    expect(b.title).toMatch(/^cannot reach the API server of context "prod"/);
  });
});
