'use client';
// Cluster / Local / both: which traffic-policy diagrams are shown (URL `view=`). A radio group, so
// it is one tab stop and arrow keys move between the choices.
import { useId } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { ServiceViewMode } from '@/lib/view/url-state';

/** Segmented radio control for the view mode. */
export function ViewToggle({
  value,
  actual,
  onChange,
}: {
  value: ServiceViewMode;
  actual: TrafficPolicy;
  onChange: (v: ServiceViewMode) => void;
}) {
  const name = useId();
  const options: { value: ServiceViewMode; label: string }[] = [
    { value: 'both', label: 'Side by side' },
    { value: 'Cluster', label: `Cluster${actual === 'Cluster' ? ' (actual)' : ' (what if)'}` },
    { value: 'Local', label: `Local${actual === 'Local' ? ' (actual)' : ' (what if)'}` },
  ];
  return (
    <fieldset data-testid="view-toggle" className="flex items-center gap-2">
      <legend className="sr-only">Traffic policy shown</legend>
      <span aria-hidden="true" className="text-sm text-slate-600 dark:text-slate-400">
        Show
      </span>
      <div className="inline-flex overflow-hidden rounded border border-slate-300 dark:border-slate-600">
        {options.map((o) => (
          <label
            key={o.value}
            className={`cursor-pointer px-2.5 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 ${value === o.value ? 'bg-sky-700 text-white' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
              data-testid={`view-${o.value}`}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
