// policy-service-port: NetworkPolicy ports are matched against the port the pod receives, i.e. after
// Service DNAT — the resolved targetPort — never the Service `port` or the `nodePort`
// (projectcalico/felix#2836: the NodePort is a host port, policy applies after DNAT; cilium
// language.rst "Layer 4 policies apply to ports after service port mapping"; ../shared/reference/netpol-semantics.md §1.6,
// §5 rule 6). A rule entry that lists the Service port or NodePort (and not the target port) admits
// nothing of this Service's traffic.
import type { PodModel, ServicePortModel } from '../../model/cluster';
import { endpointPortFor } from '../endpoints';
import type { CompiledPort } from '../netpol';
import type { Finding } from '../types';
import { finding, listText, plural, ref, shortName } from './finding';
import type { FindingContext } from './types';

export const POLICY_SERVICE_PORT = 'policy-service-port';

const covers = (p: CompiledPort, n: number) => p.port !== null && n >= p.port && n <= (p.endPort ?? p.port);

/** Raises `policy-service-port` for ingress rule ports that name the Service port or NodePort instead of the targetPort. */
export function policyServicePort(ctx: FindingContext): Finding[] {
  const { service: s } = ctx.svc;
  const { model } = ctx.cluster;
  // Cheap precondition: some ingress rule of the namespace names this Service's port or NodePort at all.
  const ranges = ctx.cluster.ingressPortRanges(s.namespace);
  const listed = (n: number | null) => n !== null && ranges.some(([lo, hi]) => n >= lo && n <= hi);
  if (!s.ports.some((p) => listed(p.port) || listed(p.nodePort))) return [];
  const { ingressRules } = ctx.svc;
  if (ingressRules.length === 0) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const sp of s.ports) {
    if (!listed(sp.port) && !listed(sp.nodePort)) continue;
    const targets = targetPorts(ctx, sp);
    if (targets.size === 0) continue;
    const named: { what: 'Service port' | 'NodePort'; n: number }[] = [];
    if (!targets.has(sp.port)) named.push({ what: 'Service port', n: sp.port });
    if (sp.nodePort !== null && !targets.has(sp.nodePort)) named.push({ what: 'NodePort', n: sp.nodePort });
    if (named.length === 0) continue;
    for (const ref0 of ingressRules) {
      for (const p of ref0.rule.ports ?? []) {
        if (p.invalid || p.name !== null || p.protocol !== sp.protocol) continue;
        if ([...targets].some((t) => covers(p, t))) continue; // the entry also covers the real port
        for (const { what, n } of named) {
          if (!covers(p, n)) continue;
          const pods = ref0.pods.map((k) => model.pods.get(k)).filter((x): x is PodModel => x !== undefined);
          // A pod that really listens on that number (another container port) makes the entry legitimate.
          if (pods.some((pod) => pod.containerPorts.some((c) => c.port === n && c.protocol === sp.protocol))) continue;
          const declared = pods.some((pod) => pod.containerPorts.length > 0);
          const id = [
            shortName(ref0.policy.key),
            `ingress-${ref0.rule.index}`,
            `${p.protocol}-${p.port}${p.endPort ? `-${p.endPort}` : ''}`,
          ];
          const key = id.join('/');
          if (seen.has(key)) continue;
          seen.add(key);
          const tlist = [...targets].sort((a, b) => a - b);
          const peers =
            ref0.rule.peers === null
              ? 'from any source'
              : `from ${listText(
                  ref0.rule.peers.map((x) => x.text),
                  2,
                )}`;
          out.push(
            finding({
              rule: POLICY_SERVICE_PORT,
              namespace: s.namespace,
              name: s.name,
              detail: id,
              severity: declared ? 'error' : 'warning',
              service: s.key,
              title: `NetworkPolicy allows the ${what} instead of the targetPort`,
              message: `${shortName(ref0.policy.key)} allows ${p.text.replace('/', ' ')} (ingress[${ref0.rule.index}], ${peers}), which is the ${what} of ${s.name} (${sp.protocol} ${sp.port}${sp.nodePort !== null ? `, NodePort ${sp.nodePort}` : ''}); policies match the port the pod receives after DNAT, ${listText(tlist.map(String), 3)}, so this entry admits nothing of ${s.name}'s traffic to its ${plural(pods.length, 'pod')}${declared ? '' : ' (unless the pods listen on it too: they declare no container ports)'}.`,
              evidence: [ref('Service', s.key), ref('NetworkPolicy', ref0.policy.key)],
              fix: `Allow the target port ${listText(tlist.map(String), 3)} (or the container port's name) in ${shortName(ref0.policy.key)} instead of ${n}.`,
              fixYaml: `# NetworkPolicy ${ref0.policy.key}, ingress[${ref0.rule.index}]\nspec:\n  ingress:\n  - ports:\n${tlist.map((t) => `    - protocol: ${sp.protocol}\n      port: ${t}`).join('\n')}\n`,
              source:
                'projectcalico/felix#2836 (policy applies after kube-proxy DNAT); cilium Documentation/security/policy/language.rst ("Layer 4 policies apply to ports after service port mapping"); ../shared/reference/netpol-semantics.md §1.6, §5 rule 6',
            }),
          );
        }
      }
    }
  }
  return out;
}

/** The ports the Service's pods receive for one Service port (resolved per endpoint; numeric targetPort when there are none). */
function targetPorts(ctx: FindingContext, sp: ServicePortModel): Set<number> {
  const out = new Set<number>();
  for (const ep of ctx.svc.endpoints) {
    const port = endpointPortFor(ctx.cluster.model, ep, sp);
    if (port !== null) out.add(port);
  }
  if (out.size === 0 && typeof sp.targetPort === 'number') out.add(sp.targetPort);
  return out;
}
