// "Trace a packet" with its results: the form, then one result per visible policy. The parent runs
// the trace (server API or in-browser engine) and owns the inputs and outcomes.
import type { TrafficPolicy } from '@/lib/engine/types';
import type { TraceInputs } from '@/lib/view/url-state';
import type { PolicyTraces } from './PolicyPanels';
import { TraceForm, type TraceFormProps } from './TraceForm';
import { TraceResultView } from './TraceResultView';

/** Props of TraceSection: the form's own (bar `initial` and `active`, derived from `trace`) and the outcomes. */
export interface TraceSectionProps extends Omit<TraceFormProps, 'initial' | 'active'> {
  visible: TrafficPolicy[];
  actualPolicy: TrafficPolicy;
  /** The traced inputs, or null when no trace is active. */
  trace: TraceInputs | null;
  traces: PolicyTraces;
}

/** The trace form and the traced packet's outcome under each visible policy. */
export function TraceSection({ visible, actualPolicy, trace, traces, ...form }: TraceSectionProps) {
  return (
    <section className="space-y-3 rounded border border-slate-200 p-3 dark:border-slate-700">
      <TraceForm {...form} initial={trace ?? form.defaults} active={trace !== null} />
      {traces ? (
        <div
          className={`grid gap-3 ${visible.length === 2 ? 'lg:grid-cols-2' : ''}`}
          data-testid="trace-results"
          aria-live="polite"
        >
          {visible.map((p) => {
            const outcome = traces[p];
            return outcome ? (
              <TraceResultView key={p} outcome={outcome} policy={p} actual={p === actualPolicy} />
            ) : null;
          })}
        </div>
      ) : null}
    </section>
  );
}
