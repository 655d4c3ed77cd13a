'use client';
// The interactive part of the Service page: the Cluster/Local diagrams (side by side or one at a
// time), hop selection, the trace form and its highlighted path, export, grouping and the per-pod
// share charts. All state lives in the URL: view/hop/trace changes rewrite it in place
// (history.replaceState, which Next's router observes); a grouping change re-renders on the server.
import { useCallback, useRef, useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import type { TrafficPolicy } from '@/lib/engine/types';
import { exportFileName } from '@/lib/view/format';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import type { TraceApiResponse, TraceOutcome } from '@/lib/view/trace-api';
import {
  encodeServiceState,
  type ServiceViewMode,
  type ServiceViewState,
  type TraceInputs,
} from '@/lib/view/url-state';
import { POLICIES, visiblePolicies } from '@/lib/view/visible-policies';
import { DiagramLegend } from '../diagram/DiagramLegend';
import { exportPng, exportSvg } from '../diagram/export-diagram';
import { GroupControl } from './GroupControl';
import { HopDetails } from './HopDetails';
import { PodSharesSection } from './PodSharesSection';
import { PolicyPanels, type PolicyTraces } from './PolicyPanels';
import { TraceSection } from './TraceSection';
import { ViewToggle } from './ViewToggle';

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
  initialTraces: PolicyTraces;
}

/** Asks the server to trace one packet under `policy`. */
async function requestTrace(service: string, inputs: TraceInputs, policy: TrafficPolicy): Promise<TraceOutcome> {
  try {
    const res = await fetch('/api/trace', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service, ...inputs, policy }),
    });
    const body = (await res.json()) as TraceApiResponse;
    return body.ok
      ? { ok: true, result: body.result, sourceKind: body.sourceKind, arrival: body.arrival }
      : { ok: false, error: body.error.message };
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
  const [traces, setTraces] = useState<PolicyTraces>(props.initialTraces);
  const [busy, setBusy] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const diagramsRef = useRef<HTMLDivElement | null>(null);

  const stateNow = useCallback(
    (patch: Partial<ServiceViewState>): ServiceViewState => ({
      view,
      hop,
      group: initialState.group,
      trace,
      client: initialState.client,
      ...patch,
    }),
    [view, hop, trace, initialState.group, initialState.client],
  );
  const writeUrl = useCallback(
    (next: ServiceViewState) => {
      window.history.replaceState(null, '', `${pathname}${encodeServiceState(next)}`);
    },
    [pathname],
  );

  const visible = visiblePolicies(view);
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
    const svgs = [
      ...(diagramsRef.current?.querySelectorAll<SVGSVGElement>('svg[data-testid="path-diagram-svg"]') ?? []),
    ];
    if (svgs.length === 0) {
      setExportError('There is no diagram to export.');
      return;
    }
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
          <button
            type="button"
            onClick={() => doExport('svg')}
            data-testid="export-svg"
            className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Export SVG
          </button>
          <button
            type="button"
            onClick={() => doExport('png')}
            data-testid="export-png"
            className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Export PNG
          </button>
          {exportError ? (
            <span role="alert" className="text-sm text-red-700 dark:text-red-400">
              {exportError}
            </span>
          ) : null}
        </div>
      </div>
      <DiagramLegend />
      <PolicyPanels
        ref={diagramsRef}
        mode={view}
        actualPolicy={actualPolicy}
        panels={panels}
        traces={traces}
        hop={hop}
        onSelectHop={selectHop}
      />
      <HopDetails mode={view} panels={panels} hop={hop} onClear={() => selectHop(null)} />
      <TraceSection
        visible={visible}
        actualPolicy={actualPolicy}
        trace={trace}
        traces={traces}
        defaults={props.traceDefaults}
        nodeNames={props.nodeNames}
        podSuggestions={podSuggestions}
        busy={busy}
        onTrace={runTrace}
        onClear={clearTrace}
      />
      <PodSharesSection visible={visible} actualPolicy={actualPolicy} panels={panels} />
    </div>
  );
}
