// One line near the top of a Service page with a front door: what the application learns under the Service's
// own policy, and a link to the front-door section. The diagrams' headline sentence is about L3 (what kube-proxy
// leaves in the packet); without this line "Pods see SNAT addresses" would read as the whole answer even where the
// diagram's front-door boxes show the client travelling on in a header.
import type { FrontDoorView } from '@/lib/view/front-door/types';
import { ClientIPAnswer } from './ClientIPAnswer';

/** The summary line, or nothing without a front door. */
export function FrontDoorSummary({ view }: { view: FrontDoorView | null }) {
  const own = view?.policies.find((p) => p.actual);
  if (!view || !own) return null;
  const path = own.hops
    .filter((h) => h.kind !== 'app')
    .map((h) => h.subtitle)
    .join(' → ');
  return (
    <p
      data-testid="front-door-summary"
      className="flex flex-wrap items-center gap-2 rounded border border-slate-200 px-3 py-2 text-sm dark:border-slate-700"
    >
      <span className="font-medium">Client IP at the app ({own.policy}):</span>
      <ClientIPAnswer answer={own.answer} how={own.how} testId="front-door-summary-answer" />
      {path ? <span className="text-slate-600 dark:text-slate-400">through {path}</span> : null}
      <a href="#front-door-title" className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-300">
        Front door details
      </a>
    </p>
  );
}
