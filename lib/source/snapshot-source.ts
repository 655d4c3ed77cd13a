// Snapshot files as a cluster source: read once, re-read when a file's mtime or size changes
// (or files appear/disappear in a given directory), so editing a snapshot refreshes the page.
import 'server-only';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { loadSnapshotPaths, SNAPSHOT_EXTENSIONS } from '../snapshot/load';
import { snapshotError } from '../snapshot/parse';
import { computeClusterView, computeClusterViewSteps } from './compute';
import { runSliced, settleTurns, stepDelayFromEnv, yieldTurn, type SliceOptions } from './sliced';
import type { ClusterSource, ClusterView, LoadProgress } from './types';

/** Changes are looked for at most this often (ms); a burst of requests shares one check. */
const RECHECK_INTERVAL_MS = 1000;

/** Injectable clock and loader, for tests. */
export interface SnapshotSourceDeps {
  now: () => Date;
  load: typeof loadSnapshotPaths;
  /**
   * Hide where the files live (authentication on: the page is for other users): the label and every
   * message name the files by their base name only; the server log keeps the paths.
   */
  redact: boolean;
  /** Server log line written once per load (the benchmark counts them: one per process and change of the files). */
  log: (line: string) => void;
  /** How the load shares the event loop with other requests (default: lib/source/sliced.ts, the env's step delay). */
  slices: SliceOptions;
}

/** `text` with every given path (as given and absolute) replaced by its base name. */
export function hidePaths(text: string, paths: string[]): string {
  let out = text;
  // Longest first, so a file given next to its directory is named by its own base name.
  for (const p of [...paths].sort((a, b) => resolve(b).length - resolve(a).length))
    for (const form of [resolve(p), p]) if (form.length > 1) out = out.split(form).join(basename(p));
  return out;
}

/** A ClusterSource reading snapshot files/directories; a failed read still yields a view with the errors. */
export function createSnapshotSource(paths: string[], deps: Partial<SnapshotSourceDeps> = {}): ClusterSource {
  const now = deps.now ?? (() => new Date());
  const load = deps.load ?? loadSnapshotPaths;
  const shown = (text: string) => (deps.redact ? hidePaths(text, paths) : text);
  const log = deps.log ?? ((line: string) => console.log(line));
  let cached: { signature: string; view: ClusterView } | null = null;
  let checkedAt = -Infinity;
  let inflight: Promise<ClusterView> | null = null;
  /** The load under way (not a mere check of the files), for the overview's progress view. */
  let progress: LoadProgress | null = null;
  const slices = deps.slices ?? { stepDelayMs: stepDelayFromEnv() };
  const label = shown(paths.join(', '));

  async function refresh(): Promise<ClusterView> {
    const signature = await snapshotSignature(paths);
    if (cached && cached.signature === signature) return cached.view;
    const loadedAt = now();
    const started = performance.now();
    const startedAt = loadedAt.toISOString();
    progress = { phase: 'reading', done: 0, total: 0, startedAt };
    let view: ClusterView;
    try {
      // Reading is asynchronous but parsing blocks the thread for a second or more: the responses under way
      // (the overview's first bytes, with this progress) go first.
      await (slices.stepDelayMs ? yieldTurn(slices.stepDelayMs) : settleTurns());
      // A file too large for one string is read in parts (seconds per GiB, answering other requests between
      // them): its bytes read are the reading step's progress; so are the characters of a YAML list parsed in parts
      // (seconds per MB; its text is mostly ASCII, a byte a character).
      const reading = (done: number, total: number) => (progress = { phase: 'reading', done, total, startedAt });
      const loaded = await load(paths, undefined, { onBytes: reading, onYamlParsed: reading });
      const files = <T extends { file: string; message: string }>(issues: T[]) =>
        issues.map((i) => ({ ...i, file: shown(i.file), message: shown(i.message) }));
      view = await runSliced(
        computeClusterViewSteps(
          { ...loaded, errors: files(loaded.errors), warnings: files(loaded.warnings) },
          'snapshot',
          label,
          loadedAt,
        ),
        (step) => {
          progress =
            step.phase === 'modelling'
              ? { phase: 'modelling', done: 0, total: 0, startedAt }
              : { phase: 'analysing', done: step.done, total: step.total, startedAt };
        },
        slices,
      );
    } catch (e) {
      // Cached like a good view, keyed by the files' mtime and size: while the snapshot fails, requests get
      // this view without re-reading the files or logging again; one line per change of the files.
      const message = `cannot analyse the snapshot: ${firstLine(e)}`;
      console.error(`kubepath: ${message}`);
      const seen = shown(message);
      view = computeClusterView(snapshotError({ file: label, message: seen }), 'snapshot', label, loadedAt);
    }
    cached = { signature, view };
    progress = null;
    log(
      `[kubepath snapshot] loaded ${view.model.services.size} Services, ${view.model.pods.size} pods in ${Math.round(performance.now() - started)} ms`,
    );
    return view;
  }

  const source: ClusterSource = {
    kind: 'snapshot',
    async pending() {
      if (progress) return { label, progress };
      // Would a request for the view have to load? Nothing read yet, or the files changed (checked as current()
      // would, at most once per RECHECK_INTERVAL_MS). The load itself is left to that request: begun here, before
      // the page's first bytes are out, its blocking phases would hold them back.
      const fresh = () => ({
        label,
        progress: { phase: 'reading' as const, done: 0, total: 0, startedAt: now().toISOString() },
      });
      if (!cached) return fresh();
      if (now().getTime() - checkedAt < RECHECK_INTERVAL_MS) return null;
      const changed = (await snapshotSignature(paths)) !== cached.signature;
      return progress ? { label, progress } : changed ? fresh() : null;
    },
    current(): Promise<ClusterView> {
      // A check or load under way: wait for it (after a change every request gets the new view, from one load).
      if (inflight) return inflight;
      const t = now().getTime();
      if (cached && t - checkedAt < RECHECK_INTERVAL_MS) return Promise.resolve(cached.view);
      checkedAt = t;
      inflight = refresh().finally(() => {
        inflight = null;
        progress = null; // also when the load failed unexpectedly: a later request starts another
      });
      return inflight;
    },
  };
  return source;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/** mtime+size of every snapshot file under `paths` (missing paths included), as one comparable string. */
export async function snapshotSignature(paths: string[]): Promise<string> {
  const parts: string[] = [];
  for (const path of paths) await describePath(path, parts, new Set());
  return parts.join('\n');
}

async function describePath(path: string, parts: string[], visited: Set<string>): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) {
    parts.push(`missing ${path}`);
    return;
  }
  if (!info.isDirectory()) {
    parts.push(`${path} ${info.mtimeMs} ${info.size}`);
    return;
  }
  // Directory: its own mtime catches added/removed files; its snapshot files catch edits.
  const id = `${info.dev}:${info.ino}`;
  if (visited.has(id)) return; // symlink loop
  visited.add(id);
  parts.push(`${path}/ ${info.mtimeMs}`);
  const names = await readdir(path).catch(() => [] as string[]);
  for (const name of names.filter((n) => !n.startsWith('.')).sort()) {
    const child = join(path, name);
    const childInfo = await stat(child).catch(() => null);
    if (childInfo?.isDirectory()) await describePath(child, parts, visited);
    else if ((SNAPSHOT_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
      await describePath(child, parts, visited);
  }
}
