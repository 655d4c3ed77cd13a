import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './args';
import { main } from './main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ISTIO = 'lib/demo/stories/istio-proxy-protocol.json';
const TKE = 'lib/demo/stories/tke-four-ways.json';

describe('kubepath trace through front doors', () => {
  it('parses lb:, ingress:, --host and --path; rejects a malformed lb: target', () => {
    const c = parseArgs([
      'trace',
      '-f',
      ISTIO,
      '--from',
      '203.0.113.50',
      '--to',
      'lb:istio-system/gw:443',
      '--host',
      'a.example.com',
      '--path',
      '/x',
    ]);
    expect(c).toMatchObject({
      target: { kind: 'lb', service: 'istio-system/gw', port: 443 },
      host: 'a.example.com',
      path: '/x',
    });
    expect(parseArgs(['trace', '-f', ISTIO, '--from', '1.2.3.4', '--to', 'ingress:ns/edge'])).toMatchObject({
      target: { kind: 'ingress', ingress: 'ns/edge' },
    });
    expect(() => parseArgs(['trace', '-f', ISTIO, '--from', '1.2.3.4', '--to', 'lb:noslash'])).toThrow(UsageError);
  });

  it('--json has the top-level loadBalancer and proxy, hop headers, and app on every endpoint', async () => {
    const r = await run([
      'trace',
      '-f',
      ISTIO,
      '--from',
      '203.0.113.50',
      '--to',
      'lb:istio-system/istio-ingressgateway',
      '--host',
      'reviews.example.com',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.loadBalancer.kind).toBe('aws-lbc-nlb-instance');
    expect(t.proxy).toEqual({
      kind: 'istio-ingressgateway',
      pod: 'istio-system/istio-ingressgateway-0',
      service: 'istio-system/istio-ingressgateway',
      route: 'VirtualService shop/reviews',
    });
    expect(t.hops.find((h: { kind: string }) => h.kind === 'proxy').headers['x-envoy-external-address']).toBe(
      '203.0.113.50',
    );
    expect(t.endpoints[0].app.peerIP).toBe('127.0.0.6');
  });

  it('the text report shows the load balancer, the headers and what the application sees', async () => {
    const r = await run([
      'trace',
      '-f',
      ISTIO,
      '--from',
      '203.0.113.50',
      '--to',
      'lb:istio-system/istio-ingressgateway',
      '--host',
      'reviews.example.com',
    ]);
    expect(r.out).toContain('LOAD BALANCER  aws-lbc-nlb-instance (L4-passthrough, to nodes)');
    expect(r.out).toContain('x-envoy-external-address: 203.0.113.50');
    expect(r.out).toContain('PROXY v2 carrying 203.0.113.50');
    expect(r.out).toMatch(/shop\/reviews-0\s+127\.0\.0\.6\s+203\.0\.113\.50\s+true\s+x-envoy-external-address/);
  });

  it('--path without --host is a usage error, except for ingress: (the Ingress has a default host)', () => {
    const base = ['trace', '-f', ISTIO, '--from', '1.2.3.4'];
    expect(() => parseArgs([...base, '--to', 'lb:ns/gw', '--path', '/x'])).toThrow('--path needs --host');
    expect(parseArgs([...base, '--to', 'ingress:ns/edge', '--path', '/x'])).toMatchObject({ path: '/x', host: null });
  });
});

/** The TKE story with its Ingress edited: class `edit.className` (annotation), or no rule for the host. */
function tkeWithIngress(className: string): string {
  const snap = JSON.parse(readFileSync(TKE, 'utf8')) as { items: { kind: string; metadata: any }[] };
  for (const o of snap.items)
    if (o.kind === 'Ingress') o.metadata.annotations = { 'kubernetes.io/ingress.class': className };
  const dir = mkdtempSync(join(tmpdir(), 'kubepath-fd-'));
  writeFileSync(join(dir, 'snap.json'), JSON.stringify(snap));
  return join(dir, 'snap.json');
}

describe('kubepath trace: a front-door target not in the cluster data is an error (exit 2), never an empty trace', () => {
  const trace = (file: string, ...args: string[]) => run(['trace', '-f', file, '--from', '203.0.113.50', ...args]);

  it.each([
    [
      ['--to', 'lb:game/nope'],
      'lb:game/nope: no Service game/nope in the cluster data (LoadBalancer Services: game/lobby-direct, game/lobby-local, game/lobby-toa)',
    ],
    [
      ['--to', 'lb:gam/lobby-local'],
      'lb:gam/lobby-local: no Service gam/lobby-local in the cluster data (did you mean game/lobby-local?)',
    ],
    [
      ['--to', 'lb:default/lobby-toa'],
      'lb:default/lobby-toa: no Service default/lobby-toa in the cluster data (did you mean game/lobby-toa?)',
    ],
    [
      ['--to', 'lb:game/lobby-web'],
      'lb:game/lobby-web: game/lobby-web is a NodePort Service, not a LoadBalancer, so no load balancer sends to it (LoadBalancer Services: game/lobby-direct',
    ],
    [['--to', 'lb:game/lobby-local:8080'], 'lb:game/lobby-local:8080: the Service has no port 8080 (ports: 80/TCP)'],
    [
      ['--to', 'ingress:game/lobby'],
      'ingress:game/lobby: no Ingress game/lobby in the cluster data (did you mean game/lobby-web?)',
    ],
    [
      ['--to', 'ingress:game/lobby-web', '--host', 'plays.example.com'],
      'ingress:game/lobby-web: no rule of the Ingress matches host plays.example.com and path / (rules: play.example.com/)',
    ],
  ])('%j', async (args, message) => {
    for (const json of [[], ['--json']]) {
      const r = await trace(TKE, ...args, ...json);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`kubepath: ${message}`);
      expect(r.err).not.toContain('Usage:'); // bad input, not a usage mistake
    }
  });

  it('an Ingress whose class makes no cloud L7 LB and that no proxy Service serves', async () => {
    const r = await trace(tkeWithIngress('nginx'), '--to', 'ingress:game/lobby-web');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'kubepath: ingress:game/lobby-web: its class (nginx) makes no cloud L7 load balancer, and no proxy LoadBalancer Service in the cluster data serves it',
    );
  });

  it('an L7 Ingress whose rule routes to a Service the cluster data does not have', async () => {
    const snap = JSON.parse(readFileSync(TKE, 'utf8')) as { items: { kind: string; metadata: { name: string } }[] };
    const items = snap.items.filter((o) => !(o.kind === 'Service' && o.metadata.name === 'lobby-web'));
    const dir = mkdtempSync(join(tmpdir(), 'kubepath-fd-'));
    writeFileSync(join(dir, 'snap.json'), JSON.stringify({ ...snap, items }));
    const r = await trace(join(dir, 'snap.json'), '--to', 'ingress:game/lobby-web');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'kubepath: ingress:game/lobby-web: host play.example.com and path / route to game/lobby-web, which is not in the cluster data',
    );
  });

  it('the same targets still trace when they exist (exit 0)', async () => {
    const ok = await trace(
      TKE,
      '--to',
      'ingress:game/lobby-web',
      '--host',
      'play.example.com',
      '--path',
      '/x',
      '--json',
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).loadBalancer.kind).toBe('tencent-tke-clb-ingress');
    const lb = await trace(TKE, '--to', 'lb:game/lobby-local:80', '--json');
    expect(lb.code).toBe(0);
    expect(JSON.parse(lb.out).verdict).toBe('forwarded');
  });

  it('the built CLI (npx kubepath) exits 2 with the message on stderr', () => {
    const r = spawnSync(
      process.execPath,
      ['cli/kubepath.mjs', 'trace', '-f', TKE, '--from', '1.2.3.4', '--to', 'lb:game/nope'],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('kubepath: lb:game/nope: no Service game/nope in the cluster data');
  });
});
