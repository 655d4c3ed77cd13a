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

  it('an unknown lb: Service is reported, not guessed', async () => {
    const r = await run(['trace', '-f', ISTIO, '--from', '203.0.113.50', '--to', 'lb:shop/nope', '--json']);
    expect(JSON.parse(r.out).reason).toContain('no LoadBalancer Service of that name');
  });
});
