// One hop in front of the application (load balancer, proxy, sidecar, application) as a card: its kind,
// the facts that decide the client address, and the headers it writes with their values. Text only.
import type { FrontDoorHop } from '@/lib/view/front-door/types';

/** Facts shown on the card; the rest (evidence, open question) fold into "Why". */
const FOLDED = new Set(['Evidence', 'Open question']);

const KIND_ICON: Record<FrontDoorHop['kind'], string> = {
  loadBalancer: '⇶',
  proxy: '⇄',
  sidecar: '◫',
  app: '▣',
};

/** A hop card. */
export function FrontDoorHopCard({ hop }: { hop: FrontDoorHop }) {
  const shown = hop.facts.filter((f) => !FOLDED.has(f.label));
  const folded = hop.facts.filter((f) => FOLDED.has(f.label));
  const border = hop.alert ? 'border-amber-500 dark:border-amber-400' : 'border-slate-300 dark:border-slate-600';
  return (
    <article
      data-testid="front-door-hop"
      data-kind={hop.kind}
      aria-label={`${hop.title}: ${hop.subtitle}`}
      className={`min-w-0 flex-1 rounded border-2 md:basis-56 ${border} bg-white p-3 text-sm dark:bg-slate-900`}
    >
      <h4 className="font-semibold">
        <span aria-hidden="true">{KIND_ICON[hop.kind]} </span>
        {hop.title}
        {hop.alert ? (
          <span className="ml-2 text-xs font-normal text-amber-800 dark:text-amber-300">⚠ client lost here</span>
        ) : null}
      </h4>
      <p className="break-words text-slate-700 dark:text-slate-300" data-testid="front-door-hop-subtitle">
        {hop.subtitle}
      </p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        {shown.map((f, i) => (
          <div key={`${f.label}-${i}`} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{f.label}</dt>
            <dd className="break-words">{f.value}</dd>
          </div>
        ))}
      </dl>
      {hop.headers.length > 0 ? (
        <table className="mt-2 text-xs" data-testid="front-door-headers">
          <caption className="text-left text-slate-500 dark:text-slate-400">Headers it writes</caption>
          <tbody>
            {hop.headers.map((h) => (
              <tr key={h.label} data-testid="front-door-header" data-header={h.label}>
                <th scope="row" className="pr-2 text-left font-mono font-normal">
                  {h.label}:
                </th>
                <td className="break-all font-mono">{h.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {folded.length > 0 ? (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Why kubepath says so</summary>
          <ul className="mt-1 list-disc pl-4">
            {folded.map((f, i) => (
              <li key={i} className="break-words">
                {f.label}: {f.value}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </article>
  );
}
