'use client';
// Picks the kubeconfig context the dashboard shows, when there are several (live mode only). The
// choice is a cookie set by POST /api/contexts, which checks the name against the kubeconfig.
import { useContext, useState } from 'react';
import { LiveContext } from './LiveProvider';

/** A context drop-down; renders nothing with fewer than two contexts or outside live mode. */
export function ContextSwitcher() {
  const live = useContext(LiveContext);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!live || live.contexts.length < 2) return null;
  return (
    <label className="inline-flex items-center gap-1 text-sm">
      <span className="text-slate-600 dark:text-slate-400">Context</span>
      <select
        data-testid="context-switcher"
        className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        value={live.active}
        disabled={busy}
        onChange={async (e) => {
          setBusy(true);
          setError(await live.switchContext(e.target.value));
          setBusy(false);
        }}
      >
        {live.contexts.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </span>
      ) : null}
    </label>
  );
}
