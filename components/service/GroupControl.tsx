'use client';
// The node-grouping threshold (URL `group=`): how many nodes are drawn one by one before the rest
// are folded into groups. Applying it re-renders the page on the server with the new layout.
import { useId, useState, type FormEvent } from 'react';

/** Number input + Apply for the grouping threshold. */
export function GroupControl({ value, onApply }: { value: number; onApply: (group: number) => void }) {
  const [text, setText] = useState(String(value));
  const id = useId();
  const n = Number(text);
  const valid = /^\d{1,5}$/.test(text) && n >= 1 && n <= 10_000;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid && n !== value) onApply(n);
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2 text-sm" data-testid="group-control">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-400">
        Nodes shown individually
      </label>
      <input
        id={id}
        type="number"
        min={1}
        max={10000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="group-input"
        aria-invalid={!valid}
        className="w-20 rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-600 dark:bg-slate-900"
      />
      <button
        type="submit"
        disabled={!valid || n === value}
        data-testid="group-apply"
        className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50 dark:border-slate-600"
      >
        Apply
      </button>
    </form>
  );
}
