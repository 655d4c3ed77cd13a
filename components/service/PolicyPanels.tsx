'use client';
// The Cluster and Local diagram panels of one Service (side by side or one at a time): each with its
// title, actual/what-if badge, summary, notices and the packet-path diagram, the traced packet's
// path lit up. Shared by the server-backed Service page and the in-browser local view, so both draw
// the same markup; the parent owns the state (URL or React) and passes callbacks.
import { useMemo, useState, type ReactNode, type Ref } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import type { DiagramReveal } from '@/lib/view/diagram/reveal';
import { findHop } from '@/lib/view/service-view';
import type { TraceOutcome } from '@/lib/view/trace-api';
import { traceHighlight } from '@/lib/view/trace-highlight';
import { inClusterHighlight } from '@/lib/view/trace/in-cluster-highlight';
import type { ServiceViewMode } from '@/lib/view/url-state';
import { POLICIES, visiblePolicies } from '@/lib/view/visible-policies';
import { PathDiagram, type TracedNode } from '../diagram/PathDiagram';
import { DisclosureButton } from '../common/DisclosureButton';
import { PathSteps } from '../diagram/PathSteps';

/** Traces of one packet under each policy (null before any trace). */
export type PolicyTraces = Partial<Record<TrafficPolicy, TraceOutcome>> | null;

/** Props of PolicyPanels (plain data and callbacks). */
export interface PolicyPanelsProps {
  mode: ServiceViewMode;
  /** The policy field the panels compare. */
  field: 'externalTrafficPolicy' | 'internalTrafficPolicy';
  actualPolicy: TrafficPolicy;
  panels: Record<TrafficPolicy, PolicyPanel>;
  traces: PolicyTraces;
  /** Selected hop id (URL `hop=`), or null. */
  hop: string | null;
  onSelectHop: (id: string | null) => void;
  /**
   * How much of each visible panel's diagram to draw (lib/view/diagram/reveal.ts; null: the panel is not
   * drawn yet); every panel whole when absent.
   */
  reveal?: (DiagramReveal | null)[];
  /** The panels' container, e.g. for exporting its diagrams. */
  ref?: Ref<HTMLDivElement>;
  /** The selected hop's details, which a phone shows under the selected step (HopDetails' `inline` placement). */
  hopDetails?: ReactNode;
}

/** The diagram panels of the visible policies, with a notice when the selected hop is not among them. */
export function PolicyPanels({
  mode,
  field,
  actualPolicy,
  panels,
  traces,
  hop,
  onSelectHop,
  reveal,
  ref,
  hopDetails,
}: PolicyPanelsProps) {
  const visible = visiblePolicies(mode);
  const selected = findHop(
    visible.map((p) => panels[p].view),
    hop,
  );
  const highlights = useMemo(() => {
    const out: Partial<Record<TrafficPolicy, { ids: string[]; traced: TracedNode | null }>> = {};
    for (const p of POLICIES) {
      const t = traces?.[p];
      if (!t?.ok) continue;
      const inCluster = inClusterHighlight(panels[p].view, t.result);
      if (inCluster.length > 0) {
        // Traces run with the externalTrafficPolicy what-if, not the internal one: only the panel of the
        // Service's own internalTrafficPolicy shows the traced path.
        if (panels[p].view.actual) out[p] = { ids: inCluster, traced: null };
        continue;
      }
      const h = traceHighlight(panels[p].view, t.result, { external: t.sourceKind === 'external', arrival: t.arrival });
      // The traced node by name, on its row (a group row does not otherwise say which node it was).
      out[p] = { ids: h.ids, traced: h.rowId && t.result.node ? { rowId: h.rowId, name: t.result.node } : null };
    }
    return out;
  }, [traces, panels]);

  // On a phone the two diagrams of `both` are shown one at a time, with a toggle (CSS decides which applies); a
  // link's selected hop opens on its own policy, whose step shows its details.
  const [phonePolicy, setPhonePolicy] = useState<TrafficPolicy>(selected?.view.policy ?? actualPolicy);
  return (
    <>
      {visible.length === 2 ? (
        <PhonePolicyToggle value={phonePolicy} actual={actualPolicy} onChange={setPhonePolicy} />
      ) : null}
      {hop && !selected ? (
        <p role="status" data-testid="hop-missing" className="text-sm text-amber-800 dark:text-amber-300">
          The selected hop is not in the diagram{mode === 'both' ? '' : ' shown'} (the cluster or the view changed).
        </p>
      ) : null}
      <div
        ref={ref}
        data-testid="diagrams"
        data-view={mode}
        // Side by side only where both fit at full size (≈ 2 × 1,200 px); otherwise stacked, never shrunk.
        className={`grid gap-4 ${visible.length === 2 ? 'min-[2450px]:grid-cols-2' : ''}`}
      >
        {visible.map((p, i) =>
          reveal?.[i] === null ? null : (
            <PolicyPanelCard
              key={p}
              policy={p}
              field={field}
              actual={p === actualPolicy}
              panel={panels[p]}
              selectedHop={selected?.view.policy === p ? hop : null}
              highlight={highlights[p]?.ids ?? null}
              traced={highlights[p]?.traced ?? null}
              onSelectHop={onSelectHop}
              phoneHidden={visible.length === 2 && p !== phonePolicy}
              reveal={reveal?.[i]}
              hopDetails={hopDetails}
            />
          ),
        )}
      </div>
    </>
  );
}

