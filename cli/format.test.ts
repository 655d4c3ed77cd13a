import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeObjects } from '../lib/engine/facade';
import type { ServiceAnalysis } from '../lib/engine/types';
import { parseSnapshotText } from '../lib/snapshot/parse';
import { generateCluster } from '../bench/generate';
import { escapeStrings } from './escape';
import { serviceBlock } from './format';

const FILES = ['lib/demo/demo-cluster.json', 'lib/demo/stories/kong-aws.json', 'lib/demo/stories/tke-four-ways.json'];
/** Escape sequences a hostile cluster object could carry: OSC retitle, CSI recolour, C1 CSI, newline, DEL. */
const HOSTILE = '\u001b]0;owned\u0007\u001b[31m\u009b2J\n\r\t\u007f';
/** Values that pick the report's branches (and index `paths`): left intact so every table is printed. */
const STEERING = new Set(['type', 'externalTrafficPolicy', 'internalTrafficPolicy']);
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** `value` with HOSTILE appended to every string but the steering ones. */
function poison<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (STEERING.has(key) ? value : value + HOSTILE) as T;
  if (Array.isArray(value)) return value.map((v) => poison(v)) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)])) as T;
  return value;
}

function services(file: string): ServiceAnalysis[] {
  const parsed = parseSnapshotText(readFileSync(file, 'utf8'), file);
  return analyzeObjects(parsed.objects).analysis.services;
}

describe('serviceBlock escapes what it prints', () => {
  for (const file of FILES) {
    it(`prints the same text as after escaping the whole analysis (${file})`, () => {
      const all = services(file);
      const policies = new Map(all.map((s) => [s.service, s.externalTrafficPolicy]));
      const policyOf = (key: string) => policies.get(key);
      expect(all.some((s) => s.type === 'LoadBalancer')).toBe(true);
      for (const s of all) {
        const hostile = poison(s);
        const block = serviceBlock(hostile, policyOf);
        // The oracle: the walk over every string the CLI used to run before formatting.
        expect(block).toBe(serviceBlock(escapeStrings(hostile), policyOf));
        expect(block).not.toMatch(CONTROL_BUT_NEWLINE);
        // Only the report's own line breaks: as many lines as for the clean Service.
        expect(block.split('\n')).toHaveLength(serviceBlock(s, policyOf).split('\n').length);
        expect(block).toContain('\\e]0;owned');
      }
    });
  }
});

describe('serviceBlock: the client-IP-at-the-app line a backend behind a proxy gets', () => {
  it("is the answer under the proxy Service's policy, not the backend's own (ingress-heavy bench shape)", () => {
    // Traefik's Service there is Local: its ClusterIP backends' own policy (Cluster) is beside the point.
    const objects = generateCluster({ nodes: 20, pods: 600, services: 100, networkPolicies: 10 }, 'ingress-heavy');
    const { analysis } = analyzeObjects(objects);
    const policies = new Map(analysis.services.map((s) => [s.service, s.externalTrafficPolicy]));
    const policyOf = (key: string) => policies.get(key);
    const decided = analysis.services.filter((s) => {
      const proxies = new Set((s.frontDoor?.behind ?? []).map((b) => policies.get(b.proxyService)));
      return (
        s.type === 'ClusterIP' &&
        proxies.size === 1 &&
        proxies.has('Local') &&
        s.externalTrafficPolicy === 'Cluster' &&
        s.paths.Local.app!.clientIP !== s.paths.Cluster.app!.clientIP
      );
    });
    expect(decided.length).toBeGreaterThan(0);
    for (const s of decided)
      expect(serviceBlock(s, policyOf)).toContain(`client IP at the app: ${s.paths.Local.app!.clientIP} `);
  });
});

describe('serviceBlock: long front-door lists', () => {
  const objects = generateCluster({ nodes: 20, pods: 600, services: 100, networkPolicies: 10 }, 'standard');
  const { analysis } = analyzeObjects(objects);
  const policies = new Map(analysis.services.map((s) => [s.service, s.externalTrafficPolicy]));
  const policyOf = (key: string) => policies.get(key);
  const lines = (s: ServiceAnalysis, start: string) =>
    serviceBlock(s, policyOf)
      .split('\n')
      .filter((l) => l.startsWith(start));

  it("names a proxy's first 10 routes and counts the rest (--json lists them all)", () => {
    const proxy = analysis.services.find((s) => s.frontDoor?.proxy && s.frontDoor.routes.length > 0)!;
    const one = proxy.frontDoor!.routes[0];
    const routes = Array.from({ length: 12 }, (_, i) => ({ ...one, object: `${one.object}-${i}` }));
    const named = routes.slice(0, 10).map((r) => `${r.kind} ${r.object}`);
    const many = { ...proxy, frontDoor: { ...proxy.frontDoor!, routes } };
    expect(lines(many, '  proxy: ')).toEqual([
      `  proxy: ${proxy.frontDoor!.proxy}; routes: ${named.join(', ')} … and 2 more (all in --json)`,
    ]);
    const ten = { ...proxy, frontDoor: { ...proxy.frontDoor!, routes: routes.slice(0, 10) } };
    expect(lines(ten, '  proxy: ')).toEqual([`  proxy: ${proxy.frontDoor!.proxy}; routes: ${named.join(', ')}`]);
  });

  it('names the first 3 proxies in front of a Service and counts the rest', () => {
    const backend = analysis.services.find((s) => (s.frontDoor?.behind.length ?? 0) > 0)!;
    const one = backend.frontDoor!.behind[0];
    const behind = Array.from({ length: 5 }, (_, i) => ({ ...one, proxyService: `${one.proxyService}-${i}` }));
    const s = { ...backend, frontDoor: { ...backend.frontDoor!, behind } };
    expect(lines(s, '  behind:')).toEqual([
      ...behind.slice(0, 3).map((b) => `  behind: ${b.proxyService} via ${b.route}`),
      '  behind: … and 2 more (all in --json)',
    ]);
    const three = { ...backend, frontDoor: { ...backend.frontDoor!, behind: behind.slice(0, 3) } };
    expect(lines(three, '  behind:')).toHaveLength(3);
  });
});
