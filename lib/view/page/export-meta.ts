// The title block of an exported diagram: which Service, which path and policies, from which
// cluster or snapshot, when, and the traced packet when one is highlighted — what a postmortem needs
// to say where a picture came from. Pure.
import type { TrafficPolicy } from '../../engine/types';
import type { ServicePathKind, TraceInputs } from '../url-state';

/** The export's title and further lines. */
export interface ExportMetaInput {
  service: string;
  path: ServicePathKind;
  /** e.g. `externalTrafficPolicy`, with the policies shown and the actual one. */
  field: 'externalTrafficPolicy' | 'internalTrafficPolicy';
  shown: TrafficPolicy[];
  actual: TrafficPolicy;
  /** The cluster/context or snapshot the data came from. */
  source: string;
  /** When the export was made. */
  at: Date;
  trace: TraceInputs | null;
  /** In-cluster view of one chosen client pod, or null. */
  clientPod: string | null;
}

/** Title and lines of an export. */
export function exportMeta(i: ExportMetaInput): { title: string; lines: string[] } {
  const path = i.path === 'external' ? 'external path' : 'in-cluster path';
  const policies = i.shown.map((p) => `${p}${p === i.actual ? ' (actual)' : ' (what if)'}`).join(' vs ');
  const lines = [
    `Cluster: ${i.source} · ${i.field}: ${policies} · exported ${i.at.toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
  ];
  if (i.clientPod) lines.push(`Client pod: ${i.clientPod}`);
  if (i.trace) {
    const t = i.trace;
    lines.push(
      `Traced packet: ${t.from || '(no source)'} → ${t.to || 'the first Service address'}${t.port ? `:${t.port}` : ''}/${t.proto}${t.node ? ` arriving at ${t.node}` : ''}`,
    );
  }
  return { title: `Service ${i.service} — ${path}`, lines };
}
