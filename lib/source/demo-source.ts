// The embedded demo cluster as a cluster source: computed once per process (it never changes).
import { buildDemoCluster } from '../demo/build-demo';
import { computeClusterView } from './compute';
import type { ClusterSource, ClusterView } from './types';

/** Name shown in the header for the demo cluster. */
const DEMO_LABEL = 'Northwind Retail production (embedded demo)';

/** A ClusterSource serving the embedded demo cluster. */
export function createDemoSource(now: () => Date = () => new Date()): ClusterSource {
  let view: ClusterView | null = null;
  return {
    kind: 'demo',
    current(): Promise<ClusterView> {
      if (!view) view = computeClusterView({ objects: buildDemoCluster(), errors: [], warnings: [], ignoredKinds: {} }, 'demo', DEMO_LABEL, now());
      return Promise.resolve(view);
    },
  };
}
