'use client';
// "Trace a packet": source, destination, protocol and arrival node. Submitting traces the packet
// under each visible policy and highlights its path; the inputs go into the URL.
import { useId, useState, type FormEvent } from 'react';
import { TRACE_PROTOCOLS, type TraceInputs } from '@/lib/view/url-state';

/** Props of TraceForm. */
export interface TraceFormProps {
  /** The form's starting values: the URL's trace, else the Service's defaults. */
  initial: TraceInputs;
  defaults: TraceInputs;
  nodeNames: string[];
  /** `pod:ns/name` suggestions for the source field. */
  podSuggestions: string[];
  busy: boolean;
  onTrace: (inputs: TraceInputs) => void;
  onClear: () => void;
  /** True while a trace is shown (enables "Clear"). */
  active: boolean;
}

const field =
  'mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-sm dark:border-slate-600 dark:bg-slate-900';

/** The trace-a-packet form. */
export function TraceForm({
  initial,
  defaults,
  nodeNames,
  podSuggestions,
  busy,
  onTrace,
  onClear,
  active,
}: TraceFormProps) {
  const [v, setV] = useState<TraceInputs>(initial);
  const id = useId();
  const set = (k: keyof TraceInputs) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [k]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onTrace({ ...v, from: v.from.trim(), to: v.to.trim(), port: v.port.trim(), node: v.node.trim() });
  };
  return (
    <form onSubmit={submit} data-testid="trace-form" aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Trace a packet
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <label className="block text-sm lg:col-span-2">
          Source
          <input
            name="from"
            data-testid="trace-from"
            value={v.from}
            onChange={set('from')}
            list={`${id}-sources`}
            required
            placeholder="203.0.113.7 · pod:ns/name · node:NAME · localhost"
            className={field}
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id={`${id}-sources`}>
            {podSuggestions.map((p) => (
              <option key={p} value={p} />
            ))}
            {nodeNames.slice(0, 50).map((n) => (
              <option key={n} value={`node:${n}`} />
            ))}
          </datalist>
        </label>
        <label className="block text-sm">
          Destination address
          <input
            name="to"
            data-testid="trace-to"
            value={v.to}
            onChange={set('to')}
            placeholder={defaults.to || 'IP address'}
            className={field}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <label className="block text-sm">
          Port
          <input
            name="port"
            data-testid="trace-port"
            value={v.port}
            onChange={set('port')}
            inputMode="numeric"
            pattern="\d{1,5}"
            placeholder={defaults.port}
            className={field}
            autoComplete="off"
          />
        </label>
        <label className="block text-sm">
          Protocol
          <select name="proto" data-testid="trace-proto" value={v.proto} onChange={set('proto')} className={field}>
            {TRACE_PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm lg:col-span-2">
          Arrival node{' '}
          <span className="text-slate-500 dark:text-slate-400">
            (empty: the source&apos;s node / the load balancer&apos;s choice)
          </span>
          <input
            name="node"
            data-testid="trace-node"
            value={v.node}
            onChange={set('node')}
            list={`${id}-nodes`}
            className={field}
            autoComplete="off"
            spellCheck={false}
          />
          <datalist id={`${id}-nodes`}>
            {nodeNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
      </div>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={busy}
          data-testid="trace-submit"
          className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
        >
          {busy ? 'Tracing…' : 'Trace'}
        </button>
        <button
          type="button"
          onClick={() => {
            setV(defaults);
            onClear();
          }}
          disabled={!active && !busy}
          data-testid="trace-clear"
          className="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-50 dark:border-slate-600"
        >
          Clear trace
        </button>
      </div>
    </form>
  );
}
