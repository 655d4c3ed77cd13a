// Pods and nodes of a snapshot read in parts (load.ts: files over 500 MiB), without the fields nothing in kubepath
// reads, as soon as each is parsed. `kubectl get pods -A -o json` writes each pod's volumes, probes, resources and
// container statuses — most of its bytes — and a 150,000-pod file kept them all alive: the 1.5 GiB file of
// bench/NOTES.md peaked at ≈ 1.05 GiB of RSS, and the garbage collector copied every pod whole out of the young
// generation. Dropped here, the bulk dies young. A node's list of images is often most of the node.
//
// A list of fields dropped, not of fields kept (live mode's lib/live/strip.ts keeps only what the engine reads,
// rewriting the rest): every other field stays as written, null or malformed, so validation (lib/model/validate.ts,
// whose schemas do not describe the fields below: they pass through unchecked) warns about exactly what it would
// warn about in the whole object. No source file reads these names: lean-objects.test.ts checks that, and analyses
// the demo clusters and the front-door stories, their pods and nodes given every dropped field, read whole and in
// parts.
import type { KubeObject } from '../model/k8s';

type Raw = Record<string, unknown>;

/** The fields dropped, by kind and by where they are (lean-objects.test.ts: no source file reads them). */
export const DROPPED_FIELDS = {
  Pod: {
    /** Server-side apply's records (`kubectl get` hides them since 1.21; other dumps do not), and the owners. */
    metadata: ['managedFields', 'ownerReferences'],
    /** Scheduling and storage. */
    spec: ['volumes', 'tolerations', 'affinity', 'topologySpreadConstraints'],
    /** Each container's health checks, resources, mounts and security settings. */
    containers: [
      'livenessProbe',
      'readinessProbe',
      'startupProbe',
      'resources',
      'volumeMounts',
      'securityContext',
      'lifecycle',
    ],
    /** The kubelet's per-container state: image IDs, restart counts, timestamps. */
    status: ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'],
  },
  Node: {
    metadata: ['managedFields'],
    spec: [],
    containers: [],
    /** The images on the node (often most of a Node object), its versions, volumes, capacity and kubelet port. */
    status: ['images', 'nodeInfo', 'volumesAttached', 'volumesInUse', 'daemonEndpoints', 'allocatable', 'capacity'],
  },
} as const satisfies Record<string, Record<'metadata' | 'spec' | 'containers' | 'status', readonly string[]>>;

type LeanKind = keyof typeof DROPPED_FIELDS;

/** `value` without the dropped fields when it is a Pod or Node object; anything else as it is. */
export function leanObject(value: unknown): unknown {
  if (!isRecord(value) || (value.kind !== 'Pod' && value.kind !== 'Node')) return value;
  const dropped = DROPPED_FIELDS[value.kind as LeanKind];
  const out = without(value, []);
  if (isRecord(value.metadata)) out.metadata = without(value.metadata, dropped.metadata);
  if (isRecord(value.spec)) {
    const spec = without(value.spec, dropped.spec);
    if (dropped.containers.length > 0 && Array.isArray(value.spec.containers))
      spec.containers = value.spec.containers.map((c: unknown) => (isRecord(c) ? without(c, dropped.containers) : c));
    out.spec = spec;
  }
  if (isRecord(value.status)) out.status = without(value.status, dropped.status);
  return out as KubeObject;
}

/**
 * A copy of `o` without the keys in `dropped`, the others in their order. A copy, not `delete`: an object that
 * lost a property is a dictionary in V8, slower to read in the model's loop over every pod.
 */
function without(o: Raw, dropped: readonly string[]): Raw {
  const out: Raw = {};
  for (const key of Object.keys(o)) {
    if (dropped.includes(key)) continue;
    // JSON.parse makes `__proto__` an own property; an assignment would set the copy's prototype instead.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: o[key], enumerable: true, writable: true, configurable: true });
    else out[key] = o[key];
  }
  return out;
}

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
