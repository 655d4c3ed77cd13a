// The embedded demo clusters as cluster sources: each computed once per process (they never change) and
// only when first shown.
import { DEMO_CLUSTERS, findDemoCluster, unknownDemoMessage, type DemoCluster } from '../demo';
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
      if (!view) {
        const computed = computeClusterView(
          { objects: demo.load(), errors: [], warnings: [], ignoredKinds: {} },
          'demo',
          demo.title,
          now(),
        );
        view = { ...computed, source: { ...computed.source, demo: demo.id } };
      }
      return Promise.resolve(view);
    },
  };
}

// On globalThis: Next loads this module once per route bundle, and every page, API route and request of
// the process must share one analysis per demo cluster.
const shared = globalThis as unknown as { __kubepathDemoSources?: Map<string, ClusterSource> };

/** The process's source for one demo cluster (created on first use); an unknown id throws, naming the valid ones. */
export function demoSourceFor(id: string): ClusterSource {
  const sources = (shared.__kubepathDemoSources ??= new Map());
  let source = sources.get(id);
  if (!source) {
    const demo = findDemoCluster(id);
    if (!demo) throw new Error(unknownDemoMessage(id));
    source = createDemoSource(demo);
    sources.set(id, source);
  }
  return source;
}
