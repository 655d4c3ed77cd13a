// The embedded demo cluster as a cluster source: computed once per process (it never changes).
import { DEMO_CLUSTERS, type DemoCluster } from '../demo';
import { computeClusterView } from './compute';
import type { ClusterSource, ClusterView } from './types';

/** A ClusterSource serving an embedded demo cluster (the default one unless given). */
export function createDemoSource(
  demo: DemoCluster = DEMO_CLUSTERS[0],
  now: () => Date = () => new Date(),
): ClusterSource {
  let view: ClusterView | null = null;
  return {
    kind: 'demo',
    current(): Promise<ClusterView> {
      if (!view)
        view = computeClusterView(
          { objects: demo.load(), errors: [], warnings: [], ignoredKinds: {} },
          'demo',
          demo.title,
          now(),
        );
      return Promise.resolve(view);
    },
  };
}
