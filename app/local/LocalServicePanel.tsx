'use client';
// One Service of a locally opened snapshot, drawn with the Service page's own components
// (diagrams, pod shares, findings, policies). Everything is computed in this tab: the trace runs
// the engine here instead of calling /api/trace, and view/hop/trace state stays in React.
import { useMemo, useState } from 'react';
import { DiagramLegend } from '@/components/diagram/DiagramLegend';
import { PathDiagram } from '@/components/diagram/PathDiagram';
import { FindingsSection } from '@/components/service/FindingsSection';
import { PodShareChart } from '@/components/service/PodShareChart';
import { PoliciesSection } from '@/components/service/PoliciesSection';
import { ServiceFactsPanel } from '@/components/service/ServiceFactsPanel';
import { TraceForm } from '@/components/service/TraceForm';
import { TraceResultView } from '@/components/service/TraceResultView';
import { ViewToggle } from '@/components/service/ViewToggle';
import type { ServiceAnalysis, TrafficPolicy } from '@/lib/engine/types';
import type { ClusterView } from '@/lib/source/types';
import { runTrace } from '@/lib/view/run-trace';
import { buildServicePageData } from '@/lib/view/service-page-data';
import { findHop } from '@/lib/view/service-view';
import type { TraceOutcome } from '@/lib/view/trace-api';
import { traceHighlight } from '@/lib/view/trace-highlight';
import { DEFAULT_GROUP_THRESHOLD, type ServiceViewMode, type TraceInputs } from '@/lib/view/url-state';

const POLICIES: TrafficPolicy[] = ['Cluster', 'Local'];

/** Details of one Service of the local snapshot. */
export function LocalServicePanel({ view, service, onClose }: { view: ClusterView; service: ServiceAnalysis; onClose: () => void }) {
  const data = useMemo(() => buildServicePageData(view.model, view.analysis, service, { group: DEFAULT_GROUP_THRESHOLD }), [view, service]);
  const [mode, setMode] = useState<ServiceViewMode>('both');
  const [hop, setHop] = useState<string | null>(null);
  const [trace, setTrace] = useState<TraceInputs | null>(null);
  const [traces, setTraces] = useState<Partial<Record<TrafficPolicy, TraceOutcome>> | null>(null);

  const actual = service.externalTrafficPolicy;
  const visible = mode === 'both' ? POLICIES : [mode];
  const selected = findHop(visible.map((p) => data.panels[p].view), hop);
  const highlights = useMemo(() => {
    const out: Partial<Record<TrafficPolicy, string[]>> = {};
    for (const p of POLICIES) {
      const t = traces?.[p];
      if (t?.ok) out[p] = traceHighlight(data.panels[p].view, t.result, { external: t.sourceKind === 'external', arrival: t.arrival }).ids;
    }
    return out;
  }, [traces, data]);

  const onTrace = (inputs: TraceInputs) => {
    setTrace(inputs);
    setTraces({ Cluster: runTrace(view, service.entries, inputs, 'Cluster'), Local: runTrace(view, service.entries, inputs, 'Local') });
  };
  const podSuggestions = service.paths[actual].pods.flatMap((p) => (p.pod ? [`pod:${p.pod}`] : [])).slice(0, 50);

  return (
    <section id="local-service" data-testid="local-service" data-service={service.service} aria-labelledby="local-service-heading" className="space-y-6 rounded border border-slate-300 p-4 dark:border-slate-700">
      <div className="flex items-start justify-between gap-2">
        <h2 id="local-service-heading" className="text-lg font-semibold">
          Service <span className="font-mono">{service.service}</span> (local view)
        </h2>
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800">
          Close
        </button>
      </div>
      <ServiceFactsPanel facts={data.facts} />
      <ViewToggle value={mode} actual={actual} onChange={setMode} />
      <DiagramLegend />
      <div data-testid="diagrams" data-view={mode} className={`grid gap-4 ${visible.length === 2 ? 'xl:grid-cols-2' : ''}`}>
        {visible.map((p) => {
          const panel = data.panels[p];
          const isActual = p === actual;
          const title = `${p} policy${isActual ? ' (actual)' : ' (what if)'}`;
          return (
            <section key={p} data-testid="policy-panel" data-policy={p} data-actual={isActual ? 'true' : 'false'} aria-label={title} className={`min-w-0 rounded border p-3 ${isActual ? 'border-sky-400 dark:border-sky-700' : 'border-dashed border-slate-300 dark:border-slate-600'}`}>
              <h3 className="font-semibold">externalTrafficPolicy: {p} — {isActual ? 'actual' : 'what if'}</h3>
              <p className="mb-2 text-sm">{panel.view.summary}</p>
              {panel.layout.nodes.length > 0 ? (
                <PathDiagram
                  layout={panel.layout}
                  title={title}
                  description={panel.view.summary}
                  selectedHop={selected?.view.policy === p ? hop : null}
                  highlight={highlights[p] ?? null}
                  onSelectHop={setHop}
                />
              ) : null}
            </section>
          );
        })}
      </div>
      {selected ? (
        <p data-testid="hop-details" className="rounded border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-800 dark:bg-sky-950">
          {(selected.node ?? selected.edge)!.ariaLabel} — src {(selected.node ?? selected.edge)!.hop.src ?? '—'} → dst {(selected.node ?? selected.edge)!.hop.dst ?? '—'}
        </p>
      ) : null}
      <section className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700">
        <TraceForm
          initial={trace ?? data.traceDefaults}
          defaults={data.traceDefaults}
          nodeNames={data.nodeNames}
          podSuggestions={podSuggestions}
          busy={false}
          active={trace !== null}
          onTrace={onTrace}
          onClear={() => {
            setTrace(null);
            setTraces(null);
          }}
        />
        {traces ? (
          <div className={`grid gap-3 ${visible.length === 2 ? 'lg:grid-cols-2' : ''}`} data-testid="trace-results" aria-live="polite">
            {visible.map((p) => (traces[p] ? <TraceResultView key={p} outcome={traces[p]} policy={p} actual={p === actual} /> : null))}
          </div>
        ) : null}
      </section>
      <section className="space-y-3">
        <h3 className="text-lg font-semibold">Traffic share per pod</h3>
        <div className={`grid gap-4 ${visible.length === 2 ? 'xl:grid-cols-2' : ''}`}>
          {visible.map((p) => (
            <PodShareChart key={p} chart={data.panels[p].chart} policy={p} actual={p === actual} />
          ))}
        </div>
      </section>
      <FindingsSection findings={data.findings} />
      <PoliciesSection policies={data.policies} actual={actual} />
    </section>
  );
}
