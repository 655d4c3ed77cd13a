// Shown while the Service page's data is computed (streamed by the loading boundary).

/** Loading placeholder for the Service page. */
export default function Loading() {
  return (
    <main className="mx-auto max-w-[1800px] px-4 py-6" aria-busy="true" data-testid="service-loading">
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">Computing the packet paths…</p>
      <div className="mt-4 h-64 animate-pulse rounded bg-slate-100 dark:bg-slate-900" />
    </main>
  );
}
