// policy-named-port-unresolved: a named port in a policy resolves per pod against its containerPorts
// with the same protocol; a name no relevant pod exposes matches nothing, so the rule entry admits
// nothing (e2e "should allow ingress access on one named port"; netpol-analyzer netpol_named_port_test_2
// "named ports of the rule have no match in the configuration of the destination peer";
// ../shared/reference/netpol-semantics.md §1.6). The issues themselves come from netpol unresolvedNamedPorts (computed once);
// this stage attaches ingress issues to the Services whose pods the policy selects, and a cluster stage
// reports the rest (egress rules, policies in front of no Service).
import { policiesSelectingPod, type NamedPortIssue } from '../netpol';
import type { Finding } from '../types';
import { finding, listText, plural, ref, shortName } from './finding';
import type { ClusterFindingContext, FindingContext } from './types';

export const POLICY_NAMED_PORT_UNRESOLVED = 'policy-named-port-unresolved';

const SOURCE =
  'e2e network_policy.go "should allow ingress access on one named port"; np-guard/netpol-analyzer netpol_named_port_test_2; ../shared/reference/netpol-semantics.md §1.6';

/** The most plausible intended name among the pods' port names (shares a word with the wanted one). */
function suggestion(wanted: string, names: string[]): string | null {
  const words = wanted.split('-');
  return names.find((n) => n.split('-').some((w) => words.includes(w))) ?? null;
}

/** Raises `policy-named-port-unresolved` for ingress rules of policies selecting this Service's pods. */
export function namedPortUnresolvedForService(ctx: FindingContext): Finding[] {
  const s = ctx.svc.service;
  // Indexed once for the cluster: ingress issues of policies that select some pod (others can front no Service).
  const { byPolicy, namespaces } = ctx.cluster.memo(POLICY_NAMED_PORT_UNRESOLVED, () => {
    const m = new Map<string, NamedPortIssue[]>();
    const nss = new Set<string>();
    for (const i of ctx.cluster.namedPortIssues()) {
      if (i.direction !== 'Ingress' || i.candidatePods === 0) continue;
      const l = m.get(i.policy);
      if (l) l.push(i);
      else m.set(i.policy, [i]);
      nss.add(i.policy.slice(0, i.policy.indexOf('/')));
    }
    return { byPolicy: m, namespaces: nss };
  });
  if (!namespaces.has(s.namespace)) return [];
  const { ingressRules } = ctx.svc;
  if (ingressRules.length === 0) return [];
  const rulePods = new Map<string, string[]>();
  for (const r of ingressRules) rulePods.set(r.policy.key, r.pods);
  const issues = [...rulePods.keys()].flatMap((k) => byPolicy.get(k) ?? []);
  const { model } = ctx.cluster;
  return issues.map((issue) => {
    const pods = (rulePods.get(issue.policy) ?? []).map((k) => model.pods.get(k)).filter((p) => p !== undefined);
    const exposed = [
      ...new Map(
        pods.flatMap((p) =>
          p.containerPorts.filter((c) => c.name !== null).map((c) => [`${c.name}/${c.protocol}`, c] as const),
        ),
      ).values(),
    ];
    const names = exposed.map((c) => `${c.name} (${c.port}${c.protocol !== 'TCP' ? `/${c.protocol}` : ''})`);
    const hint = suggestion(
      issue.name,
      exposed.filter((c) => c.protocol === issue.protocol).map((c) => c.name!),
    );
    const group = pods.length === 1 ? `the ${s.name} pod` : `the ${pods.length} ${s.name} pods`;
    return finding({
      rule: POLICY_NAMED_PORT_UNRESOLVED,
      namespace: s.namespace,
      name: s.name,
      detail: [shortName(issue.policy), `ingress-${issue.ruleIndex}`, issue.name],
      severity: 'warning',
      service: s.key,
      title: 'NetworkPolicy names a port that the selected pods do not have',
      message: `${shortName(issue.policy)} allows port "${issue.name}" (${issue.protocol}, ingress[${issue.ruleIndex}]), but ${group} it selects ${names.length ? `name their ports ${listText(names, 4)}` : 'declare no named ports'}: the name resolves to nothing, so the entry admits nothing.`,
      evidence: [
        ref('NetworkPolicy', issue.policy),
        ref('Service', s.key),
        ...pods.slice(0, 3).map((p) => ref('Pod', p.key)),
      ],
      fix: hint
        ? `Use the pods' port name "${hint}" (or its number) in ${shortName(issue.policy)}.`
        : `Name a port the pods expose, or use the port number, in ${shortName(issue.policy)}.`,
      fixYaml: `# NetworkPolicy ${issue.policy}, ingress[${issue.ruleIndex}]\nspec:\n  ingress:\n  - ports:\n    - protocol: ${issue.protocol}\n      port: ${hint ?? '<container port name or number>'}\n`,
      source: SOURCE,
    });
  });
}

/** Raises `policy-named-port-unresolved` (service null) for egress issues and policies in front of no analysed Service. */
export function namedPortUnresolvedElsewhere(ctx: ClusterFindingContext): Finding[] {
  const { model, policies } = ctx.cluster;
  // An ingress issue is attached to a Service when the policy selects a pod that is one of its endpoints
  // (namedPortUnresolvedForService reports it there); checked only for the few policies with issues.
  const frontsAService = (policyKey: string): boolean => {
    const ns = policyKey.slice(0, policyKey.indexOf('/'));
    return (model.podsByNamespace.get(ns) ?? []).some(
      (pod) =>
        ctx.cluster.servicesOfPod(pod.key).some((svc) => ctx.services.has(svc)) &&
        policiesSelectingPod(policies, pod, 'Ingress').some((s) => s.policy.key === policyKey),
    );
  };
  const attached = new Map<string, boolean>();
  const isAttached = (key: string) => {
    let v = attached.get(key);
    if (v === undefined) attached.set(key, (v = frontsAService(key)));
    return v;
  };
  return ctx.cluster
    .namedPortIssues()
    .filter((i) => i.direction === 'Egress' || i.candidatePods === 0 || !isAttached(i.policy))
    .map((issue: NamedPortIssue) => {
      const [ns, name] = issue.policy.split('/');
      const dir = issue.direction === 'Ingress' ? 'ingress' : 'egress';
      return finding({
        rule: POLICY_NAMED_PORT_UNRESOLVED,
        namespace: ns,
        name,
        detail: [`${dir}-${issue.ruleIndex}`, issue.name],
        severity: 'warning',
        service: null,
        title: 'NetworkPolicy names a port that no relevant pod has',
        message: `${issue.message}${issue.candidatePods ? ` (${plural(issue.candidatePods, 'candidate pod')} checked)` : ''}.`,
        evidence: [ref('NetworkPolicy', issue.policy)],
        fix: `Use a port name the ${issue.direction === 'Ingress' ? 'selected' : 'destination'} pods expose with protocol ${issue.protocol}, or the port number.`,
        fixYaml: null,
        source: SOURCE,
      });
    });
}
