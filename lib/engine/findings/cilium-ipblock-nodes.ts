// cilium-ipblock-nodes: Cilium's CIDR selectors (ipBlock) never match in-cluster entities — pods or
// nodes — unless `policy-cidr-match-mode` includes `nodes` (cilium Documentation/security/policy/
// language.rst "Selecting nodes with CIDR / ipBlock", beta since v1.15). An ipBlock listing node
// addresses is therefore dead, and traffic a node SNATs toward a backend on another node (identity
// remote-node with the kube-proxy replacement; world behind kube-proxy, cilium/cilium#23603) is denied
// (../shared/reference/netpol-semantics.md §1.5, §3.3, §5 rule 5).
import { CILIUM_CONFIGMAP } from '../cilium-config';
import type { Finding } from '../types';
import { finding, listText, plural, ref, shortName } from './finding';
import { distinctAllowLists } from './node-allowlist';
import { isEveryoneBlock } from './node-coverage';
import type { FindingContext } from './types';

export const CILIUM_IPBLOCK_NODES = 'cilium-ipblock-nodes';

/** Raises `cilium-ipblock-nodes` for each policy whose ipBlocks name node addresses on Cilium without nodes match mode. */
export function ciliumIpBlockNodes(ctx: FindingContext): Finding[] {
  const { service: s, entry, analysis } = ctx.svc;
  const { model, traits } = ctx.cluster;
  if (traits.engine !== 'cilium' || traits.policyCIDRMatchNodes) return [];
  const allowLists = ctx.svc.allowLists; // computed on first use: only on Cilium clusters
  if (allowLists.length === 0) return [];
  const byPolicy = new Map<string, { nodes: Set<string>; addresses: Set<string>; blocks: string[] }>();
  for (const a of distinctAllowLists(allowLists)) {
    if (isEveryoneBlock(a)) continue; // 0.0.0.0/0 is meant for everyone, nodes or not
    const published = ctx.cluster.nodeCoverage(a).addresses.filter((x) => !x.derived);
    if (published.length === 0) continue;
    let e = byPolicy.get(a.policy);
    if (!e) byPolicy.set(a.policy, (e = { nodes: new Set(), addresses: new Set(), blocks: [] }));
    for (const x of published) {
      e.nodes.add(x.node);
      e.addresses.add(x.address);
    }
    e.blocks.push(a.cidr);
  }
  if (byPolicy.size === 0) return [];
  const raw = model.configMaps.get(CILIUM_CONFIGMAP)?.['policy-cidr-match-mode'];
  const mode = raw === undefined ? 'not set' : `"${raw}"`;
  // SNAT toward other nodes only happens for Cluster-policy external traffic without DSR.
  const snat =
    entry !== null && s.externalTrafficPolicy === 'Cluster' && analysis.paths.Cluster.clientIPPreserved !== 'yes';
  const out: Finding[] = [];
  for (const [policy, e] of byPolicy) {
    const all = e.nodes.size === model.nodes.size;
    const addrs = [...e.addresses].sort();
    out.push(
      finding({
        rule: CILIUM_IPBLOCK_NODES,
        namespace: s.namespace,
        name: s.name,
        detail: [shortName(policy)],
        severity: snat ? 'error' : 'warning',
        service: s.key,
        title: 'Cilium ipBlock lists node addresses, which Cilium does not match by CIDR',
        message: `${shortName(policy)} lists ${all ? `the addresses of all ${plural(model.nodes.size, 'node')}` : `addresses of ${plural(e.nodes.size, 'node')}`} (${listText(addrs, 4)}) as ipBlocks, but policy-cidr-match-mode is ${mode}: Cilium never matches node addresses with CIDR rules, so ${snat ? `traffic a node SNATs toward a backend of ${s.name} on another node (identity remote-node) is denied` : 'these entries admit nothing'}.`,
        evidence: [ref('NetworkPolicy', policy), ref('Service', s.key), ref('ConfigMap', CILIUM_CONFIGMAP)],
        fix: 'Set policy-cidr-match-mode to "nodes" in cilium-config (Helm policyCIDRMatchMode: nodes), or allow the remote-node entity with a CiliumNetworkPolicy; better, keep the client address (DSR or externalTrafficPolicy Local) and drop the node entries.',
        fixYaml: `# ConfigMap ${CILIUM_CONFIGMAP} (restart the Cilium agents)\ndata:\n  policy-cidr-match-mode: nodes\n---\n# or a CiliumNetworkPolicy next to ${policy}\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: ${shortName(policy)}-remote-node\n  namespace: ${s.namespace}\nspec:\n  endpointSelector: {}   # narrow to the Service's pods\n  ingress:\n  - fromEntities:\n    - remote-node\n`,
        source:
          'cilium Documentation/security/policy/language.rst ("Selecting nodes with CIDR / ipBlock"; entities remote-node, world); cilium/cilium#23603; ../shared/reference/netpol-semantics.md §1.5, §3.3, §5 rule 5',
      }),
    );
  }
  return out;
}
