// Property-based fuzz test of the front doors: the five story snapshots plus the kinds they lack (Gateway
// API, MetalLB, Cilium LB-IPAM, a proxy's ConfigMap), mutated field by field in the front-door objects
// (Ingress, IngressClass, Gateway, GatewayClass, HTTPRoute, Istio Gateway/VirtualService, MetalLB/OpenELB/
// Cilium objects, proxy ConfigMaps, pods with proxy args/env, Services with LB annotations): analysis and
// every front-door trace (lb:, ingress:, --host) must never throw, and an object that is malformed where
// kubepath reads it is a warning naming it. Fixed seeds and run counts keep it deterministic.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterModel, ModelWarning } from '../../model/cluster';
import type { KnownKind, KubeObject } from '../../model/k8s';
import { compileCheck } from '../../model/compiled-check';
import { FRONT_DOOR_KINDS as FRONT_DOOR_KIND_NAMES } from '../../model/frontdoor-k8s';
import { KIND_SCHEMAS } from '../../model/schemas';
import { parseSnapshotText } from '../../snapshot/parse';
import { analyzeObjects, frontDoorTargetError, traceInModel } from '../facade';
import { mutate, mutation } from '../testing/fuzz';
import type { Dataplane } from '../types';
import type { FrontDoorTarget } from './trace-frontdoor';

const STORIES = ['pomerium-gke', 'istio-proxy-protocol', 'kong-aws', 'tke-four-ways', 'kubesphere-calico'];

function story(id: string): KubeObject[] {
  const file = `../../demo/stories/${id}.json`;
  return parseSnapshotText(readFileSync(new URL(file, import.meta.url), 'utf8'), file).objects;
}

const cr = (apiVersion: string, kind: string, metadata: object, spec: object, status?: object): KubeObject =>
  ({ apiVersion, kind, metadata, spec, ...(status ? { status } : {}) }) as KubeObject;

/** The front-door kinds the stories do not have, pointing at the KubeSphere story's objects. */
const EXTRA_KINDS: KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kubesphere-router-crm-nginx', namespace: 'kubesphere-controls-system' },
    data: { 'use-forwarded-headers': 'true', 'proxy-real-ip-cidr': '10.0.0.0/8', 'use-proxy-protocol': 'false' },
  } as KubeObject,
  cr(
    'gateway.networking.k8s.io/v1',
    'GatewayClass',
    { name: 'eg' },
    { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
  ),
  cr(
    'gateway.networking.k8s.io/v1',
    'Gateway',
    { name: 'edge', namespace: 'crm' },
    { gatewayClassName: 'eg', listeners: [{ name: 'http', hostname: 'gw.example.com', port: 80, protocol: 'HTTP' }] },
    { addresses: [{ type: 'IPAddress', value: '192.168.10.100' }] },
  ),
  cr(
    'gateway.networking.k8s.io/v1',
    'HTTPRoute',
    { name: 'crm', namespace: 'crm' },
    {
      parentRefs: [{ name: 'edge' }],
      hostnames: ['gw.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'crm-api', port: 80 }] },
      ],
    },
  ),
  cr(
    'metallb.io/v1beta1',
    'IPAddressPool',
    { name: 'lan', namespace: 'metallb-system' },
    { addresses: ['192.168.10.0/24'] },
  ),
  cr(
    'metallb.io/v1beta1',
    'L2Advertisement',
    { name: 'lan', namespace: 'metallb-system' },
    { ipAddressPools: ['lan'] },
  ),
  cr(
    'metallb.io/v1beta1',
    'BGPAdvertisement',
    { name: 'bgp', namespace: 'metallb-system' },
    { ipAddressPools: ['lan'] },
  ),
  cr(
    'metallb.io/v1beta1',
    'ServiceL2Status',
    { name: 'l2-crm', namespace: 'kubesphere-controls-system' },
    {},
    { node: 'ks-1', serviceName: 'kubesphere-router-crm', serviceNamespace: 'kubesphere-controls-system' },
  ),
  cr('cilium.io/v2alpha1', 'CiliumLoadBalancerIPPool', { name: 'pool' }, { blocks: [{ cidr: '192.168.20.0/24' }] }),
  cr(
    'cilium.io/v2alpha1',
    'CiliumL2AnnouncementPolicy',
    { name: 'l2' },
    { loadBalancerIPs: true, interfaces: ['eth0'], serviceSelector: { matchLabels: { app: 'crm' } } },
  ),
];

