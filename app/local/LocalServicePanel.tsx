'use client';
// One Service of a locally opened snapshot, drawn with the Service page's own components
// (diagrams, hop details, trace, pod shares, findings, policies). Everything is computed in this tab:
// the trace runs the engine here instead of calling /api/trace, and view/hop/trace state stays in React.
import { useMemo, useState } from 'react';
import { DiagramLegend } from '@/components/diagram/DiagramLegend';
import { FindingsSection } from '@/components/service/FindingsSection';
import { HopDetails } from '@/components/service/HopDetails';
import { PodSharesSection } from '@/components/service/PodSharesSection';
import { PoliciesSection } from '@/components/service/PoliciesSection';
import { PolicyPanels, type PolicyTraces } from '@/components/service/PolicyPanels';
import { ServiceFactsPanel } from '@/components/service/ServiceFactsPanel';
import { TraceSection } from '@/components/service/TraceSection';
import { ViewToggle } from '@/components/service/ViewToggle';
import type { ServiceAnalysis } from '@/lib/engine/types';
import type { ClusterView } from '@/lib/source/types';
import { runTrace } from '@/lib/view/run-trace';
import { buildServicePageData } from '@/lib/view/service-page-data';
import { DEFAULT_GROUP_THRESHOLD, type ServiceViewMode, type TraceInputs } from '@/lib/view/url-state';
import { visiblePolicies } from '@/lib/view/visible-policies';

/** Details of one Service of the local snapshot. */
export function LocalServicePanel({
  view,
  service,
  onClose,
}: {
  view: ClusterView;
  service: ServiceAnalysis;
  onClose: () => void;
}) {
  const data = useMemo(
    () => buildServicePageData(view.model, view.analysis, service, { group: DEFAULT_GROUP_THRESHOLD }),
    [view, service],
  );
  const [mode, setMode] = useState<ServiceViewMode>('both');
  const [hop, setHop] = useState<string | null>(null);
  const [trace, setTrace] = useState<TraceInputs | null>(null);
  const [traces, setTraces] = useState<PolicyTraces>(null);

  const actual = service.externalTrafficPolicy;
  const visible = visiblePolicies(mode);
  const onTrace = (inputs: TraceInputs) => {
    setTrace(inputs);
    setTraces({
      Cluster: runTrace(view, service.entries, inputs, 'Cluster'),
      Local: runTrace(view, service.entries, inputs, 'Local'),
    });
  };
  const onClearTrace = () => {
    setTrace(null);
    setTraces(null);
  };
  const podSuggestions = service.paths[actual].pods.flatMap((p) => (p.pod ? [`pod:${p.pod}`] : [])).slice(0, 50);

  return (
    <section
      id="local-service"
      data-testid="local-service"
      data-service={service.service}
      aria-labelledby="local-service-heading"
      className="space-y-6 rounded border border-slate-300 p-4 dark:border-slate-700"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="local-service-heading" className="text-lg font-semibold">
          Service <span className="font-mono">{service.service}</span> (local view)
        </h2>
        <button
          type="button"
          onClick={onClose}
          className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Close
        </button>
      </div>
      <ServiceFactsPanel facts={data.facts} />
      <ViewToggle value={mode} actual={actual} onChange={setMode} />
      <DiagramLegend />
      <PolicyPanels
        mode={mode}
        actualPolicy={actual}
        panels={data.panels}
        traces={traces}
        hop={hop}
        onSelectHop={setHop}
      />
      <HopDetails mode={mode} panels={data.panels} hop={hop} onClear={() => setHop(null)} />
      <TraceSection
        visible={visible}
        actualPolicy={actual}
        trace={trace}
        traces={traces}
        defaults={data.traceDefaults}
        nodeNames={data.nodeNames}
        podSuggestions={podSuggestions}
        busy={false}
        onTrace={onTrace}
        onClear={onClearTrace}
      />
      <PodSharesSection visible={visible} actualPolicy={actual} panels={data.panels} />
      <FindingsSection findings={data.findings} />
      <PoliciesSection policies={data.policies} actual={actual} />
    </section>
  );
}
