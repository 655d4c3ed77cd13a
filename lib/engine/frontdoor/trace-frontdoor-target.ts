// Checks a front-door trace target (`lb:NS/NAME[:PORT]`, `ingress:NS/NAME` with --host/--path) against
// the cluster data before tracing, so a typo is an error that names what was not found and its close
// matches (the CLI exits 2 on it, as for an unknown --from pod or --at-node), never an empty trace.
import type { ClusterModel, ServiceModel } from '../../model/cluster';
import type { RouteModel } from '../../model/frontdoor';
import { frontDoorOf } from './platform';
import { proxyOfService } from './proxy-service';
import { matchRoute, routeLoadBalancer, routesOfProxy } from './routes';
import type { FrontDoorTarget } from './trace-frontdoor';

const MAX_LISTED = 5;

/** Levenshtein distance, for "did you mean" suggestions among object names. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const nameOf = (key: string) => key.slice(key.indexOf('/') + 1);

/** Keys close to `wanted`: the same name in another namespace, or a name a few edits away. */
export function closeMatches(wanted: string, keys: Iterable<string>): string[] {
  if (!wanted) return [];
  const name = nameOf(wanted);
  const scored: { key: string; d: number }[] = [];
  for (const key of keys) {
    const other = nameOf(key);
    // The same name elsewhere, or one name the start of the other (lobby → lobby-web), is as close as it gets.
    const same = other === name ? 0 : other.startsWith(name) || name.startsWith(other) ? 1 : Infinity;
    const d = Math.min(distance(wanted, key), same);
    if (d <= Math.max(2, Math.floor(wanted.length / 5))) scored.push({ key, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key))
    .slice(0, MAX_LISTED)
    .map((s) => s.key);
}

/** "(did you mean a, b?)" when something is close, else "(KINDS: a, b, …)" listing what exists. */
function hint(wanted: string, keys: string[], what: string): string {
  const close = closeMatches(wanted, keys);
  if (close.length > 0) return ` (did you mean ${close.join(', ')}?)`;
  if (keys.length === 0) return ` (the cluster data has no ${what})`;
  const sorted = [...keys].sort();
  return ` (${what}: ${sorted.slice(0, MAX_LISTED).join(', ')}${sorted.length > MAX_LISTED ? ', …' : ''})`;
}

const loadBalancers = (model: ClusterModel) =>
  [...model.services.values()].filter((s) => s.type === 'LoadBalancer').map((s) => s.key);

function lbError(model: ClusterModel, target: Extract<FrontDoorTarget, { kind: 'lb' }>): string | null {
  const service = model.services.get(target.service);
  const lbs = loadBalancers(model);
  if (!service)
    return `lb:${target.service}: no Service ${target.service} in the cluster data${hint(target.service, lbs, 'LoadBalancer Services')}`;
  if (service.type !== 'LoadBalancer')
    return `lb:${target.service}: ${target.service} is a ${service.type} Service, not a LoadBalancer, so no load balancer sends to it${hint('', lbs, 'LoadBalancer Services')}`;
  if (target.port !== null && !service.ports.some((p) => p.port === target.port))
    return `lb:${target.service}:${target.port}: the Service has no port ${target.port} (ports: ${portList(service)})`;
  if (service.ports.length === 0) return `lb:${target.service}: the Service has no ports`;
  return null;
}

const portList = (s: ServiceModel) => s.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none';

/** A proxy LoadBalancer Service that serves the Ingress (when its class makes no cloud L7 LB). */
export function proxyServiceOfIngress(model: ClusterModel, route: RouteModel): ServiceModel | null {
  for (const s of model.services.values()) {
    if (s.type !== 'LoadBalancer') continue;
    const p = proxyOfService(model, s);
    if (p && routesOfProxy(model, s, p.id).some((r) => r.key === route.key && r.kind === 'Ingress')) return s;
  }
  return null;
}

function ruleList(route: RouteModel): string {
  const rules = route.rules.map((r) => `${r.host ?? '*'}${r.path ?? '/'}`);
  return [...new Set(rules)].slice(0, MAX_LISTED).join(', ') || 'none';
}

function ingressError(model: ClusterModel, key: string, host: string | null, path: string | null): string | null {
  const ingresses = frontDoorOf(model).routes.filter((r) => r.kind === 'Ingress');
  const route = ingresses.find((r) => r.key === key);
  if (!route)
    return `ingress:${key}: no Ingress ${key} in the cluster data${hint(
      key,
      ingresses.map((r) => r.key),
      'Ingresses',
    )}`;
  const l7 = routeLoadBalancer(model, route);
  if (!l7 && !proxyServiceOfIngress(model, route))
    return `ingress:${key}: its class (${route.className ?? 'none'}) makes no cloud L7 load balancer, and no proxy LoadBalancer Service in the cluster data serves it`;
  const h = host ?? route.hosts[0] ?? '';
  const p = path ?? '/';
  const m = matchRoute([route], h, p);
  if (!m)
    return `ingress:${key}: no rule of the Ingress matches host ${h || '(none)'} and path ${p} (rules: ${ruleList(route)})`;
  // The cloud L7 LB sends straight to the backend Service (a proxy would answer for a missing one itself).
  const backend = m.rule.backends[0]?.service;
  if (l7 && (!backend || !model.services.has(backend)))
    return `ingress:${key}: host ${h || '(none)'} and path ${p} route to ${backend ?? 'no Service'}, which is not in the cluster data`;
  return null;
}

/** Why a front-door target cannot be traced in this cluster data, or null when it can. */
export function frontDoorTargetError(
  model: ClusterModel,
  target: FrontDoorTarget,
  host: string | null = null,
  path: string | null = null,
): string | null {
  return target.kind === 'lb' ? lbError(model, target) : ingressError(model, target.ingress, host, path);
}
