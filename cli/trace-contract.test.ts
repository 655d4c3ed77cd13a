// The `trace --json` / `analyze --json` front-door contract (the README's "JSON
// contracts"), checked field by field on every story command of lib/demo/SCENARIOS.md's "Front-door
// stories": exact field names, nothing extra, and only the enum values the contract allows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalog from '../lib/engine/frontdoor/catalog.json';
import { main } from './main';

const SCENARIOS = 'lib/demo/SCENARIOS.md';

/** The `kubepath trace …` lines of the "Front-door stories" section. */
function storyCommands(): string[][] {
  const md = readFileSync(SCENARIOS, 'utf8');
  const start = md.indexOf('## Front-door stories');
  const end = md.indexOf('\n## ', start + 1);
  const section = md.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n')
    .filter((l) => l.startsWith('kubepath trace '))
    .map((l) => l.trim().split(/\s+/).slice(1));
}

const ids = (kind: string) =>
  new Set((catalog as { id: string; kind: string }[]).filter((e) => e.kind === kind).map((e) => e.id));
const LB_IDS = ids('loadbalancer');
const PROXY_IDS = ids('proxy');

const oneOf = (allowed: readonly unknown[]) => (v: unknown) => allowed.includes(v);
const isString = (v: unknown) => typeof v === 'string';
const stringOrNull = (v: unknown) => v === null || typeof v === 'string';
const boolOrNull = (v: unknown) => v === null || typeof v === 'boolean';
const stringArray = (v: unknown) => Array.isArray(v) && v.every(isString);

type Check = (v: unknown) => boolean;

/** Exactly these fields (required unless listed in `optional`), each passing its check. */
function expectShape(where: string, value: unknown, shape: Record<string, Check>, optional: string[] = []): void {
  expect(value, where).toBeTypeOf('object');
  expect(value, where).not.toBeNull();
  const obj = value as Record<string, unknown>;
  const required = Object.keys(shape).filter((k) => !optional.includes(k));
  expect(
    Object.keys(obj).filter((k) => !(k in shape)),
    `${where}: fields outside the contract`,
  ).toEqual([]);
  for (const k of required) expect(k in obj, `${where}.${k} is missing`).toBe(true);
  for (const [k, check] of Object.entries(shape))
    if (k in obj) expect(check(obj[k]), `${where}.${k} = ${JSON.stringify(obj[k])}`).toBe(true);
}

const LOAD_BALANCER: Record<string, Check> = {
  kind: (v) => v === 'unknown' || LB_IDS.has(v as string),
  label: isString,
  targets: oneOf(['nodes', 'pods']),
  layer: oneOf(['L4-passthrough', 'L4-proxy', 'L7']),
  keepsClientIP: boolOrNull,
  proxyProtocol: oneOf([null, 'v1', 'v2', 'unknown']),
  healthCheck: oneOf(['healthCheckNodePort', 'trafficPort', 'kube-proxy-healthz', 'endpoints', 'none', 'unknown']),
  weights: oneOf(['even', 'podCount', 'singleNode', 'unknown']),
  evidence: stringArray,
  question: stringOrNull,
};

const APP: Record<string, Check> = {
  proxy: (v) => v === null || PROXY_IDS.has(v as string),
  sidecar: oneOf([null, 'istio-redirect', 'istio-tproxy']),
  peerIP: stringOrNull,
  clientIP: stringOrNull,
  isClient: boolOrNull,
  carrier: oneOf([
    'l3',
    'proxy-protocol',
    'x-forwarded-for',
    'x-real-ip',
    'forwarded',
    'x-envoy-external-address',
    'toa',
    null,
  ]),
  trusted: boolOrNull,
};

const HOP_KINDS = ['client', 'loadBalancer', 'node', 'dnat', 'snat', 'pod', 'drop', 'reject', 'outside'];
const HOP: Record<string, Check> = {
  kind: oneOf([...HOP_KINDS, 'proxy', 'sidecar']),
  label: isString,
  src: stringOrNull,
  dst: stringOrNull,
  detail: isString,
  // `{ name: value }`: HTTP header names (lower case, as they leave the hop) to string values.
  headers: (v) =>
    typeof v === 'object' &&
    v !== null &&
    Object.entries(v).every(([k, x]) => /^[a-z0-9-]+$/.test(k) && typeof x === 'string'),
  proxyProtocol: (v) => {
    const pp = v as Record<string, unknown>;
    return (
      typeof v === 'object' &&
      v !== null &&
      Object.keys(pp).sort().join() === 'source,version' &&
      oneOf(['v1', 'v2', 'unknown'])(pp.version) &&
      isString(pp.source)
    );
  },
};

