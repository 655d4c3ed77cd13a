// The raw object behind each model pod, for the front-door model's pod details (annotations, container
// args and env). Kept as one list per namespace in `model.podsByNamespace`'s order (every pod, repeated keys
// included), so a model pod's raw object sits at the pod's own position in its namespace's list: one array
// push per pod instead of a 150,000-entry map keyed by `namespace/name`. Indexed per namespace on first use:
// the analysis asks for the details of a few hundred pods (proxies, sidecars), not of every pod.
import type { PodModel } from './cluster';
import { runPusher } from './grouping';
import type { Pod } from './k8s';

/** Raw pods by namespace, aligned with `model.podsByNamespace`. */
export class RawPods {
  private readonly byNamespace = new Map<string, Pod[]>();
  private readonly indexed = new Map<string, Map<PodModel, Pod>>();

  /** Adds a pod's raw object to its namespace's list, as `model.podsByNamespace` gets the pod. */
  readonly push: (namespace: string, raw: Pod) => void = runPusher(this.byNamespace);

  /** The raw object of a model pod; `namespacePods`: the pod's namespace's list in `model.podsByNamespace`. */
  rawOf(pod: PodModel, namespacePods: readonly PodModel[]): Pod | undefined {
    let index = this.indexed.get(pod.namespace);
    if (!index) {
      index = new Map();
      const raws = this.byNamespace.get(pod.namespace) ?? [];
      for (let i = 0; i < namespacePods.length; i++) index.set(namespacePods[i], raws[i]);
      this.indexed.set(pod.namespace, index);
    }
    return index.get(pod);
  }
}