const FRONT_DOOR_KINDS = new Set<string>(FRONT_DOOR_KIND_NAMES);

/** The objects a front door reads: its kinds, ConfigMaps other than kube-proxy's, pods, LoadBalancer Services. */
function frontDoorIndexes(objects: KubeObject[]): number[] {
  return objects.flatMap((o, i) => {
    const spec = (o as { spec?: { type?: unknown } }).spec;
    const relevant =
      FRONT_DOOR_KINDS.has(o.kind ?? '') ||
      (o.kind === 'ConfigMap' && o.metadata?.name !== 'kube-proxy') ||
      o.kind === 'Pod' ||
      (o.kind === 'Service' && spec?.type === 'LoadBalancer');
    return relevant ? [i] : [];
  });
}

/** Every front-door trace the CLI could run on the input's LB Services and Ingresses, with and without --host. */
function traceAll(model: ClusterModel, dataplane: Dataplane, input: KubeObject[], routeHosts: string[]): void {
  const targets: { target: FrontDoorTarget; host: string | null }[] = [];
  for (const o of input) {
    const name = o?.metadata?.name;
    if (typeof name !== 'string') continue;
    const key = `${typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : 'default'}/${name}`;
    if (o.kind === 'Service') targets.push({ target: { kind: 'lb', service: key, port: null }, host: null });
    if (o.kind === 'Ingress') targets.push({ target: { kind: 'ingress', ingress: key }, host: null });
  }
  const hosts = [null, ...[...new Set(routeHosts)].slice(0, 3)];
  for (const { target } of targets)
    for (const host of hosts) {
      const error = frontDoorTargetError(model, target, host, null);
      const r = traceInModel(
        model,
        dataplane,
        {
          source: { kind: 'external', ip: '203.0.113.50' },
          destination: { ip: '0.0.0.0', port: 1, protocol: 'TCP' },
          atNode: null,
          policy: null,
        },
        { target, host },
      );
      expect(() => JSON.stringify(r)).not.toThrow();
      // The CLI's check and the trace agree: a target error is a trace that names it and handles nothing.
      if (error) expect(r).toMatchObject({ verdict: 'notHandled', reason: error });
    }
}

const fastChecks = new Map<KnownKind, (v: unknown) => boolean>();
function fastCheck(kind: KnownKind): (v: unknown) => boolean {
  if (!fastChecks.has(kind)) fastChecks.set(kind, compileCheck(KIND_SCHEMAS[kind]));
  return fastChecks.get(kind)!;
}

/** Every touched object of a known kind that breaks its schema has a warning naming its kind and name. */
function expectWarned(objects: KubeObject[], touched: Set<number>, warnings: ModelWarning[]): void {
  for (const i of touched) {
    const o = objects[i];
    if (typeof o?.kind !== 'string' || !Object.hasOwn(KIND_SCHEMAS, o.kind)) continue; // not a kind kubepath reads
    const kind = o.kind as KnownKind;
    const valid = KIND_SCHEMAS[kind].safeParse(o).success;
    // The generated fast check (lib/model/compiled-check.ts) answers as zod does on the new schemas too.
    expect(fastCheck(kind)(o), `${kind}: compiled check vs zod`).toBe(valid);
    if (valid) continue;
    // A plain name is shown as is; a hostile one (huge, control characters) is shortened or escaped.
    const raw = o.metadata?.name;
    const name = typeof raw === 'string' && /^[a-z0-9.-]{1,253}$/.test(raw) ? raw : null;
    const named = warnings.filter((w) => w.kind === o.kind && (name === null || (w.object ?? '').endsWith(name)));
    expect(named.length, `${o.kind} ${name}: ${JSON.stringify(warnings)}`).toBeGreaterThan(0);
  }
}

describe.each(STORIES)('front doors on mutated %s', (id) => {
  const base = [...story(id), ...(id === 'kubesphere-calico' ? EXTRA_KINDS : [])];
  const interesting = frontDoorIndexes(base);
  it('analysis and every front-door trace return; a touched object that breaks its schema is a warning', () => {
    expect(interesting.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const aimed = mutations.map((m) => ({ ...m, object: interesting[m.object % interesting.length] }));
        const { objects, touched } = mutate(base, aimed);
        const { analysis, model, dataplane } = analyzeObjects(objects);
        expect(() => JSON.stringify(analysis)).not.toThrow();
        expectWarned(objects, touched, analysis.warnings);
        const hosts = analysis.services.flatMap((s) => (s.frontDoor?.routes ?? []).flatMap((r) => r.hosts));
        traceAll(model, dataplane, objects, hosts);
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 9), numRuns: Number(process.env.FUZZ_RUNS ?? 80) },
    );
  }, 60_000);
});

