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
  /**
   * Sources that load slowly (snapshots): the load under way, or the one a request for the view now would have to
   * begin (nothing read yet, or the files changed); null when the view is at hand. Begins nothing itself.
   */
  pending?(): Promise<PendingLoad | null>;
}

/** The steps of a snapshot load, in order: read and parse the files, build the model, analyse every Service. */
export const LOAD_PHASES = ['reading', 'modelling', 'analysing'] as const;
export type LoadPhase = (typeof LOAD_PHASES)[number];

/** How far a load is (serialisable: the overview's progress view and GET /api/progress show it). */
export interface LoadProgress {
  phase: LoadPhase;
  /**
   * Services analysed so far and all Services while analysing; bytes read and the file's size while reading a
   * file too large for one string (read in parts); otherwise both 0.
   */
  done: number;
  total: number;
  /** When the load started (ISO 8601). */
  startedAt: string;
}

/** A load the overview waits for: the source's label (as the header shows it) and the progress. */
export interface PendingLoad {
  label: string;
  progress: LoadProgress;
}
