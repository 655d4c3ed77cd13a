import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OVERVIEW_STATE,
  DEFAULT_SERVICE_STATE,
  decodeOverviewState,
  decodeServiceState,
  encodeOverviewState,
  encodeServiceState,
  serviceHref,
  type OverviewState,
  type ServiceViewState,
} from './url-state';

/** Decodes what encode produced, as the browser would hand it back. */
const qs = (s: string) => new URLSearchParams(s.startsWith('?') ? s.slice(1) : s);

describe('overview URL state', () => {
  it('decodes an empty query to the defaults without notices', () => {
    expect(decodeOverviewState(new URLSearchParams())).toEqual({ state: DEFAULT_OVERVIEW_STATE, notices: [] });
    expect(decodeOverviewState(undefined)).toEqual({ state: DEFAULT_OVERVIEW_STATE, notices: [] });
    expect(encodeOverviewState(DEFAULT_OVERVIEW_STATE)).toBe('');
  });

  it('round-trips every field', () => {
    const state: OverviewState = {
      q: 'pay ments',
      ns: 'shop',
      type: 'LoadBalancer',
      policy: 'Local',
      severity: 'warning',
      rule: 'local-nodes-drop',
      app: 'partial',
      sort: 'pods',
      dir: 'desc',
      page: 3,
    };
    const encoded = encodeOverviewState(state);
    expect(encoded).toBe(
      '?q=pay+ments&ns=shop&type=LoadBalancer&policy=Local&severity=warning&rule=local-nodes-drop&app=partial&sort=pods&dir=desc&page=3',
    );
    expect(decodeOverviewState(qs(encoded))).toEqual({ state, notices: [] });
  });

  it('omits the direction when it is the column default, and restores it', () => {
    const state: OverviewState = { ...DEFAULT_OVERVIEW_STATE, sort: 'name', dir: 'asc' };
    expect(encodeOverviewState(state)).toBe('?sort=name');
    expect(decodeOverviewState(qs('?sort=name')).state.dir).toBe('asc');
    expect(decodeOverviewState(qs('')).state.dir).toBe('desc');
  });

  it('accepts Next searchParams objects and canonicalises enum case', () => {
    const { state, notices } = decodeOverviewState({ type: 'loadbalancer', policy: ['local'], severity: 'ERROR' });
    expect(state).toMatchObject({ type: 'LoadBalancer', policy: 'Local', severity: 'error' });
    expect(notices).toEqual([]);
  });

  it('falls back per field on a garbled URL and says which field it ignored', () => {
    const { state, notices } = decodeOverviewState(
      qs('?sort=%3Cscript%3E&dir=up&page=-2&type=Blah&ns=shop&severity=critical&policy=1'),
    );
    expect(state).toEqual({ ...DEFAULT_OVERVIEW_STATE, ns: 'shop' });
    expect(notices).toHaveLength(6);
    expect(notices[0]).toContain('"sort"');
    expect(notices[0]).toContain('"<script>"');
    expect(notices.join('\n')).toMatch(/"page" value "-2"; using 1/);
  });

  it('rejects fractional, huge and exponent page numbers', () => {
    for (const page of ['1.5', '1e3', '99999999999', '0', ' 2']) {
      const { state, notices } = decodeOverviewState({ page });
      expect(state.page, page).toBe(1);
      expect(notices, page).toHaveLength(1);
    }
  });

  it('keeps the first of repeated parameters and says so', () => {
    const { state, notices } = decodeOverviewState(qs('?ns=a&ns=b'));
    expect(state.ns).toBe('a');
    expect(notices).toEqual(['"ns" was given 2 times; using the first value.']);
  });

  it('shortens a huge garbled value in its notice', () => {
    const { notices } = decodeOverviewState({ sort: 'x'.repeat(5000) });
    expect(notices[0].length).toBeLessThan(200);
  });

  it('accepts rule ids and rejects anything else in "rule"', () => {
    expect(decodeOverviewState({ rule: 'snat-allowlist' })).toEqual({
      state: { ...DEFAULT_OVERVIEW_STATE, rule: 'snat-allowlist' },
      notices: [],
    });
    for (const rule of ['<b>', 'Snat', 'a--b', '-a', 'a b']) {
      const { state, notices } = decodeOverviewState({ rule });
      expect(state.rule, rule).toBeNull();
      expect(notices[0], rule).toMatch(/"rule".*using every rule/);
    }
  });

  it('rejects control characters in free text', () => {
    const { state, notices } = decodeOverviewState({ q: 'a\u0000b' });
    expect(state.q).toBe('');
    expect(notices).toHaveLength(1);
  });
});

