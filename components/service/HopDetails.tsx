// The selected hop's details under the diagrams: what the box or edge is, the addresses on the wire
// there and what it does to the packet, with a button that clears the selection.
import type { TrafficPolicy } from '@/lib/engine/types';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import { findHop } from '@/lib/view/service-view';
import type { ServiceViewMode } from '@/lib/view/url-state';
import { visiblePolicies } from '@/lib/view/visible-policies';

/** Details of hop `hop` in the visible diagrams; nothing when no hop is selected or it is not shown. */
export function HopDetails({
  mode,
  panels,
  hop,
  onClear,
}: {
  mode: ServiceViewMode;
  panels: Record<TrafficPolicy, PolicyPanel>;
  hop: string | null;
  onClear: () => void;
}) {
  const selected = findHop(
    visiblePolicies(mode).map((p) => panels[p].view),
    hop,
  );
  const box = selected ? (selected.node ?? selected.edge) : undefined;
  if (!selected || !box) return null;
  return (
    <section
      data-testid="hop-details"
      data-hop={hop ?? undefined}
      aria-label="Selected hop"
      className="rounded border border-sky-300 bg-sky-50 p-3 text-sm dark:border-sky-800 dark:bg-sky-950"
    >
      <h2 className="font-semibold">Selected hop ({selected.view.policy})</h2>
      <p>{box.ariaLabel}</p>
      <p className="font-mono text-xs">
        src {box.hop.src ?? '—'} → dst {box.hop.dst ?? '—'}
      </p>
      <p className="text-slate-700 dark:text-slate-300">{box.hop.note}</p>
      <button type="button" onClick={onClear} className="mt-1 text-xs underline">
        Clear selection
      </button>
    </section>
  );
}
