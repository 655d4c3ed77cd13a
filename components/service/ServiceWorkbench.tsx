'use client';
// The interactive part of a Service: the path switch (from outside / from pods), the Cluster/Local
// diagrams (stacked, or one at a time), hop selection, the trace form and its highlighted path,
// export, grouping and the per-pod share charts. One component for the server-backed Service page
// and the in-browser local view: the caller passes how a trace runs (server API or the engine in
// this tab) and where state changes go (the URL, or React state).
import { useRef, useState } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import { exportFileName } from '@/lib/view/format';
import { exportMeta } from '@/lib/view/page/export-meta';
import type { PathPanels } from '@/lib/view/service-page-data';
import type { TraceOutcome } from '@/lib/view/trace-api';
import type { ServicePathKind, ServiceViewMode, ServiceViewState, TraceInputs } from '@/lib/view/url-state';
import { POLICIES, visiblePolicies } from '@/lib/view/visible-policies';
import { revealAt, revealSteps, type DiagramSize } from '@/lib/view/diagram/reveal';
import { DiagramLegend } from '../diagram/DiagramLegend';
import { exportPng, exportSvg } from '../diagram/export-diagram';
import { ClientPodControl } from './ClientPodControl';
import { GroupControl } from './GroupControl';
import { HopDetails, type HopDetailsProps } from './HopDetails';
import { PathToggle } from './PathToggle';
import { PodSharesSection } from './PodSharesSection';
import { PolicyPanels, type PolicyTraces } from './PolicyPanels';
import { TraceSection } from './TraceSection';
import { ViewToggle } from './ViewToggle';

/** What the workbench draws: plain data, computed on the server or in the tab. */
export interface WorkbenchData {
  namespace: string;
  name: string;
  /** The cluster/context or snapshot the data came from (for exports). */
  sourceLabel: string;
  paths: Record<ServicePathKind, PathPanels>;
  defaultPath: ServicePathKind;
  traceDefaults: TraceInputs;
  nodeNames: string[];
  /** Pod keys offered as trace sources and in-cluster clients. */
  podSuggestions: string[];
}

/** Props of ServiceWorkbench. */
export interface ServiceWorkbenchProps {
  data: WorkbenchData;
  initialState: ServiceViewState;
  initialTraces: PolicyTraces;
  /** Traces one packet under one externalTrafficPolicy. */
  runTrace: (inputs: TraceInputs, policy: TrafficPolicy) => Promise<TraceOutcome>;
  /** Receives every state change; `recompute` when the diagrams must be rebuilt (grouping, client pod). */
  onStateChange: (state: ServiceViewState, recompute: boolean) => void;
  /**
   * Draws the workbench a step at a time (the /local panel, so no main-thread task draws all of it): the
   * toolbar, legend and diagrams chunk by chunk (lib/view/diagram/reveal.ts), then the hop details and trace
   * form, then the pod shares; everything from workbenchSteps() on. Everything at once when absent.
   */
  step?: number;
}

/** Steps of the workbench drawn a step at a time (see `step`) for `data` shown in view `view` at first. */
export function workbenchSteps(data: WorkbenchData, view: ServiceViewMode): number {
  return revealSteps(diagramSizes(data.paths[data.defaultPath], visiblePolicies(view))) + 2;
}

/** The number of boxes and edges of each visible diagram. */
function diagramSizes(shown: PathPanels, visible: TrafficPolicy[]): DiagramSize[] {
  return visible.map((p) => ({
    nodes: shown.panels[p].layout.nodes.length,
    edges: shown.panels[p].layout.edges.length,
  }));
}

const button =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

