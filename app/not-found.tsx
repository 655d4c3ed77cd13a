// 404 for unknown paths and for Services that do not exist in the current data source.
import Link from 'next/link';

/** The page shown for an unknown URL or a Service that is not in the cluster data. */
export default function NotFound() {
  return (
    <main id="main" data-testid="not-found-page" className="mx-auto max-w-3xl space-y-4 px-4 py-12">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p>
        There is no page at this address. If it is a link to a Service, that Service is not in the cluster data kubepath
        is showing now: it may have been deleted or renamed, or the link was made against a different cluster or
        snapshot.
      </p>
      <Link
        href="/"
        className="inline-block rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        See all Services on the overview
      </Link>
    </main>
  );
}
