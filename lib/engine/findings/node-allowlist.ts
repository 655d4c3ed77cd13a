// node-allowlist: an ipBlock allow-list that contains node (or tunnel / gateway) addresses admits
// whatever those nodes send or masquerade, so it lets in every client whose traffic a node SNATs to
// such an address, whatever the client's real address (../shared/reference/netpol-semantics.md §5 rule 3, §3.7 KubeSphere
// note; the SNAT addresses per CNI from §2–§4). What it admits here is worked out from the dataplane:
// cross-node SNAT addresses (Cluster policy, endpoint on another node), same-node SNAT addresses where
// the policy runs after MASQUERADE, and always host processes and hostNetwork pods of those nodes.
// Cilium without policy-cidr-match-mode=nodes never matches node addresses: see cilium-ipblock-nodes.
import type { IpBlockAllowList } from '../netpol';
import type { Finding } from '../types';
import { isEveryoneBlock } from './node-coverage';
import { finding, listText, plural, ref, shortName } from './finding';
import type { FindingContext } from './types';

export const NODE_ALLOWLIST = 'node-allowlist';

/** CNIs whose pod policy runs before kube-proxy's MASQUERADE on the endpoint's own node (§3.1, §3.4). */
const POLICY_BEFORE_MASQUERADE = new Set(['calico', 'kube-router']);

/** Dedupe allow-list entries by policy and block (the same peer may appear once per pod set). */
export function distinctAllowLists(lists: readonly IpBlockAllowList[]): IpBlockAllowList[] {
  const seen = new Map<string, IpBlockAllowList>();
  for (const a of lists) {
    const k = `${a.policy}\u0000${a.peer.text}`;
    if (!seen.has(k)) seen.set(k, a);
  }
  return [...seen.values()];
}

/** Raises `node-allowlist` for each allow-list entry of an externally reachable Service that covers node addresses. */
export function nodeAllowList(ctx: FindingContext): Finding[] {
  const { service: s, entry } = ctx.svc;
  const { model, traits, dataplane } = ctx.cluster;
  if (!entry) return [];
  if (traits.engine === 'cilium' && !traits.policyCIDRMatchNodes) return [];
  const allowLists = ctx.svc.allowLists; // computed on first use
  if (allowLists.length === 0) return [];
  const distinct = distinctAllowLists(allowLists);
  const out: Finding[] = [];
  for (const a of distinct) {
    if (isEveryoneBlock(a)) continue;
    const cov = ctx.cluster.nodeCoverage(a);
    const tunnelNodes = new Set(
      cov.addresses.filter((x) => x.kind !== 'InternalIP' && x.kind !== 'ExternalIP' && !x.derived).map((x) => x.node),
    );
    if (cov.publishedIPNodes.length === 0 && cov.crossSnatNodes.length === 0 && tunnelNodes.size === 0) continue;
    const nodeCount = new Set(
      cov.addresses.filter((x) => !x.derived || cov.crossSnatNodes.includes(x.node)).map((x) => x.node),
    ).size;
    const all = nodeCount === model.nodes.size;
    const what =
      cov.publishedIPNodes.length > 0
        ? `the ${cov.publishedIPNodes.length === model.nodes.size ? `InternalIPs of all ${model.nodes.size} nodes` : `addresses of ${plural(cov.publishedIPNodes.length, 'node')} (${listText(cov.publishedIPNodes, 3)})`}`
        : `the tunnel/gateway addresses of ${plural(nodeCount, 'node')}`;
    const cluster = s.externalTrafficPolicy === 'Cluster';
    // What the block admits of external clients, given where this dataplane masquerades and where policy runs.
    const clients: string[] = [];
    if (cov.crossSnatNodes.length > 0) {
      const through =
        cov.crossSnatNodes.length === model.nodes.size
          ? 'any node'
          : `${plural(cov.crossSnatNodes.length, 'node')} (${listText(cov.crossSnatNodes, 3)})`;
      clients.push(
        `every external client entering through ${through} toward a pod on another node${cluster ? '' : ' (under Cluster)'}`,
      );
    }
    const policySeesSameNodeSnat = !POLICY_BEFORE_MASQUERADE.has(traits.engine) || dataplane.proxyMode === 'ipvs';
    if (cov.sameSnatNodes.length > 0 && policySeesSameNodeSnat) {
      clients.push(
        `every external client entering through the pod's own node${cluster ? '' : ' (under Cluster)'}, as ${traits.label} may apply pod policy after the node masquerades it`,
      );
    }
    const hosts = `every host process and hostNetwork pod on ${all ? 'every node' : 'those nodes'}`;
    const admits = clients.length
      ? `it admits ${listText(clients, 2)}, whatever the client's real address, and ${hosts}`
      : `it admits ${hosts}, and would admit any client a node masquerades to one of these addresses`;
    const clientLists = distinct
      .filter((b) => b !== a && b.policy === a.policy && ctx.cluster.isClientAllowList(b))
      .map((b) => b.cidr);
    const defeats = clientLists.length ? `, which undermines the ${listText(clientLists, 3)} allow-list` : '';
    const viaTunnel =
      cov.crossSnatNodes.length === 0 &&
      cov.publishedIPNodes.length > 0 &&
      (dataplane.overlay === 'ipip' || dataplane.overlay === 'vxlan')
        ? ` (here cross-node SNAT uses ${dataplane.overlay.toUpperCase()} tunnel addresses outside the block instead: see overlay-tunnel-snat)`
        : '';
    out.push(
      finding({
        rule: NODE_ALLOWLIST,
        namespace: s.namespace,
        name: s.name,
        detail: [shortName(a.policy), a.cidr],
        severity: 'warning',
        service: s.key,
        title: 'NetworkPolicy allow-list contains node addresses: it admits clients by the node they pass through',
        message: `${shortName(a.policy)} allows ${a.cidr}, which contains ${what}: ${admits}${defeats}${viaTunnel}.`,
        evidence: [
          ref('NetworkPolicy', a.policy),
          ref('Service', s.key),
          ...[...new Set(cov.addresses.map((x) => x.node))].slice(0, 5).map((n) => ref('Node', n)),
        ],
        fix: `Remove the node range from ${shortName(a.policy)} and keep the client address instead (externalTrafficPolicy Local, or Cilium DSR), so the client allow-list alone decides.`,
        fixYaml: `# NetworkPolicy ${a.policy}: allow the clients only\nspec:\n  ingress:\n  - from:\n${(clientLists.length ? clientLists : ['<client CIDR>']).map((c) => `    - ipBlock:\n        cidr: ${c}`).join('\n')}\n---\n# Service ${s.key}\nspec:\n  externalTrafficPolicy: Local\n`,
        source:
          '../shared/reference/netpol-semantics.md §5 rule 3 (warning:node-allowlist-admits-all-clients), §3.7 (KubeSphere: allow-listing node IPs admits every client entering through those nodes); SNAT addresses per §2–§4',
      }),
    );
  }
  return out;
}
