// The policy verdict for a Service's sample client as if nothing rewrote its address: what the
// pod's ingress policy decides when it sees the client itself (externalTrafficPolicy Local, DSR).
// Used to tell "the allow-list admits this client, but SNAT hides it" from "the policy denies it anyway".
import type { EndpointModel } from '../../model/cluster';
import { endpointPortFor } from '../endpoints';
import type { PolicyAnswer } from '../policy-hook';
import type { PodShare } from '../types';
import type { FindingContext } from './types';

const byIPCache = new WeakMap<readonly EndpointModel[], Map<string, EndpointModel>>();

function endpointByIP(endpoints: readonly EndpointModel[], ip: string): EndpointModel | undefined {
  let m = byIPCache.get(endpoints);
  if (!m) {
    m = new Map();
    for (const e of endpoints) if (!m.has(e.ip)) m.set(e.ip, e);
    byIPCache.set(endpoints, m);
  }
  return m.get(ip);
}

/** The verdict for `clientIP` reaching the pod of `share` unmasqueraded; null when the pod or port is unknown. */
export function unmasqueradedVerdict(ctx: FindingContext, share: PodShare, clientIP: string): PolicyAnswer | null {
  const { model } = ctx.cluster;
  const { service, entry, endpoints } = ctx.svc;
  const sp = service.ports[entry?.portIndex ?? 0];
  if (!sp || !share.pod) return null;
  const ep = endpointByIP(endpoints, share.ip);
  const destPod = model.pods.get(share.pod) ?? null;
  if (!ep || !destPod) return null;
  const port = endpointPortFor(model, ep, sp);
  if (port === null) return null;
  return ctx.cluster.hook({
    clientIP,
    clientPod: null,
    clientNode: null,
    masqueraded: false,
    snatSource: null,
    ingressNode: destPod.nodeName ? (model.nodes.get(destPod.nodeName) ?? null) : null,
    destIP: ep.ip,
    destPod,
    port,
    protocol: sp.protocol,
    preDnatDestIP: entry?.address ?? null,
    preDnatPort: entry?.kind === 'nodePort' ? sp.nodePort : sp.port,
  });
}
