// The share of a Service's external traffic that reaches some pods with a given NetworkPolicy verdict, worked
// out per entry node: a pod's verdict can depend on the node the load balancer picked (Calico and kube-router
// police before MASQUERADE, so the pod on the receiving node still sees the client: ../shared/reference/netpol-semantics.md §3.1,
// projectcalico/calico#1379), so the pod's whole share would overstate it. Each node row of the paths is traced
// once (tracePacket, the same engine as `kubepath trace`) and weighted by the row's load-balancer share.
import { familyOf } from '../endpoints';
import type { ClusterModel, PodModel } from '../../model/cluster';
import { classifyClient } from '../netpol/seen-source';
import type { PolicyAnswer, PolicyHook, PolicyQuestion } from '../policy-hook';
import { nodePrimaryIP } from '../snat';
import { tracePacket } from '../trace';
import type { NodePath, PolicyVerdict, TrafficPolicy } from '../types';
import type { FindingContext } from './types';

/**
 * Most flows (node rows that receive traffic × endpoints) traced for one Service. Each row is one packet to
 * every endpoint, each a NetworkPolicy question: a DaemonSet-style Service under Cluster on 5,000 nodes is 25
 * million of them (2 min 36 s of one run at Kubernetes' scale limits, 7 Dec 2026), while the flows the trace
 * can subtract — those entering through a pod's own node — are about one in the number of nodes. Beyond this
 * many the caller reports the pods' whole share and says it was not traced (snat-allowlist.ts).
 */
export const MAX_TRACED_FLOWS = 50_000;

/** A node row tracedPolicyShare traces: the load balancer sends it traffic and kube-proxy forwards it. */
function receivesTraffic(row: NodePath): boolean {
  return row.lbShare > 0 && row.verdict === 'forwarded';
}

/** What tracedPolicyShare traces for `policy`: the node rows that receive traffic, and the endpoints. */
export function flowsToTrace(ctx: FindingContext, policy: TrafficPolicy): { rows: number; endpoints: number } {
  const paths = ctx.svc.analysis.paths[policy];
  let rows = 0;
  for (const row of paths.nodes) if (receivesTraffic(row)) rows++;
  return { rows, endpoints: paths.pods.length };
}

/**
 * Share (0..1) of the external traffic under `policy` that reaches one of `pods` with a verdict in `verdicts`;
 * null when a row cannot be traced (a node missing from the snapshot, a proxying load balancer).
 */
export function tracedPolicyShare(
  ctx: FindingContext,
  policy: TrafficPolicy,
  pods: ReadonlySet<string>,
  verdicts: ReadonlySet<PolicyVerdict>,
): number | null {
  const { model, dataplane, hook } = ctx.cluster;
  const { service, entry, analysis } = ctx.svc;
  if (!entry || entry.lbProxies) return null;
  const paths = analysis.paths[policy];
  const sp = service.ports[entry.portIndex];
  const port = entry.kind === 'nodePort' ? sp.nodePort : sp.port;
  if (port === null) return null;
  // Only the given pods' verdicts count: other endpoints get a placeholder instead of a policy evaluation.
  const alike = alikePodAnswers(model, hook);
  const onlyThese: PolicyHook = (q) =>
    q.destPod && pods.has(q.destPod.key) ? alike.ask(q) : { verdict: 'unknown', reason: 'not asked' };
  let share = 0;
  for (const row of paths.nodes) {
    if (!receivesTraffic(row)) continue;
    alike.nextRow();
    // Aggregated rows hold no endpoint's own node (those get rows of their own), so any member stands for all.
    const name = row.node ?? row.sampleNodes[0];
    const node = name ? model.nodes.get(name) : undefined;
    if (!node) return null;
    const address = entry.address ?? nodePrimaryIP(node, familyOf(paths.clientIP));
    if (!address) return null;
    const r = tracePacket(
      model,
      dataplane,
      {
        source: { kind: 'external', ip: paths.clientIP },
        destination: { ip: address, port, protocol: sp.protocol },
        atNode: node.name,
        policy,
      },
      onlyThese,
    );
    if (r.verdict !== 'forwarded') return null;
    for (const ep of r.endpoints)
      if (ep.pod && pods.has(ep.pod) && verdicts.has(ep.policy)) share += row.lbShare * ep.share;
  }
  return share;
}

