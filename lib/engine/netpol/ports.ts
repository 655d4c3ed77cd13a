// Matching a rule's `ports` against the connection. The port is the one the pod receives, after
// Service DNAT (projectcalico/felix#2836; cilium language.rst "Layer 4 policies apply to ports after
// service port mapping"). Protocol must match exactly (e2e "should not mistakenly treat 'protocol:
// SCTP' as 'protocol: TCP'"); no `port` = every port of that protocol (types.go); `endPort` is an
// inclusive range (network-policies.md "Targeting a range of ports"); a named port resolves against
// the destination pod's containerPorts with the same protocol, and matches nothing on pods (or
// addresses) lacking it (e2e "should allow ingress access on one named port"; netpol-analyzer
// netpol_named_port_test_2).
import type { PodModel, Protocol } from '../../model/cluster';
import { MATCH_NO, MATCH_YES, type Match } from './peers';
import type { CompiledPort } from './types';

/**
 * Matches one ports entry. `port` null = the port is not known (matches `maybe` unless the entry
 * covers every port). `namedPortPod` is the destination pod named ports resolve against (ingress: the
 * selected pod; egress: the destination pod; null when the destination is not a pod).
 */
export function portMatches(
  p: CompiledPort,
  port: number | null,
  protocol: Protocol,
  namedPortPod: PodModel | null,
): Match {
  if (p.invalid) return { tri: 'maybe', notes: [`invalid port entry (${p.invalid})`] };
  if (p.protocol !== protocol) return MATCH_NO;
  if (p.name === null && p.port === null) return MATCH_YES;
  let lo: number;
  let hi: number;
  if (p.name !== null) {
    if (!namedPortPod) {
      // Named ports cannot apply to ipBlock/outside destinations: there is no pod to resolve them on (netpol-analyzer netpol.go).
      return { tri: 'no', notes: [`named port "${p.name}" cannot match a destination that is not a pod`] };
    }
    const cp = namedPortPod.containerPorts.find((c) => c.name === p.name && c.protocol === p.protocol);
    if (!cp) {
      const other = namedPortPod.containerPorts.find((c) => c.name === p.name);
      return {
        tri: 'no',
        notes: [
          other
            ? `named port "${p.name}" is ${other.protocol} on pod ${namedPortPod.key}, not ${p.protocol}`
            : `named port "${p.name}" (${p.protocol}) does not exist on pod ${namedPortPod.key}`,
        ],
      };
    }
    lo = hi = cp.port;
  } else {
    lo = p.port!;
    hi = p.endPort ?? lo;
  }
  if (port === null)
    return { tri: 'maybe', notes: [`the destination port is not known, so ${p.text} may or may not match`] };
  return port >= lo && port <= hi ? MATCH_YES : MATCH_NO;
}
