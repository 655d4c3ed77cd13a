'use client';
// The interactive part of the Service page: the Cluster/Local diagrams (side by side or one at a
// time), hop selection, the trace form and its highlighted path, export, grouping and the per-pod
// share charts. All state lives in the URL: view/hop/trace changes rewrite it in place
// (history.replaceState, which Next's router observes); a grouping change re-renders on the server.
import { useCallback, useMemo, useRef, useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import type { TrafficPolicy } from '@/lib/engine/types';
import { exportFileName } from '@/lib/view/format';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import { findHop } from '@/lib/view/service-view';
import type { TraceApiResponse, TraceOutcome } from '@/lib/view/trace-api';
import { traceHighlight } from '@/lib/view/trace-highlight';
import { encodeServiceState, type ServiceViewMode, type ServiceViewState, type TraceInputs } from '@/lib/view/url-state';
import { DiagramLegend } from '../diagram/DiagramLegend';
import { exportPng, exportSvg } from '../diagram/export-diagram';
import { PathDiagram } from '../diagram/PathDiagram';
import { PodShareChart } from './PodShareChart';
import { TraceForm } from './TraceForm';
import { TraceResultView } from './TraceResultView';
import { ViewToggle } from './ViewToggle';
import { GroupControl } from './GroupControl';

/** Props of ServiceWorkbench (all plain data from the server). */
export interface ServiceWorkbenchProps {
  namespace: string;
  name: string;
  actualPolicy: TrafficPolicy;
  panels: Record<TrafficPolicy, PolicyPanel>;
  traceDefaults: TraceInputs;
  nodeNames: string[];
  podSuggestions: string[];
  initialState: ServiceViewState;
  initialTraces: Partial<Record<TrafficPolicy, TraceOutcome>> | null;
}

const POLICIES: TrafficPolicy[] = ['Cluster', 'Local'];

/** Asks the server to trace one packet under `policy`. */
async function requestTrace(service: string, inputs: TraceInputs, policy: TrafficPolicy): Promise<TraceOutcome> {
  try {
    const res = await fetch('/api/trace', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service, ...inputs, policy }),
    });
    const body = (await res.json()) as TraceApiResponse;
    return body.ok ? { ok: true, result: body.result, sourceKind: body.sourceKind, arrival: body.arrival } : { ok: false, error: body.error.message };
  } catch (err) {
    return { ok: false, error: `The trace request failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Diagrams, trace, export and pod shares of one Service. */
export function ServiceWorkbench(props: ServiceWorkbenchProps) {
  const { namespace, name, actualPolicy, panels, initialState } = props;
  const router = useRouter();
  const pathname = usePathname();
  const [view, setView] = useState<ServiceViewMode>(initialState.view);
  const [hop, setHop] = useState<string | null>(initialState.hop);
  const [trace, setTrace] = useState<TraceInputs | null>(initialState.trace);
  const [traces, setTraces] = useState<Partial<Record<TrafficPolicy, TraceOutcome>> | null>(props.initialTraces);
  const [busy, setBusy] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const diagramsRef = useRef<HTMLDivElement | null>(null);

  const stateNow = useCallback(
    (patch: Partial<ServiceViewState>): ServiceViewState => ({ view, hop, group: initialState.group, trace, client: initialState.client, ...patch }),
    [view, hop, trace, initialState.group, initialState.client],
  );
  const writeUrl = useCallback((next: ServiceViewState) => {
    window.history.replaceState(null, '', `${pathname}${encodeServiceState(next)}`);
  }, [pathname]);

  const visible = view === 'both' ? POLICIES : [view];
  const views = visible.map((p) => panels[p].view);
  const selected = findHop(views, hop);
  const highlights = useMemo(() => {
    const out: Partial<Record<TrafficPolicy, string[]>> = {};
    for (const p of POLICIES) {
      const t = traces?.[p];
      if (t?.ok) out[p] = traceHighlight(panels[p].view, t.result, { external: t.sourceKind === 'external', arrival: t.arrival }).ids;
    }
    return out;
  }, [traces, panels]);

  const changeView = (v: ServiceViewMode) => {
    setView(v);
    writeUrl(stateNow({ view: v }));
  };
  const selectHop = (id: string | null) => {
    setHop(id);
    writeUrl(stateNow({ hop: id }));
  };
  const runTrace = async (inputs: TraceInputs) => {
    setBusy(true);
    setTrace(inputs);
    writeUrl(stateNow({ trace: inputs }));
    const service = `${namespace}/${name}`;
    const [cluster, local] = await Promise.all(POLICIES.map((p) => requestTrace(service, inputs, p)));
    setTraces({ Cluster: cluster, Local: local });
    setBusy(false);
  };
  const clearTrace = () => {
    setTrace(null);
    setTraces(null);
    writeUrl(stateNow({ trace: null }));
  };
  const applyGroup = (group: number) => {
    router.replace(`${pathname}${encodeServiceState(stateNow({ group }))}`, { scroll: false });
  };
  const doExport = async (kind: 'svg' | 'png') => {
    setExportError(null);
    const svgs = [...(diagramsRef.current?.querySelectorAll<SVGSVGElement>('svg[data-testid="path-diagram-svg"]') ?? [])];
    if (svgs.length === 0) { setExportError('There is no diagram to export.'); return; }
    try {
      if (kind === 'svg') exportSvg(svgs, exportFileName(namespace, name, 'svg'));
      else await exportPng(svgs, exportFileName(namespace, name, 'png'));
    } catch (err) {
      setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const podSuggestions = props.podSuggestions.map((p) => `pod:${p}`);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2" data-testid="diagram-toolbar">
        <ViewToggle value={view} actual={actualPolicy} onChange={changeView} />
        <GroupControl value={initialState.group} onApply={applyGroup} />
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => doExport('svg')} data-testid="export-svg" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Export SVG
          </button>
          <button type="button" onClick={() => doExport('png')} data-testid="export-png" className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
            Export PNG
          </button>
          {exportError ? <span role="alert" className="text-sm text-red-700 dark:text-red-400">{exportError}</span> : null}
        </div>
      </div>
      <DiagramLegend />
      {hop && !selected ? (
        <p role="status" data-testid="hop-missing" className="text-sm text-amber-800 dark:text-amber-300">
          The selected hop is not in the diagram{view === 'both' ? '' : ' shown'} (the cluster or the view changed).
        </p>
      ) : null}
      <div ref={diagramsRef} data-testid="diagrams" data-view={view} className={`grid gap-4 ${visible.length === 2 ? 'xl:grid-cols-2' : ''}`}>
        {visible.map((p) => {
          const panel = panels[p];
          const actual = p === actualPolicy;
          const title = `${p} policy${actual ? ' (actual)' : ' (what if)'}`;
          return (
            <section key={p} data-testid="policy-panel" data-policy={p} data-actual={actual ? 'true' : 'false'} aria-label={title} className={`min-w-0 rounded border p-3 ${actual ? 'border-sky-400 dark:border-sky-700' : 'border-dashed border-slate-300 dark:border-slate-600'}`}>
              <header className="mb-2 space-y-1">
                <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
                  externalTrafficPolicy: {p}
                  {actual ? (
                    <span data-testid="policy-badge" className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-200">actual</span>
                  ) : (
                    <span data-testid="policy-badge" className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200">what if</span>
                  )}
                </h2>
                <p className="text-sm" data-testid="policy-summary">{panel.view.summary}</p>
                {[...panel.view.notices, ...panel.view.notes].map((n, i) => (
                  <p key={i} className="text-xs text-slate-600 dark:text-slate-400">{n}</p>
                ))}
              </header>
              {panel.layout.nodes.length > 0 ? (
                <PathDiagram
                  layout={panel.layout}
                  title={title}
                  description={panel.view.summary}
                  selectedHop={selected?.view.policy === p ? hop : null}
                  highlight={highlights[p] ?? null}
                  onSelectHop={selectHop}
                />
              ) : null}
            </section>
          );
        })}
      </div>
      {selected ? (
        <section data-testid="hop-details" data-hop={hop ?? undefined} aria-label="Selected hop" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-800 dark:bg-sky-950">
          <h2 className="font-semibold">Selected hop ({selected.view.policy})</h2>
          <p>{(selected.node ?? selected.edge)!.ariaLabel}</p>
          <p className="font-mono text-xs">src {(selected.node ?? selected.edge)!.hop.src ?? '—'} → dst {(selected.node ?? selected.edge)!.hop.dst ?? '—'}</p>
          <p className="text-slate-700 dark:text-slate-300">{(selected.node ?? selected.edge)!.hop.note}</p>
          <button type="button" onClick={() => selectHop(null)} className="mt-1 text-xs underline">Clear selection</button>
        </section>
      ) : null}
      <section className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700">
        <TraceForm
          initial={trace ?? props.traceDefaults}
          defaults={props.traceDefaults}
          nodeNames={props.nodeNames}
          podSuggestions={podSuggestions}
          busy={busy}
          active={trace !== null}
          onTrace={runTrace}
          onClear={clearTrace}
        />
        {traces ? (
          <div className={`grid gap-3 ${visible.length === 2 ? 'lg:grid-cols-2' : ''}`} data-testid="trace-results" aria-live="polite">
            {visible.map((p) => (traces[p] ? <TraceResultView key={p} outcome={traces[p]} policy={p} actual={p === actualPolicy} /> : null))}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="shares-title" className="space-y-3">
        <h2 id="shares-title" className="text-lg font-semibold">Traffic share per pod</h2>
        <div className={`grid gap-4 ${visible.length === 2 ? 'xl:grid-cols-2' : ''}`}>
          {visible.map((p) => <PodShareChart key={p} chart={panels[p].chart} policy={p} actual={p === actualPolicy} />)}
        </div>
      </section>
    </div>
  );
}
