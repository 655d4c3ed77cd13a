// Measures a full vs an incremental re-analysis of the live source after one EndpointSlice changes,
// on the demo cluster and on generated clusters (bench/generate.ts) at 10% and 100% of Kubernetes'
// scale limits. Run: node --expose-gc --import tsx lib/live/bench-incremental.ts [--full-scale]
import { FULL_SCALE, generateCluster, type ClusterSize } from '../../bench/generate';
import { DEMO_CLUSTERS } from '../demo';
import type { KubeObject } from '../model/k8s';
import { analyzeFull, analyzeIncremental, type LiveAnalysis } from './incremental';
import { storeOf } from './testing/store-of';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label: string, objects: KubeObject[], runs: number): void {
  const store = storeOf(objects);
  const slices = store.objectsOfKind('EndpointSlice').filter((s) => (s.endpoints as unknown[] | undefined)?.length);
  const fulls: number[] = [];
  let live: LiveAnalysis | null = null;
  for (let i = 0; i < Math.max(2, Math.ceil(runs / 5)); i++) {
    gc();
    const t = performance.now();
    live = analyzeFull(store.objects());
    fulls.push(performance.now() - t);
  }
  const incs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Flip the readiness of one endpoint of one slice (a pod going unready / ready again).
    const slice = structuredClone(slices[i % slices.length]) as KubeObject & {
      endpoints: { conditions?: { ready?: boolean } }[];
    };
    const ep = slice.endpoints[0];
    ep.conditions = { ...ep.conditions, ready: i % 2 === 0 ? false : true };
    store.upsert('EndpointSlice', slice);
    const changes = store.takeChanges();
    const t = performance.now();
    const r = analyzeIncremental({ ...live!, generation: 0 }, store, changes);
    incs.push(performance.now() - t);
    if (typeof r === 'string') throw new Error(`incremental refused: ${r}`);
    live = r;
  }
  const f = median(fulls);
  const inc = median(incs);
  console.log(
    `${label.padEnd(46)} full ${f.toFixed(1).padStart(8)} ms   incremental ${inc.toFixed(2).padStart(7)} ms   (${(f / inc).toFixed(0)}× faster; medians of ${fulls.length} / ${incs.length})`,
  );
}

const demo = DEMO_CLUSTERS[0];
measure(`demo: ${demo.id} (40 Services)`, demo.load(), 50);
const tenth: ClusterSize = { nodes: 500, pods: 15000, services: 1000, networkPolicies: 200 };
measure(
  `generated 10%: ${tenth.nodes} nodes, ${tenth.pods} pods, ${tenth.services} Services`,
  generateCluster(tenth),
  30,
);
if (process.argv.includes('--full-scale')) {
  measure(
    `generated 100%: ${FULL_SCALE.nodes} nodes, ${FULL_SCALE.pods} pods, ${FULL_SCALE.services} Services`,
    generateCluster(FULL_SCALE),
    20,
  );
}
