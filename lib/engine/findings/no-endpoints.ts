// no-endpoints: a Service with no usable endpoint (ready, or serving+terminating) — selected pods, or,
// for a Service without a selector, the EndpointSlices someone manages by hand.
// kube-proxy REJECTs every packet to it, on every entry and from every client, instead of dropping
// (iptables/nftables proxier_test.go::TestNoEndpointsReject; TestTerminatingEndpointsTrafficPolicy{Local,Cluster}
// "no usable endpoints on any node"). Headless Services get no kube-proxy rule: DNS simply answers with no address.
import type { PodModel, ServiceModel } from '../../model/cluster';
import { RULES } from '../rules';
import type { Finding } from '../types';
import { finding, listText, plural, ref } from './finding';
import type { FindingContext } from './types';

export const NO_ENDPOINTS = 'no-endpoints';

const selectorText = (sel: Record<string, string>) =>
  Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

const matches = (sel: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(sel).every(([k, v]) => labels[k] === v);

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The pod whose labels miss the selector by exactly one value, the most similar one (likely a rename). */
function closestPod(
  sel: Record<string, string>,
  pods: readonly PodModel[],
): { pod: PodModel; key: string; value: string } | null {
  const keys = Object.keys(sel);
  let best: { pod: PodModel; key: string; value: string; score: number } | null = null;
  for (const pod of pods) {
    const misses = keys.filter((k) => pod.labels[k] !== sel[k]);
    if (misses.length !== 1) continue;
    const k = misses[0];
    const value = pod.labels[k];
    if (value === undefined) continue;
    const score = commonPrefix(value, sel[k]);
    if (!best || score > best.score || (score === best.score && pod.key < best.pod.key))
      best = { pod, key: k, value, score };
  }
  return best && best.score > 0 ? { pod: best.pod, key: best.key, value: best.value } : null;
}

function entriesText(s: ServiceModel): string {
  if (s.headless) return 'its DNS name';
  const ip = s.clusterIPs[0];
  const ports = s.ports.map((p) => `${p.port}/${p.protocol}`);
  return ip ? `${ip}${ports.length ? ` on ${listText(ports, 4)}` : ''}` : 'it';
}

/** Raises `no-endpoints` for a Service (not ExternalName) with no ready or serving endpoint. */
export function noEndpoints(ctx: FindingContext): Finding[] {
  const { service: s, endpoints } = ctx.svc;
  const { model } = ctx.cluster;
  if (s.type === 'ExternalName') return [];
  // Without EndpointSlices (or Endpoints) in the snapshot the absence of endpoints proves nothing.
  if (model.unavailableKinds.EndpointSlice && model.unavailableKinds.Endpoints) return [];
  if (endpoints.some((ep) => ep.ready || (ep.serving && ep.terminating))) return [];
  if (s.selector === null || Object.keys(s.selector).length === 0) return selectorless(s, endpoints.length);
  const sel = s.selector;
  const nsPods = model.podsByNamespace.get(s.namespace) ?? [];
  const selected = nsPods.filter((p) => matches(sel, p.labels));
  const evidence = [ref('Service', s.key)];
  let why: string;
  let fix: string;
  let fixYaml: string | null = null;
  if (selected.length > 0) {
    const ready = selected.filter((p) => p.ready).length;
    why = `its selector ${selectorText(sel)} matches ${plural(selected.length, 'pod')} (${listText(
      selected.map((p) => p.name),
      3,
    )}), ${ready === 0 ? 'none of them ready' : `${ready} ready but not (yet) in its EndpointSlices`}${endpoints.length ? `, and none of its ${plural(endpoints.length, 'endpoint')} is ready or serving` : ''}`;
    evidence.push(...selected.slice(0, 5).map((p) => ref('Pod', p.key)));
    fix =
      'Make the selected pods pass their readiness probes (or check why they are not running); until one is ready, clients get connection refused.';
  } else {
    const near = closestPod(sel, nsPods);
    why = `its selector ${selectorText(sel)} matches no pod in namespace ${s.namespace}${near ? ` (closest: ${near.pod.name} with ${near.key}=${near.value})` : ''}${endpoints.length ? `, and its ${plural(endpoints.length, 'endpoint')} are neither ready nor serving` : ''}`;
    if (near) {
      evidence.push(ref('Pod', near.pod.key));
      fixYaml = `# Service ${s.key}\nspec:\n  selector:\n${Object.entries({ ...sel, [near.key]: near.value })
        .map(([k, v]) => `    ${k}: ${v}`)
        .join('\n')}\n`;
      fix = `Point the selector at the pods' labels (${near.key}: ${near.value}), or relabel the workload.`;
    } else {
      fix = 'Point the selector at the labels of the pods that should serve this Service, or delete the Service.';
    }
  }
  return [noEndpointsFinding(s, why, evidence, fix, fixYaml)];
}

/** What clients get from a Service without endpoints. */
const outcomeText = (s: ServiceModel) =>
  s.headless
    ? 'so DNS for this headless Service returns no address'
    : `so kube-proxy rejects every packet to ${entriesText(s)} (ICMP port unreachable / TCP reset) rather than dropping it`;

/**
 * A Service without a selector gets its endpoints from EndpointSlices that someone (a person, an
 * operator) writes; the EndpointSlice controller never fills them. With none usable, it rejects too.
 */
function selectorless(s: ServiceModel, endpointCount: number): Finding[] {
  const why = endpointCount
    ? `it has no selector, and none of the ${plural(endpointCount, 'endpoint')} in its hand-managed EndpointSlices is ready or serving`
    : 'it has no selector and no EndpointSlice (or Endpoints) object lists an address for it; the EndpointSlice controller only fills Services with a selector';
  const fixYaml = `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  namespace: ${s.namespace}\n  name: ${s.name}-manual\n  labels:\n    kubernetes.io/service-name: ${s.name}\naddressType: IPv4\nports:\n${s.ports.map((p) => `  - ${p.name ? `name: ${p.name}\n    ` : ''}port: ${typeof p.targetPort === 'number' ? p.targetPort : p.port}\n    protocol: ${p.protocol}`).join('\n')}\nendpoints:\n  - addresses: ["192.0.2.10"]   # the backend's address\n`;
  return [
    noEndpointsFinding(
      s,
      why,
      [ref('Service', s.key)],
      "Create an EndpointSlice labelled kubernetes.io/service-name with the backends' addresses (or give the Service a selector).",
      fixYaml,
    ),
  ];
}

function noEndpointsFinding(
  s: ServiceModel,
  why: string,
  evidence: Finding['evidence'],
  fix: string,
  fixYaml: string | null,
): Finding {
  const outcome = outcomeText(s);
  return finding({
    rule: NO_ENDPOINTS,
    namespace: s.namespace,
    name: s.name,
    severity: 'error',
    service: s.key,
    title: s.headless
      ? 'Headless Service has no ready endpoints'
      : 'Service has no usable endpoints: connections are rejected',
    message: `${s.name} has no ready or serving endpoint: ${why}, ${outcome}.`,
    evidence,
    fix,
    fixYaml,
    source: RULES.rejectNoEndpoints,
  });
}
