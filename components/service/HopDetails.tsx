'use client';
// The selected hop's details: what the box or edge is, the addresses on the wire there, what it does to the
// packet, every node a row stands for (with a search that stays fast at 5,000 nodes) and every source address a
// pod sees. Wide screens show them in a drawer pinned to the viewport (visible without scrolling). A phone shows
// them under the tapped step instead (components/diagram/PathSteps.tsx): there a drawer of up to 45% of the
// screen covered the steps below the tapped one. On a phone the drawer stays for an edge, which no step lists, and
// comes back while a diagram is shown there.
import { useState } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { DiagramNode } from '@/lib/view/diagram-types';
import { boxNodeNames, filterNames } from '@/lib/view/diagram/hop-names';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import { findHop } from '@/lib/view/service-view';
import type { ServiceViewMode } from '@/lib/view/url-state';
import { visiblePolicies } from '@/lib/view/visible-policies';
import { PhoneClampedText } from '../common/PhoneClampedText';

/** Names listed at most (the search narrows the rest). */
const MAX_LISTED = 500;

const PLACEMENT_CLASS = {
  drawer: 'fixed right-3 bottom-3 z-20 max-h-[45vh] w-[min(30rem,calc(100vw-1.5rem))] overflow-y-auto shadow-lg',
  inline: 'mt-1 w-full',
} as const;

/**
 * On a phone a box's details open under its step, so the drawer of a box is hidden there unless a panel's diagram
 * is shown (PolicyPanels marks it `data-phone-diagram=open`). An edge has no step (the steps list boxes): its
 * drawer stays, as for a link with `hop=` naming an edge.
 */
const PHONE_HIDDEN_BOX_DRAWER = 'max-sm:hidden max-sm:[body:has([data-phone-diagram=open])_&]:block';

/** Props of HopDetails. */
export interface HopDetailsProps {
  mode: ServiceViewMode;
  panels: Record<TrafficPolicy, PolicyPanel>;
  hop: string | null;
  onClear: () => void;
  /** Draws `count` more nodes one by one (raises the grouping threshold); absent where it cannot. */
  onExpand?: (count: number) => void;
  /** A drawer pinned to the viewport (wide screens), or in the flow under the selected step (a phone). */
  placement?: keyof typeof PLACEMENT_CLASS;
}

/** Details of hop `hop` in the visible diagrams; nothing when no hop is selected or it is not shown. */
export function HopDetails({ mode, panels, hop, onClear, onExpand, placement = 'drawer' }: HopDetailsProps) {
  const selected = findHop(
    visiblePolicies(mode).map((p) => panels[p].view),
    hop,
  );
  const box = selected ? (selected.node ?? selected.edge) : undefined;
  if (!selected || !box) return null;
  const node = selected.node;
  // Under a step only a box has a place; a drawer of a box gives way to it on a phone.
  if (placement === 'inline' && !node) return null;
  const phone = placement === 'drawer' && node ? PHONE_HIDDEN_BOX_DRAWER : '';
  return (
    <section
      data-testid={placement === 'drawer' ? 'hop-details' : 'hop-details-inline'}
      data-hop={hop ?? undefined}
      aria-label="Selected hop"
      className={`${PLACEMENT_CLASS[placement]} ${phone} space-y-1 rounded border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-800 dark:bg-sky-950`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold">Selected hop ({selected.view.policy})</h2>
        <button type="button" onClick={onClear} className="text-xs underline" data-testid="hop-details-clear">
          Clear selection
        </button>
      </div>
      <p>{box.ariaLabel}</p>
      <p className="font-mono text-xs wrap-anywhere">
        src {box.hop.src ?? '—'} → dst {box.hop.dst ?? '—'}
      </p>
      <p className="text-slate-700 dark:text-slate-300">
        {/* A denied pod's note runs to 400–600 characters: cut on a phone, as a trace's reasons are. */}
        <PhoneClampedText
          // Cut again for each hop selected.
          key={hop}
          text={box.hop.note}
          testId="hop-details-note"
          toggleTestId="hop-details-note-toggle"
          more="Show the whole note"
        />
      </p>
      {node && node.facts.length > 0 ? <FactList node={node} /> : null}
      {node && (node.column === 'node' || node.column === 'proxy') && node.count > 1 ? (
        <NodeNames key={node.id} node={node} onExpand={onExpand} />
      ) : null}
      {node && node.sources.length > 0 ? <SourceList node={node} /> : null}
    </section>
  );
}

/** A front-door box's facts and the headers it writes, whole and copyable (the box cuts them to its width). */
function FactList({ node }: { node: DiagramNode }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs" data-testid="hop-facts">
      {node.facts.map((f, i) => (
        <div key={`${f.label}-${i}`} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{f.label}</dt>
          <dd className={`break-all ${f.header ? 'font-mono' : ''}`} data-testid="hop-fact" data-label={f.label}>
            {f.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Every node of a grouped row, with a filter. */
function NodeNames({ node, onExpand }: { node: DiagramNode; onExpand?: (count: number) => void }) {
  const [query, setQuery] = useState('');
  const { names, unnamed } = boxNodeNames(node);
  const { shown, matches } = filterNames(names, query, MAX_LISTED);
  return (
    <div className="space-y-1" data-testid="hop-node-names">
      <h3 className="font-medium">
        {node.count} nodes{unnamed > 0 ? ` (${names.length} named in the data, ${unnamed} not)` : ''}
      </h3>
      {names.length > 8 ? (
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Find a node"
          aria-label="Find a node in this group"
          data-testid="hop-node-search"
          className="w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      ) : null}
      <ul className="max-h-40 overflow-y-auto font-mono text-xs" data-testid="hop-node-list">
        {shown.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      {onExpand && node.members.length > 0 ? (
        <button
          type="button"
          onClick={() => onExpand(node.members.length)}
          data-testid="hop-expand-group"
          className="rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600"
        >
          Draw these {node.members.length} nodes one by one
        </button>
      ) : null}
      {matches > shown.length ? (
        <p className="text-xs">
          {matches - shown.length} more match{query ? '' : 'es'}: narrow the search.
        </p>
      ) : null}
    </div>
  );
}

/** Every source address a pod sees. */
function SourceList({ node }: { node: DiagramNode }) {
  return (
    <div data-testid="hop-sources">
      <h3 className="font-medium">
        Source addresses the pod sees ({node.sourcesTotal}
        {node.sourcesTotal > node.sources.length ? `, ${node.sources.length} listed by the analysis` : ''})
      </h3>
      <ul className="max-h-32 overflow-y-auto font-mono text-xs">
        {node.sources.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </div>
  );
}
