'use client';
// The Service page's workbench: traces run on the server (POST /api/trace) and state lives in the URL
// (history.replaceState for view/hop/trace/path, which Next's router observes; a grouping or
// client-pod change re-renders on the server, which rebuilds the diagrams).
import { useCallback } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { TraceApiResponse, TraceOutcome } from '@/lib/view/trace-api';
import { encodeServiceState, type ServiceViewState, type TraceInputs } from '@/lib/view/url-state';
import type { PolicyTraces } from './PolicyPanels';
import { ServiceWorkbench, type WorkbenchData } from './ServiceWorkbench';

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

/** The workbench wired to the URL and the trace API. */
export function UrlServiceWorkbench(props: {
  data: WorkbenchData;
  initialState: ServiceViewState;
  initialTraces: PolicyTraces;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const service = `${props.data.namespace}/${props.data.name}`;
  const runTrace = useCallback(
    (inputs: TraceInputs, policy: TrafficPolicy) => requestTrace(service, inputs, policy),
    [service],
  );
  const onStateChange = useCallback(
    (state: ServiceViewState, recompute: boolean) => {
      const url = `${pathname}${encodeServiceState(state)}`;
      if (recompute) router.replace(url, { scroll: false });
      else window.history.replaceState(null, '', url);
    },
    [pathname, router],
  );
  return <ServiceWorkbench {...props} runTrace={runTrace} onStateChange={onStateChange} />;
}
