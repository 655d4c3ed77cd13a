'use client';
// One Service of a locally opened snapshot, drawn with the Service page's own workbench (diagrams,
// hop details, trace, export, pod shares) plus its findings and policies. Everything is computed in
// this tab: the trace runs the engine here instead of calling /api/trace, and the view state stays in
// React (the workbench's state sink); a grouping or client-pod change rebuilds the page data here.
import { useCallback, useMemo, useState } from 'react';
import { FindingsSection } from '@/components/service/FindingsSection';
import { FrontDoorSection } from '@/components/service/FrontDoorSection';
import { FrontDoorSummary } from '@/components/service/FrontDoorSummary';
import { PoliciesSection } from '@/components/service/PoliciesSection';
import { ServiceFactsPanel } from '@/components/service/ServiceFactsPanel';
import { ServiceWorkbench } from '@/components/service/ServiceWorkbench';
import type { ServiceAnalysis, TrafficPolicy } from '@/lib/engine/types';
import type { ClusterView } from '@/lib/source/types';
import { runTrace } from '@/lib/view/run-trace';
import { buildServicePageData } from '@/lib/view/service-page-data';
import { DEFAULT_SERVICE_STATE, type ServiceViewState, type TraceInputs } from '@/lib/view/url-state';

/** Details of one Service of the local snapshot. */
export function LocalServicePanel({
  view,
  service,
  onClose,
  onOpenService,
}: {
  view: ClusterView;
  service: ServiceAnalysis;
  onClose: () => void;
  /** Opens another Service of the snapshot (front-door links); without it links go to the server's page. */
  onOpenService?: (namespace: string, name: string) => void;
}) {
  const [state, setState] = useState<ServiceViewState>(DEFAULT_SERVICE_STATE);
  const data = useMemo(
    () =>
      buildServicePageData(view.model, view.analysis, service, {
        group: state.group,
        clientPod: state.pod,
      }),
    [view, service, state.group, state.pod],
  );
  const trace = useCallback(
    async (inputs: TraceInputs, policy: TrafficPolicy) => runTrace(view, service.entries, inputs, policy),
    [view, service],
  );
  const onStateChange = useCallback((next: ServiceViewState, recompute: boolean) => {
    // Only a rebuild needs a re-render here; the workbench keeps view/hop/trace itself.
    if (recompute) setState(next);
  }, []);

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
      <FrontDoorSummary view={data.frontDoor} />
      <ServiceWorkbench
        data={{
          namespace: service.namespace,
          name: service.name,
          sourceLabel: view.source.label,
          paths: data.paths,
          defaultPath: data.defaultPath,
          traceDefaults: data.traceDefaults,
          nodeNames: data.nodeNames,
          podSuggestions: data.podSuggestions,
        }}
        initialState={state}
        initialTraces={null}
        runTrace={trace}
        onStateChange={onStateChange}
      />
      <FrontDoorSection
        view={data.frontDoor}
        target={onOpenService ? { kind: 'local', onOpen: onOpenService } : { kind: 'route' }}
      />
      <FindingsSection findings={data.findings} />
      <PoliciesSection policies={data.policies} actual={service.externalTrafficPolicy} />
    </section>
  );
}
