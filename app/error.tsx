'use client';
// Error boundary for every page: says what failed, what to check, and offers a retry.
import Link from 'next/link';
import { useEffect } from 'react';

/** The page shown when rendering a page failed. */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main id="main" data-testid="error-page" className="mx-auto max-w-3xl space-y-4 px-4 py-12">
      <h1 className="text-2xl font-semibold">kubepath could not show this page</h1>
      <p>
        Something failed while reading the cluster data or analysing it. The details are in the server log
        {error.digest ? (
          <>
            {' '}
            under the reference{' '}
            <code data-testid="error-digest" className="rounded bg-slate-100 px-1 dark:bg-slate-800">
              {error.digest}
            </code>
          </>
        ) : null}
        .
      </p>
      {/* In production Next replaces server error messages with a generic one, so this never leaks internals. */}
      <p
        data-testid="error-message"
        className="rounded border border-red-300 bg-red-50 px-3 py-2 font-mono text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
      >
        {error.message || 'Unknown error'}
      </p>
      <ul className="list-disc pl-5 text-sm">
        <li>
          Started with a snapshot (<code>--snapshot</code> or <code>KUBEPATH_SNAPSHOT</code>)? Check that the path
          exists and is readable.
        </li>
        <li>The overview lists every Service kubepath can read; start from there.</li>
      </ul>
      <div className="flex gap-3">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-sky-500"
        >
          Try again
        </button>
        <Link
          href="/"
          className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Go to the overview
        </Link>
      </div>
    </main>
  );
}