/** Diagrams, trace, export and pod shares of one Service. */
export function ServiceWorkbench({
  data,
  initialState,
  initialTraces,
  runTrace,
  onStateChange,
  step,
}: ServiceWorkbenchProps) {
  const [view, setView] = useState<ServiceViewMode>(initialState.view);
  const [hop, setHop] = useState<string | null>(initialState.hop);
  const [path, setPath] = useState<ServicePathKind | null>(initialState.path);
  const [trace, setTrace] = useState<TraceInputs | null>(initialState.trace);
  const [traces, setTraces] = useState<PolicyTraces>(initialTraces);
  const [busy, setBusy] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const diagramsRef = useRef<HTMLDivElement | null>(null);

  const state: ServiceViewState = { ...initialState, view, hop, path, trace };
  const change = (patch: Partial<ServiceViewState>, recompute = false) =>
    onStateChange({ ...state, ...patch }, recompute);
  const kind = path ?? data.defaultPath;
  const shown = data.paths[kind];
  const visible = visiblePolicies(view);
  const sizes = diagramSizes(shown, visible);
  const reveal = step === undefined ? undefined : revealAt(sizes, step);
  // The parts below the diagrams, each one step after the diagrams are whole.
  const below = (part: number) => step === undefined || step >= revealSteps(sizes) + part;

  const doTrace = async (inputs: TraceInputs) => {
    setBusy(true);
    setTrace(inputs);
    change({ trace: inputs });
    const [cluster, local] = await Promise.all(POLICIES.map((p) => runTrace(inputs, p)));
    setTraces({ Cluster: cluster, Local: local });
    setBusy(false);
  };
  const clearTrace = () => {
    setTrace(null);
    setTraces(null);
    change({ trace: null });
  };
  const doExport = async (format: 'svg' | 'png') => {
    setExportError(null);
    const svgs = [
      ...(diagramsRef.current?.querySelectorAll<SVGSVGElement>('svg[data-testid="path-diagram-svg"]') ?? []),
    ];
    if (svgs.length === 0) {
      setExportError('There is no diagram to export.');
      return;
    }
    const meta = exportMeta({
      service: `${data.namespace}/${data.name}`,
      path: kind,
      field: shown.field,
      shown: visible,
      actual: shown.actual,
      source: data.sourceLabel,
      at: new Date(),
      trace: kind === 'external' ? trace : null,
      clientPod: kind === 'in-cluster' ? initialState.pod : null,
    });
    const file = exportFileName(data.namespace, data.name, format);
    try {
      if (format === 'svg') exportSvg(svgs, file, meta);
      else await exportPng(svgs, file, meta);
    } catch (err) {
      setExportError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  // One set of details: in a drawer, and on a phone under the selected step (HopDetails).
  const hopDetails: HopDetailsProps = {
    mode: view,
    panels: shown.panels,
    hop,
    onClear: () => {
      setHop(null);
      change({ hop: null });
    },
    // The group's nodes become individual rows: the grouping threshold grows by their number.
    onExpand: (count) => {
      setHop(null);
      change({ group: Math.min(10_000, initialState.group + count), hop: null }, true);
    },
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2" data-testid="diagram-toolbar">
        <PathToggle
          value={kind}
          onChange={(p) => {
            setPath(p);
            setHop(null);
            change({ path: p === data.defaultPath ? null : p, hop: null });
          }}
        />
        <ViewToggle
          value={view}
          actual={shown.actual}
          onChange={(v) => {
            setView(v);
            change({ view: v });
          }}
        />
        <GroupControl value={initialState.group} onApply={(group) => change({ group }, true)} />
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => doExport('svg')} data-testid="export-svg" className={button}>
            Export SVG
          </button>
          <button type="button" onClick={() => doExport('png')} data-testid="export-png" className={button}>
            Export PNG
          </button>
          {exportError ? (
            <span role="alert" className="text-sm text-red-700 dark:text-red-400">
              {exportError}
            </span>
          ) : null}
        </div>
      </div>
      {kind === 'in-cluster' ? (
        <ClientPodControl
          value={initialState.pod}
          suggestions={data.podSuggestions}
          onApply={(pod) => change({ pod, hop: null }, true)}
        />
      ) : null}
      <DiagramLegend />
      <PolicyPanels
        ref={diagramsRef}
        mode={view}
        field={shown.field}
        actualPolicy={shown.actual}
        panels={shown.panels}
        traces={traces}
        hop={hop}
        reveal={reveal}
        hopDetails={below(1) ? <HopDetails {...hopDetails} placement="inline" /> : null}
        onSelectHop={(id) => {
          setHop(id);
          change({ hop: id });
        }}
      />
      {below(1) ? (
        <>
          <HopDetails {...hopDetails} />
          <TraceSection
            visible={visible}
            actualPolicy={data.paths.external.actual}
            trace={trace}
            traces={traces}
            defaults={data.traceDefaults}
            nodeNames={data.nodeNames}
            podSuggestions={data.podSuggestions.map((p) => `pod:${p}`)}
            busy={busy}
            onTrace={doTrace}
            onClear={clearTrace}
          />
        </>
      ) : null}
      {below(2) ? <PodSharesSection visible={visible} actualPolicy={shown.actual} panels={shown.panels} /> : null}
    </div>
  );
}
