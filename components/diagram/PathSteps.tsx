// The packet path as a list of steps, for phones (below the `sm` breakpoint): the diagram's boxes column by column
// (lib/view/diagram/steps.ts), each with the addresses on the wire there — what the diagram shows on hover, which a
// touch screen does not have. At 390 px the diagram showed its first two columns and scrolled sideways for the
// rest; here the page's own text size is kept and nothing is wider than the screen. Each box is the same hop as in
// the diagram: a tap selects it (`hop=` in the URL) and opens its details under it, and a traced packet lights the
// same boxes.
import { useMemo, type ReactNode } from 'react';
import type { ClientIPState, DiagramNode, DiagramView } from '@/lib/view/diagram-types';
import { pathSteps } from '@/lib/view/diagram/steps';
import { VERDICT_ICON } from '@/lib/view/diagram/verdict';
import { ACCENT_BORDER, KIND_GLYPH, LEGEND, VERDICT_TEXT } from './diagram-style';
import type { TracedNode } from './PathDiagram';

const CLIENT_IP_WORDS: Record<ClientIPState, string> = {
  ...(Object.fromEntries(LEGEND.map((l) => [l.state, l.text])) as Record<Exclude<ClientIPState, 'none'>, string>),
  none: 'no traffic',
};

/** Props of PathSteps: the diagram's view and the same selection and highlight as PathDiagram. */
export interface PathStepsProps {
  view: Pick<DiagramView, 'policy' | 'columns' | 'nodes' | 'edges'>;
  /** Accessible name of the list, e.g. the panel's title. */
  label: string;
  selectedHop: string | null;
  highlight: string[] | null;
  traced: TracedNode | null;
  onSelectHop: (id: string | null) => void;
  /** The selected hop's details, shown under its step (nothing when absent). */
  details?: ReactNode;
}

/** The steps of one policy's path (shown below the `sm` breakpoint, in place of the diagram). */
export function PathSteps({ view, label, selectedHop, highlight, traced, onSelectHop, details }: PathStepsProps) {
  const steps = useMemo(() => pathSteps(view), [view]);
  const lit = useMemo(() => (highlight ? new Set(highlight) : null), [highlight]);
  // A node row's kube-proxy box is named by its column ("kube-proxy (iptables): DNAT"), as the diagram's header does.
  const proxyTitle = view.columns.find((c) => c.column === 'proxy')?.title ?? 'kube-proxy';
  const box = (n: DiagramNode, nested: boolean) => (
    <>
      <StepBox
        node={n}
        prefix={nested ? `→ ${proxyTitle}: ` : null}
        selected={selectedHop === n.id}
        lit={lit?.has(n.id) ?? false}
        dimmed={lit !== null && !lit.has(n.id)}
        tracedAt={traced?.rowId === n.id ? traced.name : null}
        onSelect={() => onSelectHop(selectedHop === n.id ? null : n.id)}
      />
      {selectedHop === n.id ? details : null}
    </>
  );
  return (
    <ol aria-label={label} data-testid="path-steps" data-policy={view.policy} className="space-y-3">
      {steps.map((step, i) => (
        <li key={step.column} data-testid="path-step" data-column={step.column}>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <span aria-hidden="true">{i > 0 ? '↓ ' : ''}</span>
            {KIND_GLYPH[step.column as keyof typeof KIND_GLYPH] ? (
              <span aria-hidden="true">{KIND_GLYPH[step.column as keyof typeof KIND_GLYPH]} </span>
            ) : null}
            {step.title}
          </h3>
          <ul className="space-y-1.5">
            {step.entries.map((e) => (
              <li key={e.box.id}>
                {box(e.box, false)}
                {e.then ? box(e.then, true) : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** One box of the diagram as a pressable card: label, what it says, the addresses there and its verdict. */
function StepBox({
  node: n,
  prefix,
  selected,
  lit,
  dimmed,
  tracedAt,
  onSelect,
}: {
  node: DiagramNode;
  /** Before the label of a kube-proxy box under its node row (which is then indented); null elsewhere. */
  prefix: string | null;
  selected: boolean;
  lit: boolean;
  dimmed: boolean;
  tracedAt: string | null;
  onSelect: () => void;
}) {
  const nested = prefix !== null;
  const glyph = KIND_GLYPH[n.kind];
  const alarm = n.kind === 'drop' || n.kind === 'reject';
  // The addresses on the wire at this hop (the diagram's tooltip); "—" where no packet has one.
  const wire = n.hop.src || n.hop.dst ? `${n.hop.src ?? '—'} → ${n.hop.dst ?? '—'}` : null;
  return (
    <button
      type="button"
      data-testid="path-step-box"
      data-hop={n.id}
      data-column={n.column}
      data-kind={n.kind}
      data-pod={n.pod ?? undefined}
      data-client-ip={n.clientIP}
      data-verdict={n.verdict ?? undefined}
      data-highlighted={lit ? 'true' : undefined}
      aria-pressed={selected}
      aria-label={n.ariaLabel}
      onClick={onSelect}
      className={`block min-w-0 rounded border border-l-4 px-2 py-1.5 text-left ${ACCENT_BORDER[n.clientIP]} ${nested ? 'ml-4 mt-1 w-[calc(100%-1rem)] bg-slate-50 dark:bg-slate-900' : 'w-full bg-white dark:bg-slate-950'} ${selected || lit ? 'border-sky-500 ring-2 ring-sky-500/60 dark:border-sky-400' : 'border-slate-300 dark:border-slate-600'} ${dimmed ? 'opacity-40' : ''}`}
    >
      {tracedAt ? (
        <span data-testid="path-step-traced" className="block text-xs font-semibold text-sky-700 dark:text-sky-300">
          ▶ traced at {tracedAt}
        </span>
      ) : null}
      <span
        className={`block break-words text-sm font-semibold ${alarm ? 'text-red-700 dark:text-red-300' : 'text-slate-900 dark:text-slate-100'}`}
      >
        {prefix ? <span className="font-normal text-slate-700 dark:text-slate-300">{prefix}</span> : null}
        {glyph ? <span aria-hidden="true">{glyph} </span> : null}
        {n.label}
      </span>
      {n.sublabel ? (
        <span className="block break-words text-xs text-slate-700 dark:text-slate-300">{n.sublabel}</span>
      ) : null}
      {n.facts.map((f, i) => (
        <span
          key={i}
          data-testid="path-step-fact"
          className={`block break-words text-[11px] ${f.header ? 'font-mono text-indigo-900 dark:text-indigo-200' : 'text-slate-800 dark:text-slate-200'}`}
        >
          {f.label}: {f.value}
        </span>
      ))}
      {n.verdict !== null && n.verdictText ? (
        <span
          data-testid="path-step-verdict"
          className={`block break-words text-xs font-semibold ${VERDICT_TEXT[n.verdict]}`}
        >
          <span aria-hidden="true">{VERDICT_ICON[n.verdict]} </span>
          {n.verdictText}
        </span>
      ) : null}
      <span className="flex flex-wrap gap-x-2 text-[11px] text-slate-600 dark:text-slate-400">
        {wire ? (
          <span data-testid="path-step-wire" className="font-mono wrap-anywhere">
            {wire}
          </span>
        ) : null}
        <span>{CLIENT_IP_WORDS[n.clientIP]}</span>
      </span>
    </button>
  );
}
