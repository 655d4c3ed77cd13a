// overlay-tunnel-snat: on overlays the address a node masquerades cross-node traffic to is its tunnel
// or gateway address, not its InternalIP — Calico IPIP tunl0 / VXLAN vxlan.calico (annotations
// projectcalico.org/IPv4IPIPTunnelAddr, IPv4VXLANTunnelAddr; calico#3665, #6235), flannel VXLAN flannel.1
// = network address of the podCIDR (flannel vxlan.go), Antrea antrea-gw0 (#1816) — so an allow-list of
// node InternalIPs does not match traffic that entered through another node (../shared/reference/netpol-semantics.md §2
// "Which address does MASQUERADE pick?", §4, §5 rule 2). The addresses come from snat.ts::snatSourceFor.
import { cidrContains } from '../../net/ip';
import { nodePrimaryIP, snatSourceFor } from '../snat';
import type { Finding } from '../types';
import type { IpBlockAllowList } from '../netpol';
import { finding, listText, plural, ref, shortName } from './finding';
import { distinctAllowLists } from './node-allowlist';
import { isEveryoneBlock } from './node-coverage';
import type { FindingContext } from './types';

export const OVERLAY_TUNNEL_SNAT = 'overlay-tunnel-snat';

/** Raises `overlay-tunnel-snat` when an allow-list covers node InternalIPs but not the tunnel addresses nodes SNAT to. */
export function overlayTunnelSnat(ctx: FindingContext): Finding[] {
  const { service: s, entry } = ctx.svc;
  const { dataplane, traits } = ctx.cluster;
  if (!entry || s.externalTrafficPolicy !== 'Cluster') return [];
  if (traits.engine === 'cilium' && !traits.policyCIDRMatchNodes) return []; // node addresses never match: cilium-ipblock-nodes
  const allowLists = ctx.svc.allowLists; // computed on first use
  if (allowLists.length === 0) return [];
  const lists = distinctAllowLists(allowLists).filter((a) => !isEveryoneBlock(a));
  if (lists.length === 0) return [];
  const family = lists[0].peer.cidr.family;
  // The per-node work depends on the blocks (with their excepts) only, not on the policies holding them:
  // done once per distinct set of blocks, however many Services and policies repeat it.
  const key = `${OVERLAY_TUNNEL_SNAT}\u0000${family}\u0000${[...new Set(lists.map((a) => a.peer.text))].sort().join('\u0000')}`;
  const { covered, missed } = ctx.cluster.memo(key, () => gaps(ctx, lists));
  if (covered === 0) return [];
  if (missed.length === 0) return [];
  const { policies, blocks } = nodeAdmitting(ctx, lists);
  const ex = missed[0];
  const overlay =
    `${dataplane.cni === 'unknown' ? '' : `${traits.label} `}${dataplane.overlay === 'unknown' ? 'overlay' : dataplane.overlay.toUpperCase()}`.trim();
  const tunnelYaml = missed
    .slice(0, 8)
    .map((m) => `    - ipBlock:\n        cidr: ${m.address}/${family === 4 ? 32 : 128}   # ${m.via} of ${m.node}`)
    .join('\n');
  return [
    finding({
      rule: OVERLAY_TUNNEL_SNAT,
      namespace: s.namespace,
      name: s.name,
      severity: 'warning',
      service: s.key,
      title: 'Overlay SNAT uses tunnel addresses that the node allow-list does not contain',
      message: `${listText([...policies].map(shortName), 3)} admit${policies.size === 1 ? 's' : ''} the InternalIPs of ${plural(covered, 'node')} (${listText([...blocks], 3)}), but with ${overlay} a node masquerades traffic for a pod on another node to its ${ex.via} address (e.g. ${ex.node} → ${ex.address}), which the allow-list does not contain: for ${missed.length} of those ${plural(covered, 'node')} the node allow-list does not match cross-node traffic, so clients entering there are denied.`,
      evidence: [
        ref('Service', s.key),
        ...[...policies].map((p) => ref('NetworkPolicy', p)),
        ...missed.slice(0, 5).map((m) => ref('Node', m.node)),
      ],
      fix: 'Prefer externalTrafficPolicy Local (the pods then see the real client and need no node allow-list); otherwise allow-list the tunnel addresses too — knowing that any node allow-list admits every client entering through those nodes.',
      fixYaml: `# NetworkPolicy ${[...policies][0]}: the tunnel addresses nodes masquerade to (${missed.length} in all)\nspec:\n  ingress:\n  - from:\n${tunnelYaml}\n`,
      source: `../shared/reference/netpol-semantics.md §2 (MASQUERADE picks the outgoing interface address), §4, §5 rule 2 (whitelist-gap:overlay-tunnel-ip); ${ex.why}`,
    }),
  ];
}

interface Gaps {
  covered: number;
  missed: { node: string; address: string; via: string; why: string }[];
}

/** The policies and blocks of `lists` that admit some node's InternalIP or ExternalIP (O(lists): coverage is memoised). */
function nodeAdmitting(ctx: FindingContext, lists: IpBlockAllowList[]): { policies: Set<string>; blocks: Set<string> } {
  const policies = new Set<string>();
  const blocks = new Set<string>();
  for (const a of lists) {
    if (ctx.cluster.nodeCoverage(a).publishedIPNodes.length === 0) continue;
    policies.add(a.policy);
    blocks.add(a.cidr);
  }
  return { policies, blocks };
}

/** Nodes whose InternalIP the allow-lists admit but whose cross-node SNAT address they do not. */
function gaps(ctx: FindingContext, lists: IpBlockAllowList[]): Gaps {
  const { model, dataplane } = ctx.cluster;
  const covered = new Set<string>();
  const crossCovered = new Set<string>();
  for (const a of lists) {
    const cov = ctx.cluster.nodeCoverage(a);
    for (const n of cov.publishedIPNodes) covered.add(n);
    for (const n of cov.crossSnatNodes) crossCovered.add(n);
  }
  const missed: Gaps['missed'] = [];
  if (covered.size === 0) return { covered: 0, missed };
  const family = lists[0].peer.cidr.family;
  for (const name of [...covered].sort()) {
    if (crossCovered.has(name)) continue;
    const node = model.nodes.get(name);
    if (!node) continue;
    const snat = snatSourceFor(model, dataplane, node, null, family);
    if (!snat.address || snat.address === nodePrimaryIP(node, family)) continue; // no overlay address: the InternalIP is used
    const addr = snat.address;
    if (lists.some((a) => cidrContains(a.peer.cidr, addr) && !a.peer.except.some((e) => cidrContains(e, addr))))
      continue;
    missed.push({ node: name, address: addr, via: snat.via, why: snat.why });
  }
  // Examples read best with nodes the load balancer actually uses.
  const excluded = (n: string) => (model.nodes.get(n)?.excludedFromLB ? 1 : 0);
  missed.sort((a, b) => excluded(a.node) - excluded(b.node) || a.node.localeCompare(b.node));
  return { covered: covered.size, missed };
}