describe('Service page URL state', () => {
  it('decodes an empty query to the defaults without notices', () => {
    expect(decodeServiceState(new URLSearchParams())).toEqual({ state: DEFAULT_SERVICE_STATE, notices: [] });
    expect(encodeServiceState(DEFAULT_SERVICE_STATE)).toBe('');
  });

  it('round-trips every field including a trace', () => {
    const state: ServiceViewState = {
      view: 'Local',
      hop: 'node:worker-a-1',
      group: 40,
      trace: { from: '203.0.113.7', port: '443', proto: 'udp', node: 'worker-b-2', to: '198.51.100.10' },
      client: '2001:db8::1',
      path: 'in-cluster',
      pod: 'storefront/storefront-web-6d6498549d-8qv27',
    };
    const encoded = encodeServiceState(state);
    expect(decodeServiceState(qs(encoded))).toEqual({ state, notices: [] });
  });

  it('falls back from a garbled path or pod with a notice', () => {
    const { state, notices } = decodeServiceState(qs('path=sideways&pod=no-slash'));
    expect(state.path).toBeNull();
    expect(state.pod).toBeNull();
    expect(notices.join(' ')).toMatch(/path/);
    expect(notices.join(' ')).toMatch(/pod/);
  });

  it('round-trips a trace whose inputs are all empty (the form was opened)', () => {
    const state: ServiceViewState = {
      ...DEFAULT_SERVICE_STATE,
      trace: { from: '', port: '', proto: 'tcp', node: '', to: '' },
    };
    expect(encodeServiceState(state)).toBe('?proto=tcp');
    expect(decodeServiceState(qs(encodeServiceState(state))).state).toEqual(state);
  });

  it('omits tcp when other trace inputs carry the trace', () => {
    const state: ServiceViewState = {
      ...DEFAULT_SERVICE_STATE,
      trace: { from: '10.0.0.1', port: '', proto: 'tcp', node: '', to: '' },
    };
    expect(encodeServiceState(state)).toBe('?from=10.0.0.1');
  });

  it('falls back per field on a garbled URL with notices', () => {
    const { state, notices } = decodeServiceState(
      qs('?view=sideways&group=abc&client=not-an-ip&port=70000&proto=icmp&from=10.1.2.3'),
    );
    expect(state.view).toBe('both');
    expect(state.group).toBe(DEFAULT_SERVICE_STATE.group);
    expect(state.client).toBeNull();
    expect(state.trace).toEqual({ from: '10.1.2.3', port: '', proto: 'tcp', node: '', to: '' });
    expect(notices).toHaveLength(5);
    expect(notices.some((n) => n.includes('"view"') && n.includes('"sideways"'))).toBe(true);
  });

  it('accepts lower-case views', () => {
    expect(decodeServiceState({ view: 'cluster' }).state.view).toBe('Cluster');
  });

  it('builds encoded Service links', () => {
    expect(serviceHref('shop', 'web api')).toBe('/services/shop/web%20api');
    expect(serviceHref('shop', 'a/b', { ...DEFAULT_SERVICE_STATE, view: 'Cluster' })).toBe(
      '/services/shop/a%2Fb?view=Cluster',
    );
  });
});
