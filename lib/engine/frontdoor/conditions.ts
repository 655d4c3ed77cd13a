// Evaluates catalog conditions (../shared/reference/source-ip-catalog.md §0 condition keys) against what
// the cluster objects show. A key kubepath cannot check from objects makes the condition fail and is
// reported in `unchecked` (never silently true).
import type { CatalogCondition } from './catalog';

/** Everything a condition may read; absent parts make the keys that need them fail. */
export interface ConditionSubject {
  annotations?: Record<string, string>;
  loadBalancerClass?: string | null;
  /** Platform prefix of the nodes' providerIDs (majority), and a sample providerID. */
  providerID?: string | null;
  ingressClassController?: string | null;
  gatewayClassController?: string | null;
  ingressAnnotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  podAnnotations?: Record<string, string>;
  podEnv?: Record<string, string>;
  podArgs?: string[];
  servicePortProtocols?: string[];
  /** `namespace/name` → data, for `configMap` keys. */
  configMap?: (key: string) => Record<string, string> | undefined;
  /** Answers keys about other objects (objectsExist, serviceCondition, podLabelsInNamespace, configMapKey). */
  custom?: (key: string, value: unknown) => boolean | undefined;
}

const anyOf = (list: unknown, v: string | null | undefined): boolean =>
  Array.isArray(list) && v !== null && v !== undefined && list.includes(v);

/**
 * The entries of a catalog condition (or of one of its maps), listed once per object: conditions are the
 * catalog's constants, asked for every proxy candidate pod and load balancer, and Object.entries allocates.
 */
const entryLists = new WeakMap<object, readonly [string, unknown][]>();

function entriesOf(o: object): readonly [string, unknown][] {
  let list = entryLists.get(o);
  if (!list) entryLists.set(o, (list = Object.entries(o)));
  return list;
}

function annotationsMatch(spec: unknown, annotations: Record<string, string> | undefined): boolean {
  if (!spec || typeof spec !== 'object' || !annotations) return false;
  for (const [k, values] of entriesOf(spec)) {
    if (!(k in annotations)) return false;
    // Values are a list of alternatives, one value (podLabels), or null for "any value".
    const ok =
      values === null || (typeof values === 'string' ? annotations[k] === values : anyOf(values, annotations[k]));
    if (!ok) return false;
  }
  return true;
}

function containsMatch(spec: unknown, map: Record<string, string> | undefined): boolean {
  if (!spec || typeof spec !== 'object' || !map) return false;
  for (const [k, sub] of entriesOf(spec)) if (!(map[k] ?? '').includes(sub as string)) return false;
  return true;
}

/** True when every key of the condition holds for the subject. */
export function conditionHolds(cond: CatalogCondition, s: ConditionSubject): boolean {
  for (const [key, value] of entriesOf(cond)) {
    if (!keyHolds(key, value, s)) return false;
  }
  return true;
}

function keyHolds(key: string, value: unknown, s: ConditionSubject): boolean {
  switch (key) {
    case 'loadBalancerClass':
      return anyOf(value, s.loadBalancerClass);
    case 'loadBalancerClassAbsent':
      return value === true ? !s.loadBalancerClass : Boolean(s.loadBalancerClass);
    case 'annotations':
      return annotationsMatch(value, s.annotations);
    case 'serviceAnnotations':
      return annotationsMatch(value, s.annotations);
    case 'annotationsAbsent':
      return Array.isArray(value) && value.every((k) => !(s.annotations && k in s.annotations));
    case 'annotationPrefix':
      return Array.isArray(value) && Object.keys(s.annotations ?? {}).some((k) => value.some((p) => k.startsWith(p)));
    case 'annotationContains':
      return containsMatch(value, s.annotations);
    case 'nodeProviderIDPrefix':
      return Array.isArray(value) && !!s.providerID && value.some((p) => s.providerID!.startsWith(p));
    case 'nodeProviderIDRegex':
      return typeof value === 'string' && !!s.providerID && new RegExp(value).test(s.providerID);
    case 'ingressClassController':
      return anyOf(value, s.ingressClassController);
    case 'gatewayClassController':
      return anyOf(value, s.gatewayClassController);
    case 'ingressAnnotations':
      return annotationsMatch(value, s.ingressAnnotations);
    case 'podLabels':
      return annotationsMatch(value, s.podLabels);
    case 'podAnnotations':
      return annotationsMatch(value, s.podAnnotations);
    case 'podAnnotationContains':
      return containsMatch(value, s.podAnnotations);
    case 'podEnvPresent':
      return Array.isArray(value) && value.every((k) => s.podEnv !== undefined && k in s.podEnv);
    case 'podEnv':
      return annotationsMatch(value, s.podEnv);
    case 'podEnvContains':
      return containsMatch(value, s.podEnv);
    case 'podArgsContain':
      return typeof value === 'string' && (s.podArgs ?? []).some((a) => a.includes(value));
    case 'servicePortProtocol':
      return Array.isArray(value) && (s.servicePortProtocols ?? []).some((p) => value.includes(p));
    case 'configMap': {
      const c = value as { namespace?: string; name?: string; key?: string; values?: unknown[] };
      const data = s.configMap?.(`${c.namespace}/${c.name}`);
      return !!data && !!c.key && anyOf(c.values, data[c.key]);
    }
    default:
      return s.custom?.(key, value) ?? false;
  }
}