/** One malformed value per front-door kind, where kubepath reads it. */
const MALFORMED: { kind: string; name: string; at: string[]; value: unknown }[] = [
  { kind: 'Ingress', name: 'crm', at: ['spec', 'rules'], value: -1 },
  { kind: 'Ingress', name: 'crm', at: ['spec', 'rules', '0', 'host'], value: 7 },
  { kind: 'Ingress', name: 'crm', at: ['spec', 'rules', '0', 'http', 'paths'], value: 'x' },
  { kind: 'Gateway', name: 'edge', at: ['spec', 'listeners'], value: { hostname: 'a' } },
  { kind: 'GatewayClass', name: 'eg', at: ['spec', 'controllerName'], value: ['x'] },
  { kind: 'HTTPRoute', name: 'crm', at: ['spec', 'rules', '0', 'backendRefs', '0', 'port'], value: 'eighty' },
  { kind: 'HTTPRoute', name: 'crm', at: ['spec', 'hostnames'], value: 'gw.example.com' },
  { kind: 'IPAddressPool', name: 'lan', at: ['spec', 'addresses'], value: '192.168.10.0/24' },
  { kind: 'L2Advertisement', name: 'lan', at: ['spec', 'ipAddressPools'], value: 3 },
  { kind: 'ServiceL2Status', name: 'l2-crm', at: ['status', 'node'], value: { name: 'ks-1' } },
  { kind: 'Eip', name: 'eip-pool', at: ['spec', 'address'], value: 192 },
  { kind: 'CiliumLoadBalancerIPPool', name: 'pool', at: ['spec', 'blocks'], value: '192.168.20.0/24' },
  { kind: 'CiliumL2AnnouncementPolicy', name: 'l2', at: ['spec', 'interfaces'], value: 'eth0' },
  { kind: 'ConfigMap', name: 'kubesphere-router-crm-nginx', at: ['data', 'use-forwarded-headers'], value: true },
  { kind: 'Pod', name: 'kubesphere-router-crm-0', at: ['spec', 'containers', '0', 'args'], value: '--configmap=x' },
  {
    kind: 'Service',
    name: 'kubesphere-router-crm',
    at: ['metadata', 'annotations'],
    value: ['eip.openelb.kubesphere.io/v1alpha2'],
  },
];

function setAt(o: KubeObject, at: string[], value: unknown): KubeObject {
  const copy = structuredClone(o) as Record<string, unknown>;
  let holder = copy;
  for (const k of at.slice(0, -1)) holder = holder[k] as Record<string, unknown>;
  holder[at[at.length - 1]] = value;
  return copy as KubeObject;
}

describe('a front-door object malformed where kubepath reads it', () => {
  const base = [...story('kubesphere-calico'), ...EXTRA_KINDS];
  it.each(MALFORMED.map((m) => [`${m.kind} ${m.name} ${m.at.join('.')}`, m]))(
    '%s: a warning naming it, the rest analysed',
    (_, m) => {
      const { kind, name, at, value } = m as (typeof MALFORMED)[number];
      const i = base.findIndex((o) => o.kind === kind && o.metadata?.name === name);
      expect(i, `${kind} ${name} in the fixture`).toBeGreaterThanOrEqual(0);
      const objects = base.map((o, j) => (j === i ? setAt(o, at, value) : o));
      const { analysis, model, dataplane } = analyzeObjects(objects);
      const warning = analysis.warnings.find((w) => w.kind === kind && (w.object ?? '').endsWith(name));
      expect(warning, JSON.stringify(analysis.warnings)).toBeDefined();
      expect(
        at.some((segment) => warning!.message.includes(segment)),
        warning!.message,
      ).toBe(true);
      // The rest is analysed: the story's Services are all there and every trace returns.
      expect(analysis.services.map((s) => s.service)).toEqual(
        expect.arrayContaining(['crm/crm-api', 'kubesphere-controls-system/kubesphere-router-crm']),
      );
      traceAll(model, dataplane, objects, ['crm.example.com']);
    },
  );
});
