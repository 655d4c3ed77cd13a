'use client';
// Names the Service that was not found. not-found pages get no route params, so the name comes
// from the URL path; it is shown as text only. On the demo, a link opened in another demo cluster than the one
// it was copied from (the browser remembers one choice) lands here: the page asks the analysis API which demo
// clusters have the Service and links to it there.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { DEMO_CLUSTER_INFO, type DemoClusterInfo } from '@/lib/demo/catalog';

/** `namespace/name` from a `/services/<ns>/<name>` path, or null. */
export function serviceFromPath(pathname: string | null): string | null {
  const m = /^\/services\/([^/]+)\/([^/]+)\/?$/.exec(pathname ?? '');
  if (!m) return null;
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return `${dec(m[1])}/${dec(m[2])}`;
}

/** Whether the server shows demo cluster `demo` and it has `service` (the API answers 404 otherwise). */
async function demoHasService(service: string, demo: DemoClusterInfo): Promise<boolean> {
  const q = new URLSearchParams({ service, demo: demo.id });
  const res = await fetch(`/api/analysis?${q}`);
  if (!res.ok) return false;
  const body = (await res.json()) as { source?: { kind?: string; demo?: string } };
  return body.source?.kind === 'demo' && body.source.demo === demo.id; // a snapshot or live server ignores ?demo=
}

/** The demo clusters that have `service` (none when the server shows no demo). */
function useDemoClustersWith(service: string | null): DemoClusterInfo[] {
  const [found, setFound] = useState<DemoClusterInfo[]>([]);
  useEffect(() => {
    if (!service) return;
    let live = true;
    Promise.all(DEMO_CLUSTER_INFO.map((d) => demoHasService(service, d).catch(() => false))).then((has) => {
      if (live) setFound(DEMO_CLUSTER_INFO.filter((_, i) => has[i]));
    });
    return () => {
      live = false;
    };
  }, [service]);
  return found;
}

/** "Service x/y was not found" with a link back to the overview. */
export function ServiceNotFound() {
  const pathname = usePathname();
  const service = serviceFromPath(pathname);
  const elsewhere = useDemoClustersWith(service);
  return (
    <main className="mx-auto max-w-3xl space-y-3 px-4 py-10" data-testid="service-not-found">
      <h1 className="text-xl font-semibold">Service not found</h1>
      <p>
        {service ? (
          <>
            The Service{' '}
            <code data-testid="missing-service" className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">
              {service}
            </code>{' '}
            is not in the cluster data this dashboard shows.
          </>
        ) : (
          'This Service is not in the cluster data this dashboard shows.'
        )}{' '}
        It may have been deleted, or the link has a typo.
      </p>
      {elsewhere.length > 0 ? (
        <p data-testid="service-in-other-demo">
          It is in the demo cluster{elsewhere.length > 1 ? 's' : ''}{' '}
          {elsewhere.map((d, i) => (
            <span key={d.id}>
              {i > 0 ? ', ' : ''}
              {/* A full navigation: the proxy turns ?demo= into the cookie, and the not-found boundary is left. */}
              <a href={`${pathname}?demo=${d.id}`} className="text-sky-700 underline dark:text-sky-300">
                {d.name}
              </a>
            </span>
          ))}
          .
        </p>
      ) : null}
      <Link
        href="/"
        className="inline-block rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
        data-testid="back-to-overview"
      >
        Back to the list of Services
      </Link>
    </main>
  );
}