const PROXY: Record<string, Check> = {
  kind: (v) => PROXY_IDS.has(v as string),
  pod: stringOrNull,
  service: isString,
  route: stringOrNull,
};

async function runJson(args: string[]): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, '--json'], { out: (s) => out.push(s), err: (s) => err.push(s) });
  expect(code, `kubepath ${args.join(' ')}: ${err.join('\n')}`).toBe(0);
  return JSON.parse(out.join('\n'));
}

const commands = storyCommands();

describe('trace --json front-door contract on the SCENARIOS.md story commands', () => {
  it('finds the story commands (one or more per story)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(5);
    expect(new Set(commands.map((c) => c[c.indexOf('-f') + 1])).size).toBe(5);
  });

  it.each(commands.map((c) => [c.join(' '), c]))('%s', async (_, args) => {
    const t = await runJson(args as string[]);
    expect('loadBalancer' in t && 'proxy' in t).toBe(true);
    if (t.loadBalancer !== null) expectShape('loadBalancer', t.loadBalancer, LOAD_BALANCER);
    if (t.proxy !== null) expectShape('proxy', t.proxy, PROXY);
    const endpoints = t.endpoints as { app: unknown }[];
    expect(endpoints.length).toBeGreaterThan(0);
    endpoints.forEach((e, i) => expectShape(`endpoints[${i}].app`, e.app, APP));
    (t.hops as unknown[]).forEach((h, i) => expectShape(`hops[${i}]`, h, HOP, ['headers', 'proxyProtocol']));
    // --host through a proxy: the top-level proxy is named and its hop carries the headers it writes.
    if ((args as string[]).includes('--host') && t.proxy !== null) {
      const hop = (t.hops as { kind: string; headers?: object }[]).find((h) => h.kind === 'proxy');
      expect(hop?.headers, 'the proxy hop carries its headers').toBeDefined();
    }
  });
});

describe('analyze --json front-door contract on the story snapshots', () => {
  const files = [...new Set(commands.map((c) => c[c.indexOf('-f') + 1]))];
  it.each(files)('%s', async (file) => {
    const a = await runJson(['analyze', '-f', file]);
    for (const s of a.services as { service: string; frontDoor: unknown; paths: Record<string, { app: unknown }> }[]) {
      expectShape(`${s.service}.frontDoor`, s.frontDoor, {
        loadBalancer: (v) => v === null || typeof v === 'object',
        proxy: (v) => v === null || PROXY_IDS.has(v as string),
        routes: Array.isArray,
        behind: Array.isArray,
      });
      const fd = s.frontDoor as { loadBalancer: unknown; routes: unknown[]; behind: unknown[] };
      if (fd.loadBalancer !== null) expectShape(`${s.service}.frontDoor.loadBalancer`, fd.loadBalancer, LOAD_BALANCER);
      fd.routes.forEach((r, i) => {
        expectShape(`${s.service}.frontDoor.routes[${i}]`, r, {
          kind: oneOf(['Ingress', 'HTTPRoute', 'VirtualService']),
          object: isString,
          hosts: stringArray,
          backends: stringArray,
          loadBalancer: (v) => v === null || typeof v === 'object',
        });
        const lb = (r as { loadBalancer: unknown }).loadBalancer;
        if (lb !== null) expectShape(`${s.service}.frontDoor.routes[${i}].loadBalancer`, lb, LOAD_BALANCER);
      });
      fd.behind.forEach((b, i) =>
        expectShape(`${s.service}.frontDoor.behind[${i}]`, b, { proxyService: isString, route: isString }),
      );
      for (const p of ['Cluster', 'Local'])
        expectShape(`${s.service}.paths.${p}.app`, s.paths[p].app, {
          clientIP: oneOf(['yes', 'no', 'partial', 'unknown']),
          carriers: stringArray,
          note: isString,
        });
    }
  });
});
