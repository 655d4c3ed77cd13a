import { describe, expect, it } from 'vitest';
import { FakeTransport, raw } from '../lib/live/testing/fake-transport';
import type { LiveTarget } from '../lib/live/target';
import { parseArgs, UsageError } from './args';
import { main, type Connect } from './main';

function cluster() {
  const t = new FakeTransport('kwok', 'https://127.0.0.1:26444');
  t.seed('Namespace', [raw.ns('shop')]);
  t.seed('Node', [raw.node('node-a', '192.0.2.1'), raw.node('node-b', '192.0.2.2')]);
  t.seed('Pod', [raw.pod('shop', 'web-1', 'node-a', '10.244.1.5', { app: 'web' })]);
  t.seed('Service', [
    raw.svc('shop', 'web', {
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      selector: { app: 'web' },
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }],
    }),
  ]);
  t.seed('EndpointSlice', [raw.slice('shop', 'web-x', 'web', [{ ip: '10.244.1.5', node: 'node-a', pod: 'web-1' }])]);
  t.seed('NetworkPolicy', [
    raw.netpol('shop', 'only-office', {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
    }),
  ]);
  return t;
}

async function run(args: string[], t: FakeTransport) {
  const out: string[] = [];
  const err: string[] = [];
  const targets: LiveTarget[] = [];
  const connect: Connect = async (target) => {
    targets.push(target);
    return { transport: t };
  };
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, connect);
  return { code, out: out.join('\n'), err: err.join('\n'), targets };
}

describe('kubepath with --context / --kubeconfig (live, one-shot)', () => {
  it('analyses the live cluster with one LIST per kind and passes the target through', async () => {
    const t = cluster();
    const r = await run(['analyze', '--context', 'kwok', '--kubeconfig', '/tmp/kc', '--json'], t);
    expect(r.code).toBe(0);
    expect(r.targets).toEqual([{ context: 'kwok', kubeconfig: '/tmp/kc' }]);
    const a = JSON.parse(r.out);
    expect(a.services.map((s: { service: string }) => s.service)).toEqual(['shop/web']);
    expect(t.calls.watches).toEqual([]);
  });

  it('prints a warning naming the forbidden kind, exits 0, and leaves policy verdicts unknown', async () => {
    const t = cluster();
    t.forbidden.add('NetworkPolicy');
    const r = await run(['analyze', '--context', 'kwok', '--json'], t);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^warning: 403 Forbidden: cannot list networkpolicies\.networking\.k8s\.io .*NetworkPolicy verdicts are unknown$/m,
    );
    const a = JSON.parse(r.out);
    expect(a.findings.some((f: { rule: string }) => f.rule === 'policy-unknown')).toBe(true);
    expect(a.services[0].paths.Cluster.pods[0].policy).toBe('unknown');
  });

  it('traces a packet in the live cluster', async () => {
    const r = await run(
      ['trace', '--context', 'kwok', '--from', '198.51.100.7', '--to', '192.0.2.2:30080', '--json'],
      cluster(),
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.service).toBe('shop/web');
    expect(result.endpoints.map((e: { pod: string }) => e.pod)).toEqual(['shop/web-1']);
  });

  it('exits 2 with the context and server address when the API server is unreachable', async () => {
    const t = cluster();
    t.down = true;
    const r = await run(['analyze', '--context', 'kwok'], t);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^kubepath: cannot reach the API server of context "kwok" at https:\/\/127\.0\.0\.1:26444: /);
  });

  it('exits 2 when the kubeconfig cannot be used', async () => {
    const out: string[] = [];
    const code = await main(
      ['analyze', '--context', 'nope'],
      { out: (s) => out.push(s), err: (s) => out.push(s) },
      () => Promise.reject(new Error('context "nope" is not in the kubeconfig (contexts: kwok)')),
    );
    expect(code).toBe(2);
    expect(out.join('\n')).toBe('kubepath: context "nope" is not in the kubeconfig (contexts: kwok)');
  });

  it('rejects a snapshot and a live cluster together', () => {
    expect(() => parseArgs(['analyze', '-f', 'x.json', '--context', 'a'])).toThrow(UsageError);
    expect(parseArgs(['analyze', '--kubeconfig', 'kc'])).toMatchObject({
      files: [],
      kubeconfig: 'kc',
      context: null,
      live: true,
    });
  });

  it('--live reads the live cluster in kubectl order (no kubeconfig or context named); -f with it is refused', () => {
    expect(parseArgs(['analyze', '--live'])).toMatchObject({ files: [], live: true, kubeconfig: null, context: null });
    expect(parseArgs(['analyze', '-f', 'x.json'])).toMatchObject({ live: false });
    expect(() => parseArgs(['trace', '--live', '-f', 'x.json', '--from', '1.2.3.4', '--to', '10.0.0.1:80'])).toThrow(
      '-f reads a snapshot, --live/--context/--kubeconfig a live cluster',
    );
    expect(() => parseArgs(['analyze'])).toThrow(
      'give a snapshot with -f PATH, or a live cluster with --live / --context / --kubeconfig',
    );
  });

  describe('--fail-on fails closed on a partial reading', () => {
    const ALL = ['Service', 'EndpointSlice', 'Node', 'Pod', 'Namespace', 'NetworkPolicy'];
    it('every kind forbidden: exit 2 naming what was not read, not 0', async () => {
      const t = cluster();
      for (const k of ALL) t.forbidden.add(k);
      const r = await run(['analyze', '--live', '--fail-on', 'error', '--json'], t);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(
        /^kubepath: --fail-on error cannot pass on a partial reading: .*Service not read \(403 Forbidden: cannot list services\)/m,
      );
      expect(r.err).toContain('(--allow-partial accepts it)');
    });
    it('one kind forbidden: exit 2; with --allow-partial the findings decide (the gap still printed)', async () => {
      const t = cluster();
      t.forbidden.add('NetworkPolicy');
      expect((await run(['analyze', '--live', '--fail-on', 'error'], t)).code).toBe(2);
      const r = await run(['analyze', '--live', '--fail-on', 'error', '--allow-partial', '--json'], t);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^warning: partial reading accepted \(--allow-partial\): NetworkPolicy not read/m);
    });
    it('zero Services read from the cluster: exit 2', async () => {
      const t = cluster();
      t.seed('Service', []);
      const r = await run(['analyze', '--live', '--fail-on', 'warning'], t);
      expect(r.code).toBe(2);
      expect(r.err).toContain('0 Services read, though every cluster has default/kubernetes');
    });
    it('a complete reading is judged by its findings (exit 1 here: the allow-list denies the SNATed source)', async () => {
      const r = await run(['analyze', '--live', '--fail-on', 'error'], cluster());
      expect(r.code).toBe(1);
      expect(r.err).not.toContain('partial');
    });
    it('--allow-partial is parsed for analyze', () => {
      expect(parseArgs(['analyze', '--live', '--fail-on', 'error', '--allow-partial'])).toMatchObject({
        failOn: 'error',
        allowPartial: true,
      });
      expect(parseArgs(['analyze', '--live'])).toMatchObject({ allowPartial: false });
    });
  });
});
