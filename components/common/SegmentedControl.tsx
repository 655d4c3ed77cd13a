'use client';
// A segmented radio control: one tab stop, arrow keys move between the choices. Shared by the Service
// page's toggles (path kind, traffic policy shown).
import { useId } from 'react';

/** One choice of the control. */
export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

/** A labelled group of radio buttons drawn as segments; each input's test id is `${testIdPrefix}-${value}`. */
export function SegmentedControl<T extends string>(props: {
  legend: string;
  caption: string;
  testId: string;
  testIdPrefix: string;
  options: SegmentedOption<T>[];
  value: T;
  onChange: (v: T) => void;
}) {
  const name = useId();
  return (
    <fieldset data-testid={props.testId} className="flex items-center gap-2">
      <legend className="sr-only">{props.legend}</legend>
      <span aria-hidden="true" className="text-sm text-slate-600 dark:text-slate-400">
        {props.caption}
      </span>
      <div className="inline-flex overflow-hidden rounded border border-slate-300 dark:border-slate-600">
        {props.options.map((o) => (
          <label
            key={o.value}
            className={`cursor-pointer px-2.5 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 ${props.value === o.value ? 'bg-sky-700 text-white' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
              data-testid={`${props.testIdPrefix}-${o.value}`}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
