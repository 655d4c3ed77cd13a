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

/**
 * What an allow-list admits of the nodes, worked out once per ipBlock (cluster facts memo): it does not
 * depend on the Service, and recomputing it per Service made the rule O(Services × nodes²).
 */
interface NodeAllowListSummary {
  /** Whether it covers anything the rule reports (published node IPs, cross-node SNAT or tunnel addresses). */
  relevant: boolean;
  /** Whether it admits a node's InternalIP or ExternalIP. */
  publishedIPs: boolean;
  /** Distinct nodes whose admitted addresses count (published, tunnel, or derived ones that are SNAT sources). */
  nodeCount: number;
  /** The sentence part "the InternalIPs of all N nodes" / "the addresses of …" / "the tunnel/gateway addresses of …". */
  what: string;
  /** "any node" or "N nodes (a, b, c)" for cross-node SNAT clients; null when none. */
  crossThrough: string | null;
  sameSnat: boolean;
  /** Up to 5 nodes named as evidence. */
  evidenceNodes: string[];
}

function summarise(ctx: FindingContext, a: IpBlockAllowList): NodeAllowListSummary {
  const { model } = ctx.cluster;
  const cov = ctx.cluster.nodeCoverage(a);
  const cross = new Set(cov.crossSnatNodes);
  const tunnelNodes = new Set<string>();
  const counted = new Set<string>();
  const evidence = new Set<string>();
  for (const x of cov.addresses) {
    if (x.kind !== 'InternalIP' && x.kind !== 'ExternalIP' && !x.derived) tunnelNodes.add(x.node);
    if (!x.derived || cross.has(x.node)) counted.add(x.node);
    if (evidence.size < 5) evidence.add(x.node);
  }
  const nodes = model.nodes.size;
  const published = cov.publishedIPNodes;
  return {
    relevant: published.length > 0 || cross.size > 0 || tunnelNodes.size > 0,
    publishedIPs: published.length > 0,
    nodeCount: counted.size,
    what:
      published.length > 0
        ? `the ${published.length === nodes ? `InternalIPs of all ${nodes} nodes` : `addresses of ${plural(published.length, 'node')} (${listText(published, 3)})`}`
        : `the tunnel/gateway addresses of ${plural(counted.size, 'node')}`,
    crossThrough:
      cross.size === 0
        ? null
        : cross.size === nodes
          ? 'any node'
          : `${plural(cross.size, 'node')} (${listText(cov.crossSnatNodes, 3)})`,
    sameSnat: cov.sameSnatNodes.length > 0,
    evidenceNodes: [...evidence],
  };
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
    const sum = ctx.cluster.memo(`${NODE_ALLOWLIST}\u0000${a.peer.text}`, () => summarise(ctx, a));
    if (!sum.relevant) continue;
    const all = sum.nodeCount === model.nodes.size;
    const cluster = s.externalTrafficPolicy === 'Cluster';
    // What the block admits of external clients, given where this dataplane masquerades and where policy runs.
    const clients: string[] = [];
    if (sum.crossThrough) {
      clients.push(
        `every external client entering through ${sum.crossThrough} toward a pod on another node${cluster ? '' : ' (under Cluster)'}`,
      );
    }
    const policySeesSameNodeSnat = !POLICY_BEFORE_MASQUERADE.has(traits.engine) || dataplane.proxyMode === 'ipvs';
    if (sum.sameSnat && policySeesSameNodeSnat) {
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
      !sum.crossThrough && sum.publishedIPs && (dataplane.overlay === 'ipip' || dataplane.overlay === 'vxlan')
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
        message: `${shortName(a.policy)} allows ${a.cidr}, which contains ${sum.what}: ${admits}${defeats}${viaTunnel}.`,
        evidence: [
          ref('NetworkPolicy', a.policy),
          ref('Service', s.key),
          ...sum.evidenceNodes.map((n) => ref('Node', n)),
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