/** One policy's panel: heading, badge, summary, notices and diagram. */
function PolicyPanelCard({
  policy,
  field,
  actual,
  panel,
  selectedHop,
  highlight,
  traced,
  onSelectHop,
  phoneHidden,
  reveal,
  hopDetails,
}: {
  traced: TracedNode | null;
  policy: TrafficPolicy;
  field: 'externalTrafficPolicy' | 'internalTrafficPolicy';
  actual: boolean;
  panel: PolicyPanel;
  selectedHop: string | null;
  highlight: string[] | null;
  onSelectHop: (id: string | null) => void;
  /** Hidden below the `sm` breakpoint (the phone toggle shows the other policy). */
  phoneHidden: boolean;
  reveal?: DiagramReveal;
  hopDetails?: ReactNode;
}) {
  const title = `${field}: ${policy}${actual ? ' (actual)' : ' (what if)'}`;
  const [phoneDiagram, setPhoneDiagram] = useState(false);
  // The steps list the boxes the diagram has drawn so far (a /local panel draws a chunk at a time: reveal.ts), so a
  // step of the staged draw stays one chunk of boxes however many the view has; layout and view share their order.
  const revealed = reveal?.nodes;
  const stepsView = useMemo(
    () =>
      revealed !== undefined && revealed < panel.view.nodes.length
        ? { ...panel.view, nodes: panel.view.nodes.slice(0, revealed) }
        : panel.view,
    [panel.view, revealed],
  );
  return (
    <section
      data-testid="policy-panel"
      data-policy={policy}
      data-actual={actual ? 'true' : 'false'}
      // A diagram shown on a phone brings back the details drawer there, for its boxes (HopDetails).
      data-phone-diagram={phoneDiagram && !phoneHidden ? 'open' : undefined}
      aria-label={title}
      className={`min-w-0 rounded border p-3 ${phoneHidden ? 'max-sm:hidden' : ''} ${actual ? 'border-sky-400 dark:border-sky-700' : 'border-dashed border-slate-300 dark:border-slate-600'}`}
    >
      <header className="mb-2 space-y-1">
        <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold">
          {field}: {policy}
          {actual ? (
            <span
              data-testid="policy-badge"
              className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-200"
            >
              actual
            </span>
          ) : (
            <span
              data-testid="policy-badge"
              className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-800 dark:text-slate-200"
            >
              what if
            </span>
          )}
        </h2>
        <p className="text-sm" data-testid="policy-summary">
          {panel.view.summary}
        </p>
        {[...panel.view.notices, ...panel.view.notes].map((n, i) => (
          <p key={i} className="text-xs text-slate-600 dark:text-slate-400">
            {n}
          </p>
        ))}
      </header>
      {panel.layout.nodes.length > 0 ? (
        <>
          {/* On a phone the steps come first; the diagram, wider than the screen, is one tap away. */}
          <div className="sm:hidden">
            <PathSteps
              view={stepsView}
              label={title}
              selectedHop={selectedHop}
              highlight={highlight}
              traced={traced}
              onSelectHop={onSelectHop}
              // Under the step while the steps are the path; in the drawer once the diagram is shown.
              details={phoneDiagram ? null : hopDetails}
            />
            <DisclosureButton
              open={phoneDiagram}
              onToggle={() => setPhoneDiagram(!phoneDiagram)}
              label={phoneDiagram ? 'Hide the diagram' : 'Show the diagram (scrolls sideways)'}
              testId="phone-diagram-toggle"
              className="mt-3 rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-600"
            />
          </div>
          <div className={phoneDiagram ? 'max-sm:mt-3' : 'max-sm:hidden'}>
            <PathDiagram
              layout={panel.layout}
              title={title}
              description={panel.view.summary}
              selectedHop={selectedHop}
              highlight={highlight}
              traced={traced}
              onSelectHop={onSelectHop}
              reveal={reveal}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

/** Phone-only switch between the two diagrams of the `both` view. */
function PhonePolicyToggle({
  value,
  actual,
  onChange,
}: {
  value: TrafficPolicy;
  actual: TrafficPolicy;
  onChange: (p: TrafficPolicy) => void;
}) {
  return (
    <div
      role="group"
      aria-label="Diagram shown on this screen"
      className="flex gap-1 sm:hidden"
      data-testid="phone-policy-toggle"
    >
      {POLICIES.map((p) => (
        <button
          key={p}
          type="button"
          aria-pressed={value === p}
          onClick={() => onChange(p)}
          data-testid={`phone-policy-${p}`}
          className={`rounded border px-2 py-1 text-sm ${value === p ? 'border-sky-500 bg-sky-100 font-semibold dark:bg-sky-950' : 'border-slate-300 dark:border-slate-600'}`}
        >
          {p}
          {p === actual ? ' (actual)' : ' (what if)'}
        </button>
      ))}
    </div>
  );
}
