// The front-door finding stages (issue 9), in the order they run: the LB itself, then the LB/proxy pairing,
// then the proxy's trust, then the sidecar. Registered in index.ts.
import { forwardedHeadersTrustAll, FORWARDED_HEADERS_TRUST_ALL } from './forwarded-headers-trust-all';
import { forwardedHeadersUntrusted, FORWARDED_HEADERS_UNTRUSTED } from './forwarded-headers-untrusted';
import { lbNoHealthCheck, LB_NO_HEALTH_CHECK } from './lb-no-health-check';
import { lbSingleNode, LB_SINGLE_NODE } from './lb-single-node';
import { lbTerminatesConnection, LB_TERMINATES_CONNECTION } from './lb-terminates-connection';
import { proxyBehindCluster, PROXY_BEHIND_CLUSTER } from './proxy-behind-cluster';
import { proxyProtocolInCluster, PROXY_PROTOCOL_IN_CLUSTER } from './proxy-protocol-in-cluster';
import { proxyProtocolMismatch, PROXY_PROTOCOL_MISMATCH } from './proxy-protocol-mismatch';
import { sidecarLoopbackSource, SIDECAR_LOOPBACK_SOURCE } from './sidecar-loopback-source';
import type { ServiceRule } from './types';

/** Per-Service front-door stages. */
export const FRONT_DOOR_RULES: readonly ServiceRule[] = [
  { rule: LB_TERMINATES_CONNECTION, run: lbTerminatesConnection },
  { rule: LB_NO_HEALTH_CHECK, run: lbNoHealthCheck },
  { rule: LB_SINGLE_NODE, run: lbSingleNode },
  { rule: PROXY_PROTOCOL_MISMATCH, run: proxyProtocolMismatch },
  { rule: PROXY_PROTOCOL_IN_CLUSTER, run: proxyProtocolInCluster },
  { rule: PROXY_BEHIND_CLUSTER, run: proxyBehindCluster },
  { rule: FORWARDED_HEADERS_TRUST_ALL, run: forwardedHeadersTrustAll },
  { rule: FORWARDED_HEADERS_UNTRUSTED, run: forwardedHeadersUntrusted },
  { rule: SIDECAR_LOOPBACK_SOURCE, run: sidecarLoopbackSource },
];
