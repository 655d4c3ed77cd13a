'use client';
// From outside / from pods in the cluster: which path the diagrams draw (URL `path=`). A radio group.
import { useId } from 'react';
import type { ServicePathKind } from '@/lib/view/url-state';

const OPTIONS: { value: ServicePathKind; label: string }[] = [
  { value: 'external', label: 'From outside' },
  { value: 'in-cluster', label: 'From pods (ClusterIP)' },
];

/** Segmented radio control for the path kind. */
export function PathToggle({ value, onChange }: { value: ServicePathKind; onChange: (v: ServicePathKind) => void }) {
  const name = useId();
  return (
    <fieldset data-testid="path-toggle" className="flex items-center gap-2">
      <legend className="sr-only">Path shown</legend>
      <span aria-hidden="true" className="text-sm text-slate-600 dark:text-slate-400">
        Path
      </span>
      <div className="inline-flex overflow-hidden rounded border border-slate-300 dark:border-slate-600">
        {OPTIONS.map((o) => (
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
              data-testid={`path-${o.value}`}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
