'use client';
// Picks the embedded demo cluster the dashboard shows (demo mode only), like the context switcher does in
// live mode. Choosing one opens its overview at `/?demo=<id>`: the URL says which cluster a page shows, and
// proxy.ts keeps the choice in a cookie so the page's links and API calls stay in that cluster. Without
// JavaScript the select is a GET form with a submit button. UnknownDemoNotice says when a link's `?demo=`
// names no demo cluster.
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
  const [chosen, setChosen] = useState(active);
  const [pending, startTransition] = useTransition();
  return (
    <form
      method="get"
      action="/"
      className="inline-flex min-w-0 items-center gap-1 text-sm"
      data-testid="demo-switcher-form"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(() => router.push(`/?${DEMO_PARAM}=${encodeURIComponent(chosen)}`));
      }}
    >
      {/* Visible from `sm` up; on a phone the select's text says enough and the row has no room. */}
      <label htmlFor="demo-switcher" className="sr-only text-slate-600 sm:not-sr-only dark:text-slate-400">
        Demo
      </label>
      <select
        id="demo-switcher"
        name={DEMO_PARAM}
        data-testid="demo-switcher"
        data-active={active}
        aria-busy={pending}
        className="max-w-[13rem] min-w-0 rounded sm:max-w-[16rem] border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
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
    </form>
  );
}

/** Says that the address's `?demo=` names no demo cluster (the page shows the cookie's or the default one instead). */
export function UnknownDemoNotice() {
  const unknown = demoParamError(useSearchParams().get(DEMO_PARAM));
  if (!unknown) return null;
  return (
    <p
      role="alert"
      data-testid="demo-switcher-error"
      className="order-last basis-full text-sm text-red-700 dark:text-red-300"
    >
      {unknown}.
    </p>
  );
}
