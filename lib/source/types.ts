// What the dashboard knows about where its cluster data came from. Pure types: the serialisable
// `SourceInfo` travels to client components; `ClusterView` stays on the server (the model has Maps).
import type { ClusterModel } from '../model/cluster';
import type { AnalysisResult, Dataplane } from '../engine/types';

/** Where the cluster data comes from: the embedded demo, snapshot files, or the live API (later). */
export type SourceKind = 'demo' | 'snapshot' | 'live';

/** Serialisable description of the data source, shown in every page header. */
export interface SourceInfo {
  kind: SourceKind;
  /** Human-readable name: the demo cluster's name, the snapshot path(s), or the context name. */
  label: string;
  /** When the data shown was read (ISO 8601). */
  loadedAt: string;
  /** Problems that lost data (unparsable files, unreadable paths); what did parse is still shown. */
  errors: string[];
  /** Problems that did not lose data (ignored kinds, YAML warnings, object warnings). */
  warnings: string[];
  /** The embedded demo cluster's id (lib/demo/clusters.json), for kind `demo` only: the `demo=` of a link to this view. */
  demo?: string;
}

/** One consistent reading of the cluster: the source, the model and the engine's answers for it. */
export interface ClusterView {
  source: SourceInfo;
  model: ClusterModel;
  dataplane: Dataplane;
  analysis: AnalysisResult;
}

/**
 * A place cluster data comes from. Implementations cache and decide when to re-read (a snapshot
 * on mtime change, a live source on informer events); callers just ask for the current view.
 */
export interface ClusterSource {
  readonly kind: SourceKind;
  current(): Promise<ClusterView>;
}
