'use client';
// One Service of a locally opened snapshot, drawn with the Service page's own workbench (diagrams,
// hop details, trace, export, pod shares) plus its findings and policies. Everything is computed in
// this tab, in the analysis worker: the panel asks it for this Service's page data (what the server's
// Service page sends; the model never crosses to the page) and for its traces instead of calling
// /api/trace. The view state stays in React (the workbench's state sink); a grouping or client-pod change
// asks the worker for the page data again.
import { startTransition, useCallback, useEffect, useState } from 'react';
import { FindingsSection } from '@/components/service/FindingsSection';
import { FrontDoorSection } from '@/components/service/FrontDoorSection';
import { FrontDoorSummary } from '@/components/service/FrontDoorSummary';
import { PoliciesSection } from '@/components/service/PoliciesSection';
import { ServiceFactsPanel } from '@/components/service/ServiceFactsPanel';
import { ServiceWorkbench, workbenchSteps, type WorkbenchData } from '@/components/service/ServiceWorkbench';
import { useStagedReveal } from '@/components/common/useStagedReveal';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { LocalServiceData } from '@/lib/source/local-worker';
import { DEFAULT_SERVICE_STATE, type ServiceViewState, type TraceInputs } from '@/lib/view/url-state';
import type { LocalServiceRequests } from './useLocalAnalysis';

/** Details of one Service of the local snapshot (`service`: namespace/name). */
export function LocalServicePanel({
  service,
  requests,
  onClose,
  onOpenService,
}: {
  service: string;
  requests: LocalServiceRequests;
  onClose: () => void;
  /** Opens another Service of the snapshot (front-door links); without it links go to the server's page. */
  onOpenService?: (namespace: string, name: string) => void;
}) {
  const [state, setState] = useState<ServiceViewState>(DEFAULT_SERVICE_STATE);
  const [panel, setPanel] = useState<LocalServiceData | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    requests.load(service, { group: state.group, clientPod: state.pod }).then(
      // A transition renders the diagrams in slices, so the main thread never blocks while they appear.
      (next) => live && startTransition(() => setPanel(next)),
      (e) => live && setFailure(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [requests, service, state.group, state.pod]);
  const trace = useCallback(
    (inputs: TraceInputs, policy: TrafficPolicy) => requests.trace(service, inputs, policy),
    [requests, service],
  );
  // Drawn a step at a time once the data is here (the workbench's steps, then the front doors, then the
  // findings and policies): at full scale all at once is one main-thread task of ~100 ms.
  const workbench = panel ? workbenchSteps(workbenchData(panel), DEFAULT_SERVICE_STATE.view) : 1;
  const step = useStagedReveal(workbench + 2, panel !== null);
  const after = (steps: number) => step === undefined || step > steps;
  const onStateChange = useCallback((next: ServiceViewState, recompute: boolean) => {
    // Only a rebuild needs a re-render here; the workbench keeps view/hop/trace itself.
    if (recompute) setState(next);
  }, []);

  if (!panel)
    return (
      <p role="status" data-testid="local-service-status" className="text-sm">
        {failure ?? `Loading Service ${service}…`}
      </p>
    );
  const { data, service: analysis } = panel;
  return (
    <section
      id="local-service"
      data-testid="local-service"
      data-service={analysis.service}
      aria-labelledby="local-service-heading"
      // Busy while parts are still being drawn (useStagedReveal).
      aria-busy={step !== undefined ? true : undefined}
      className="space-y-6 rounded border border-slate-300 p-4 dark:border-slate-700"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="local-service-heading" className="text-lg font-semibold">
          Service <span className="font-mono">{analysis.service}</span> (local view)
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
        data={workbenchData(panel)}
        initialState={state}
        initialTraces={null}
        runTrace={trace}
        onStateChange={onStateChange}
        step={step}
      />
      {after(workbench) ? (
        <FrontDoorSection
          view={data.frontDoor}
          target={onOpenService ? { kind: 'local', onOpen: onOpenService } : { kind: 'route' }}
        />
      ) : null}
      {after(workbench + 1) ? (
        <>
          <FindingsSection findings={data.findings} />
          <PoliciesSection policies={data.policies} actual={analysis.externalTrafficPolicy} />
        </>
      ) : null}
    </section>
  );
}

/** What the workbench draws of the worker's answer. */
function workbenchData({ data, service, sourceLabel }: LocalServiceData): WorkbenchData {
  return {
    namespace: service.namespace,
    name: service.name,
    sourceLabel,
    paths: data.paths,
    defaultPath: data.defaultPath,
    traceDefaults: data.traceDefaults,
    nodeNames: data.nodeNames,
    podSuggestions: data.podSuggestions,
  };
}