/**
 * The hook, asked once per kind of pod in a row instead of once per pod. For a client outside the cluster, the
 * verdict depends on the destination pod only through its namespace and labels (which policies select it:
 * netpol/selection.ts), its container ports (named ports: netpol/ports.ts), hostNetwork (netpol/hook.ts,
 * evaluate.ts; such pods are asked as they are) and whether it runs on the receiving node (netpol/seen-source.ts); a client that is a pod or a
 * node has its own side to evaluate against the pod's address, and is asked as it is. Pods alike in all of those
 * get the same verdict for the same flow (their reasons differ only in naming them; only verdicts are read here).
 * A Service's pods are mostly alike: one question per row, not one per endpoint (the row fixes the receiving
 * node, hence nextRow).
 */
function alikePodAnswers(model: ClusterModel, hook: PolicyHook): { ask: PolicyHook; nextRow: () => void } {
  const kindOf = new Map<PodModel, number>();
  const kinds = new Map<string, number>();
  const outside = new Map<string, boolean>();
  // Per row: the packet's fields → the answers by kind of pod and place (slot: kind × 3 + where). The kind is a
  // small number, not its text in every key: a key string built, flattened and hashed for each of the 360,000
  // flows of the namespace-wide policies shape (bench/NOTES.md) cost ≈ 0.25 s of its ≈ 1.1 s of tracing.
  let answers = new Map<string, PolicyAnswer[]>();
  // A row's endpoints are asked one after another with the same packet fields but for the SNAT of the local one:
  // the previous question's answers are taken without building a key.
  let last: PolicyQuestion | null = null;
  let lastAnswers: PolicyAnswer[] = [];
  const isOutside = (q: PolicyQuestion): boolean => {
    if (q.clientPod !== null || q.clientNode !== null) return false;
    let o = outside.get(q.clientIP);
    if (o === undefined) outside.set(q.clientIP, (o = classifyClient(q, model).kind === 'external'));
    return o;
  };
  const kindIndex = (pod: PodModel): number => {
    let k = kindOf.get(pod);
    if (k === undefined) {
      const text = [pod.namespace, JSON.stringify(pod.labels), JSON.stringify(pod.containerPorts)].join('\u0000');
      k = kinds.get(text);
      if (k === undefined) kinds.set(text, (k = kinds.size));
      kindOf.set(pod, k);
    }
    return k;
  };
  const answersFor = (q: PolicyQuestion): PolicyAnswer[] => {
    if (last !== null && samePacket(q, last)) return lastAnswers;
    const key = `${q.clientIP}\u0000${q.masqueraded}\u0000${q.snatSource}\u0000${q.port}\u0000${q.protocol}\u0000${q.preDnatDestIP}\u0000${q.preDnatPort}`;
    let list = answers.get(key);
    if (!list) answers.set(key, (list = []));
    last = q;
    lastAnswers = list;
    return list;
  };
  const ask: PolicyHook = (q) => {
    const pod = q.destPod;
    if (!pod || pod.hostNetwork || !isOutside(q)) return hook(q);
    const where = pod.nodeName === null ? 0 : pod.nodeName === q.ingressNode?.name ? 1 : 2;
    const slot = kindIndex(pod) * 3 + where;
    const list = answersFor(q);
    return (list[slot] ??= hook(q));
  };
  const nextRow = () => {
    answers = new Map();
    last = null; // lastAnswers is read only after a question set `last`
  };
  return { ask, nextRow };
}

/** Whether two questions carry the same packet (everything but the pods and the receiving node). */
function samePacket(a: PolicyQuestion, b: PolicyQuestion): boolean {
  return (
    a.clientIP === b.clientIP &&
    a.masqueraded === b.masqueraded &&
    a.snatSource === b.snatSource &&
    a.port === b.port &&
    a.protocol === b.protocol &&
    a.preDnatDestIP === b.preDnatDestIP &&
    a.preDnatPort === b.preDnatPort
  );
}
