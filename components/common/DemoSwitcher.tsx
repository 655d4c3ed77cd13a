'use client';
// Picks the embedded demo cluster the dashboard shows (demo mode only), like the context switcher does in
// live mode. Choosing one opens its overview at `/?demo=<id>`: the URL says which cluster a page shows, and
// proxy.ts keeps the choice in a cookie so the page's links and API calls stay in that cluster. Without
// JavaScript the select is a GET form with a submit button.
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, useTransition } from 'react';
import { DEMO_CLUSTER_INFO, type DemoClusterInfo } from '@/lib/demo/catalog';
import { DEMO_PARAM, demoParamError } from '@/lib/source/demo-choice';

const GROUPS: { group: DemoClusterInfo['group']; label: string }[] = [
  { group: 'cluster', label: 'Demo clusters' },
  { group: 'story', label: 'Front-door stories' },
];

/** The demo cluster drop-down; `active` is the id of the cluster this page shows. */
export function DemoSwitcher({ active }: { active: string }) {
  const router = useRouter();
  const requested = useSearchParams().get(DEMO_PARAM);
  const [chosen, setChosen] = useState(active);
  const [pending, startTransition] = useTransition();
  // An unknown `?demo=` cannot be shown: say so (the page shows `active`, from the cookie or the default).
  const unknown = demoParamError(requested);
  return (
    <form
      method="get"
      action="/"
      className="inline-flex min-w-0 flex-wrap items-center gap-1 text-sm"
      data-testid="demo-switcher-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(() => router.push(`/?${DEMO_PARAM}=${encodeURIComponent(chosen)}`));
      }}
    >
      <label htmlFor="demo-switcher" className="text-slate-600 dark:text-slate-400">
        Demo
      </label>
      <select
        id="demo-switcher"
        name={DEMO_PARAM}
        data-testid="demo-switcher"
        data-active={active}
        aria-busy={pending}
        className="max-w-[16rem] min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
        value={chosen}
        onChange={(e) => {
          const id = e.target.value;
          setChosen(id);
          startTransition(() => router.push(`/?${DEMO_PARAM}=${encodeURIComponent(id)}`));
        }}
      >
        {GROUPS.map(({ group, label }) => (
          <optgroup key={group} label={label}>
            {DEMO_CLUSTER_INFO.filter((c) => c.group === group).map((c) => (
              <option key={c.id} value={c.id} title={c.description}>
                {c.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 dark:border-slate-600">
          Show
        </button>
      </noscript>
      {unknown ? (
        <span
          role="alert"
          data-testid="demo-switcher-error"
          className="basis-full text-xs text-red-700 dark:text-red-300"
        >
          {unknown}
        </span>
      ) : null}
    </form>
  );
}
