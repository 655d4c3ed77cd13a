'use client';
// In-cluster view: trace one chosen client pod (URL `pod=`) instead of every workload.
import { useId, useState, type FormEvent } from 'react';

/** Pod chooser with Apply and "All workloads". */
export function ClientPodControl({
  value,
  suggestions,
  onApply,
}: {
  value: string | null;
  suggestions: string[];
  onApply: (pod: string | null) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const id = useId();
  const valid = /^[^/\s]+\/[^/\s]+$/.test(text.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onApply(text.trim());
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2 text-sm" data-testid="client-pod-control">
      <label htmlFor={`${id}-pod`}>Client pod</label>
      <input
        id={`${id}-pod`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        list={`${id}-pods`}
        placeholder="every workload (or namespace/pod)"
        data-testid="client-pod-input"
        className="w-80 rounded border border-slate-300 bg-white px-2 py-1 font-mono dark:border-slate-600 dark:bg-slate-900"
      />
      <datalist id={`${id}-pods`}>
        {suggestions.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <button
        type="submit"
        disabled={!valid}
        data-testid="client-pod-apply"
        className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50 dark:border-slate-600"
      >
        Trace this pod
      </button>
      {value ? (
        <button
          type="button"
          onClick={() => onApply(null)}
          data-testid="client-pod-clear"
          className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600"
        >
          All workloads
        </button>
      ) : null}
    </form>
  );
}
