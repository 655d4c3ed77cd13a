// The embedded demo clusters' names and descriptions, without their data: safe to import from client
// components and the proxy (the snapshots themselves are ~1 MB; lib/demo/index.ts loads them). The list is
// clusters.json so that scripts/demo.mjs (plain Node) checks `--cluster` / KUBEPATH_DEMO against the same ids.
import list from './clusters.json';
import type { FrontDoorStory } from './frontdoor-stories';
import type { DemoClusterId } from './scenarios';

/** Id of an embedded demo cluster: the two Northwind clusters and the five front-door stories. */
export type DemoId = DemoClusterId | FrontDoorStory['id'];

/** What the dashboard and the CLI examples say about one embedded demo cluster. */
export interface DemoClusterInfo {
  id: DemoId;
  /** `cluster`: a whole demo cluster with many scenarios; `story`: one front-door story (lib/demo/frontdoor-stories.ts). */
  group: 'cluster' | 'story';
  /** Short name for the switcher. */
  name: string;
  /** Shown as the source label in the header. */
  title: string;
  description: string;
  /** Path of the snapshot file inside the repository (for CLI examples). */
  file: string;
  /** `namespace/name` of the Service whose page tells the cluster's story best (the first link to open). */
  service: string;
}

/** The embedded demo clusters in switcher order; the first one is the default. */
export const DEMO_CLUSTER_INFO = list as DemoClusterInfo[];

/** Every demo cluster id, in order. */
export const DEMO_IDS: readonly DemoId[] = DEMO_CLUSTER_INFO.map((c) => c.id);

/** Whether a string names an embedded demo cluster. */
export function isDemoId(value: string): value is DemoId {
  return (DEMO_IDS as readonly string[]).includes(value);
}

/** The sentence for an id that names no demo cluster (CLI flags, environment, URLs, API). */
export function unknownDemoMessage(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  // JSON quoting escapes control characters: the value may come from a URL and end up in a terminal.
  return `${JSON.stringify(shown)} is not an embedded demo cluster; the demo clusters are: ${DEMO_IDS.join(', ')}`;
}
