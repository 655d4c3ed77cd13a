'use client';
// The Service page failed to render: say so, offer a retry and the way back. Server errors arrive
// with a generic message and a digest (Next hides internals); client errors keep their message.
import Link from 'next/link';
import { useEffect } from 'react';

/** Error boundary of the Service page. */
export default function ServiceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto max-w-3xl space-y-3 px-4 py-10" data-testid="service-error">
      <h1 className="text-xl font-semibold">This Service page could not be shown</h1>
      <p role="alert" className="text-sm">
        {error.message || 'An unexpected error occurred.'}
      </p>
      {error.digest ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Error id for the server log: <code>{error.digest}</code>
        </p>
      ) : null}
      <div className="flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600"
        >
          Try again
        </button>
        <Link href="/" className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
