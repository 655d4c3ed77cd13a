// The dashboard's one door to cluster data: pages and route handlers call getClusterView() and
// never care whether it is the demo, a snapshot, or (later) the live cluster behind it.
import 'server-only';
import { createDemoSource } from './demo-source';
import { createSnapshotSource } from './snapshot-source';
import type { ClusterSource, ClusterView } from './types';

export type { ClusterView, SourceInfo, SourceKind } from './types';

/** Source configuration read from the environment. */
export interface SourceConfig {
  /** Snapshot files/directories (`KUBEPATH_SNAPSHOT=path[,path]`); empty = the demo cluster. */
  snapshotPaths: string[];
}

/** Reads the source configuration from environment variables. */
export function sourceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SourceConfig {
  const raw = env.KUBEPATH_SNAPSHOT ?? '';
  return { snapshotPaths: raw.split(',').map((p) => p.trim()).filter((p) => p !== '') };
}

/** Picks the source for a configuration. A live source plugs in here when it lands. */
export function createClusterSource(config: SourceConfig): ClusterSource {
  if (config.snapshotPaths.length > 0) return createSnapshotSource(config.snapshotPaths);
  return createDemoSource();
}

// One source per process and configuration (the env does not change in production; tests may).
let active: { key: string; source: ClusterSource } | null = null;

/** The current cluster view of the configured source (cached; snapshots re-read when they change). */
export async function getClusterView(): Promise<ClusterView> {
  const config = sourceConfigFromEnv();
  const key = JSON.stringify(config);
  if (!active || active.key !== key) active = { key, source: createClusterSource(config) };
  return active.source.current();
}
