'use client';
// Names the Service that was not found. not-found pages get no route params, so the name comes
// from the URL path; it is shown as text only.
import Link from 'next/link';
import { usePathname } from 'next/navigation';

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

/** "Service x/y was not found" with a link back to the overview. */
export function ServiceNotFound() {
  const service = serviceFromPath(usePathname());
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
