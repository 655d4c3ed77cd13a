// Says which data the page shows: the demo cluster, a snapshot, the live cluster, or a local file.
import type { SourceKind } from '@/lib/source/types';

/** A source as the header shows it; `local` = a file opened in this browser (never on the server). */
export interface HeaderSource {
  kind: SourceKind | 'local';
  label: string;
  /** ISO time the data was read; null when nothing is loaded yet. */
  loadedAt: string | null;
  /** The embedded demo cluster's id (kind `demo`): the header offers the others. */
  demo?: string;
}

const KIND_TEXT: Record<HeaderSource['kind'], string> = {
  demo: 'Demo cluster',
  snapshot: 'Snapshot',
  live: 'Live cluster',
  local: 'Local file',
};

const KIND_STYLE: Record<HeaderSource['kind'], string> = {
  demo: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200',
  snapshot: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200',
  live: 'bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200',
  local: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
};

/** Badge naming the data source kind and its label (path, cluster name). */
export function SourceBadge({ source }: { source: HeaderSource }) {
  return (
    <span
      data-testid="source-badge"
      data-source-kind={source.kind}
      className={`inline-flex max-w-full items-center gap-1 truncate rounded px-2 py-0.5 text-sm ${KIND_STYLE[source.kind]}`}
      title={source.label}
    >
      <span className="font-semibold">{KIND_TEXT[source.kind]}:</span>
      <span className="truncate">{source.label}</span>
    </span>
  );
}
