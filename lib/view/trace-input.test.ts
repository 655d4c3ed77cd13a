import { describe, expect, it } from 'vitest';
import { clusterIPFixture, localImbalanceFixture, nodePortLocalFixture } from './fixtures';
import { defaultTraceEntry, defaultTraceInputs, parseTraceSource, tracePlanFromInputs } from './trace-input';
import type { TraceInputs } from './url-state';

const inputs = (p: Partial<TraceInputs>): TraceInputs => ({ from: '', to: '', port: '', proto: 'tcp', node: '', ...p });

describe('parseTraceSource', () => {
  it('reads IPs, pods, nodes and localhost', () => {
    expect(parseTraceSource('203.0.113.7', '')).toEqual({ ok: true, source: { kind: 'ip', ip: '203.0.113.7' } });
    expect(parseTraceSource(' 2001:DB8::1 ', '')).toEqual({ ok: true, source: { kind: 'ip', ip: '2001:DB8::1' } });
    expect(parseTraceSource('pod:shop/web-1', '')).toEqual({ ok: true, source: { kind: 'pod', pod: 'shop/web-1' } });
    expect(parseTraceSource('node:worker-a', '')).toEqual({ ok: true, source: { kind: 'node', node: 'worker-a' } });
    expect(parseTraceSource('localhost', 'worker-b')).toEqual({ ok: true, source: { kind: 'localhost' } });
  });

  it('explains what is wrong with a bad source', () => {
    expect(parseTraceSource('', '')).toMatchObject({ ok: false });
    expect(parseTraceSource('localhost', '')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/arrival node/),
    });
    expect(parseTraceSource('pod:web-1', '')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/namespace\/name/),
    });
    expect(parseTraceSource('<script>', '')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"<script>" is not'),
    });
    expect(parseTraceSource('999.1.1.1', '')).toMatchObject({ ok: false });
  });
});

describe('defaults', () => {
  it('traces to the LB address first, then a NodePort with a concrete address, else nothing', () => {
    expect(defaultTraceEntry(localImbalanceFixture().entries)).toMatchObject({
      kind: 'loadBalancerIP',
      address: '198.51.100.20',
      port: 443,
    });
    // The NodePort entry's 0.0.0.0 is no address to send to: fall back to the ClusterIP.
    expect(defaultTraceEntry(nodePortLocalFixture().entries)).toMatchObject({
      kind: 'clusterIP',
      address: '10.96.0.90',
    });
    expect(defaultTraceInputs(localImbalanceFixture(), '203.0.113.10')).toEqual({
      from: '203.0.113.10',
      to: '198.51.100.20',
      port: '443',
      proto: 'tcp',
      node: '',
    });
  });
});

describe('tracePlanFromInputs', () => {
  it('fills destination and port from the Service when left empty', () => {
    const r = tracePlanFromInputs(
      inputs({ from: '203.0.113.7', node: 'worker-a' }),
      localImbalanceFixture().entries,
      'Local',
    );
    expect(r).toEqual({
      ok: true,
      plan: {
        source: { kind: 'ip', ip: '203.0.113.7' },
        destination: { ip: '198.51.100.20', port: 443, protocol: 'TCP' },
        atNode: 'worker-a',
        policy: 'Local',
      },
    });
  });

  it('uses what the user typed, protocol upper-cased', () => {
    const r = tracePlanFromInputs(
      inputs({ from: 'pod:shop/a', to: '10.96.12.7', port: '8443', proto: 'udp' }),
      localImbalanceFixture().entries,
      null,
    );
    expect(r).toMatchObject({
      ok: true,
      plan: { destination: { ip: '10.96.12.7', port: 8443, protocol: 'UDP' }, atNode: null, policy: null },
    });
  });

  it('rejects a bad destination, and a Service without any address when none is typed', () => {
    expect(
      tracePlanFromInputs(inputs({ from: '1.2.3.4', to: 'example.com' }), localImbalanceFixture().entries, null),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/not an IP/) });
    const noAddr = clusterIPFixture();
    noAddr.entries = [];
    expect(tracePlanFromInputs(inputs({ from: '1.2.3.4' }), noAddr.entries, null)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/no address/),
    });
  });
});
