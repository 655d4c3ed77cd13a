'use client';
// Search box and filters of the Services table. Every change produces a new OverviewState;
// the parent decides where it goes (the URL on the server-backed page, React state on /local).
import { useEffect, useState } from 'react';
import { hasOverviewFilters } from '@/lib/view/overview';
import {
  APP_CLIENT_IP_FILTERS,
  DEFAULT_OVERVIEW_STATE,
  POLICY_FILTERS,
  SERVICE_TYPES,
  SEVERITY_FILTERS,
  type OverviewState,
  type SeverityFilter,
} from '@/lib/view/url-state';

/** How a state change should be recorded: `replace` for keystrokes, `push` for deliberate choices. */
export type StateChange = (next: OverviewState, how?: 'push' | 'replace') => void;

const SEVERITY_TEXT: Record<SeverityFilter, string> = {
  error: 'with errors',
  warning: 'with warnings',
  info: 'with info findings',
  any: 'with any finding',
  none: 'without findings',
};

/** Delay before a typed search is applied (ms). */
const SEARCH_DEBOUNCE_MS = 300;

const selectClass =
  'rounded border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-900';

/** Search, namespace/type/policy/findings filters and a reset button. */
export function ServiceFilters({
  state,
  namespaces,
  onChange,
}: {
  state: OverviewState;
  namespaces: string[];
  onChange: StateChange;
}) {
  const [text, setText] = useState(state.q);
  const [seen, setSeen] = useState(state.q);
  // Adopt a search that changed from outside (back button, reset) — React's "adjust state on prop change".
  if (state.q !== seen) {
    setSeen(state.q);
    setText(state.q);
  }
  useEffect(() => {
    if (text.trim() === state.q.trim()) return;
    const timer = setTimeout(() => onChange({ ...state, q: text, page: 1 }, 'replace'), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, state, onChange]);

  const set = (patch: Partial<OverviewState>) => onChange({ ...state, ...patch, page: 1 }, 'push');
  const isDefault = !hasOverviewFilters(state) && state.q === '';
  // A namespace from the URL that no Service has still appears, so the select shows the truth.
  const nsOptions = state.ns !== null && !namespaces.includes(state.ns) ? [state.ns, ...namespaces] : namespaces;

  return (
    <form
      role="search"
      aria-label="Filter Services"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...state, q: text, page: 1 }, 'push');
      }}
    >
      <label className="flex flex-col text-xs font-medium">
        Search
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="namespace/name"
          maxLength={200}
          data-testid="filter-q"
          className={`${selectClass} w-56`}
        />
      </label>
      <label className="flex flex-col text-xs font-medium">
        Namespace
        <select
          value={state.ns ?? ''}
          onChange={(e) => set({ ns: e.target.value || null })}
          data-testid="filter-ns"
          className={selectClass}
        >
          <option value="">All namespaces</option>
          {nsOptions.map((ns) => (
            <option key={ns} value={ns}>
              {ns}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium">
        Type
        <select
          value={state.type ?? ''}
          onChange={(e) => set({ type: (e.target.value || null) as OverviewState['type'] })}
          data-testid="filter-type"
          className={selectClass}
        >
          <option value="">All types</option>
          {SERVICE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium">
        Traffic policy
        <select
          value={state.policy ?? ''}
          onChange={(e) => set({ policy: (e.target.value || null) as OverviewState['policy'] })}
          data-testid="filter-policy"
          className={selectClass}
        >
          <option value="">Cluster and Local</option>
          {POLICY_FILTERS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium">
        Findings
        <select
          value={state.severity ?? ''}
          onChange={(e) => set({ severity: (e.target.value || null) as OverviewState['severity'] })}
          data-testid="filter-severity"
          className={selectClass}
        >
          <option value="">All Services</option>
          {SEVERITY_FILTERS.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col text-xs font-medium">
        Client IP at the app
        <select
          value={state.app ?? ''}
          onChange={(e) => set({ app: (e.target.value || null) as OverviewState['app'] })}
          data-testid="filter-app"
          className={selectClass}
        >
          <option value="">Any answer</option>
          {APP_CLIENT_IP_FILTERS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      {state.rule !== null ? (
        <button
          type="button"
          data-testid="filter-rule"
          title="Show Services with any finding again"
          onClick={() => set({ rule: null })}
          className="rounded border border-sky-300 bg-sky-50 px-2 py-1 text-sm hover:bg-sky-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-sky-800 dark:bg-sky-950 dark:hover:bg-sky-900"
        >
          Rule: <span className="font-mono">{state.rule}</span> <span aria-hidden="true">✕</span>
          <span className="sr-only"> (remove this filter)</span>
        </button>
      ) : null}
      <button
        type="button"
        disabled={isDefault}
        onClick={() => {
          setText('');
          onChange({ ...DEFAULT_OVERVIEW_STATE, sort: state.sort, dir: state.dir }, 'push');
        }}
        data-testid="filters-reset"
        className="rounded border border-slate-300 px-2 py-1 text-sm enabled:hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:enabled:hover:bg-slate-800"
      >
        Clear filters
      </button>
    </form>
  );
}
