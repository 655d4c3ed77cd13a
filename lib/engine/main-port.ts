// Which port of a multi-port Service stands for its traffic in the per-Service paths, the summary and the
// default trace. The first port in spec order is often a status port: Istio's ingress gateway lists
// `status-port` 15021 before `http2` 80 and `https` 443 (istio/istio manifests/charts/gateway values.yaml).
// So: skip ports that are named or numbered as status / health / metrics / admin ports, then prefer ports
// whose name says they carry traffic (Istio's `<protocol>[-<suffix>]` port naming:
// https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/) or that are a load
// balancer's usual ports 80 and 443; ties keep spec order.
import type { ServicePortModel } from '../model/cluster';
import { freshArray } from '../util/fresh-array';

/** Well-known status, health, metrics and admin ports (Istio 15000/15014/15020/15021/15090, Envoy admin 9901, ingress-nginx 10254, kube-proxy 10249/10256). */
const STATUS_PORTS = new Set([9901, 10249, 10254, 10256, 15000, 15014, 15020, 15021, 15090]);

/**
 * Names of ports that are not traffic ports, judged by their first token: `status-port`, `metrics`, `healthz`;
 * but `http-metrics` is an HTTP port by Istio's naming (Loki serves its API there, kube-state-metrics its output).
 */
const STATUS_NAME =
  /^(status|health|healthz|healthcheck|metrics|monitoring|prometheus|stats|telemetry|admin|debug|probe|readiness|liveness)([-_.]|$)/i;

/** Name prefixes of traffic ports (Istio protocol selection by port name). */
const TRAFFIC_NAME = /^(http|https|http2|grpc|grpc-web|h2c|tcp|tls|udp|mongo|mysql|redis|web)([-_.]|$)/i;

const LB_MAIN_PORTS = new Set([80, 443]);

function score(p: ServicePortModel): number {
  if (STATUS_PORTS.has(p.port) || (p.name !== null && STATUS_NAME.test(p.name))) return 0;
  if ((p.name !== null && TRAFFIC_NAME.test(p.name)) || LB_MAIN_PORTS.has(p.port)) return 2;
  return 1;
}

/** Index of the port that represents the Service's traffic (0 for a single-port Service). */
export function mainPortIndex(ports: readonly ServicePortModel[]): number {
  let best = 0;
  for (let i = 1; i < ports.length; i++) if (score(ports[i]) > score(ports[best])) best = i;
  return best;
}

/** Port indexes with the main port first, the others in spec order. */
export function portsMainFirst(ports: readonly ServicePortModel[]): number[] {
  const order = freshArray<number>(); // one array kind for every caller (fresh-array.ts)
  if (ports.length === 0) return order; // a Service without ports (malformed input) has no entries
  const main = mainPortIndex(ports);
  order.push(main);
  for (let i = 0; i < ports.length; i++) if (i !== main) order.push(i);
  return order;
}

/** `http2 (TCP/80)` or `TCP/80`. */
export function portLabel(p: ServicePortModel): string {
  return p.name ? `${p.name} (${p.protocol}/${p.port})` : `${p.protocol}/${p.port}`;
}
