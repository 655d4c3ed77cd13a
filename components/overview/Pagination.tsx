'use client';
// Previous/next paging of the Services table (past 100 rows), with "rows x–y of z".
import type { OverviewState } from '@/lib/view/url-state';
import type { StateChange } from './ServiceFilters';

/** Props of the pager. */
export interface PaginationProps {
  state: OverviewState;
  page: number;
  pageCount: number;
  pageSize: number;
  matched: number;
  onChange: StateChange;
}

const buttonClass =
  'rounded border border-slate-300 px-2 py-1 text-sm enabled:hover:bg-slate-100 disabled:opacity-40 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:enabled:hover:bg-slate-800';

/** Pager; hidden when everything fits on one page. */
export function Pagination({ state, page, pageCount, pageSize, matched, onChange }: PaginationProps) {
  if (pageCount <= 1) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(matched, page * pageSize);
  const go = (p: number) => onChange({ ...state, page: p }, 'push');
  return (
    <nav data-testid="pagination" aria-label="Services pages" className="flex items-center gap-2 text-sm">
      <button
        type="button"
        className={buttonClass}
        disabled={page <= 1}
        onClick={() => go(page - 1)}
        data-testid="page-prev"
      >
        Previous
      </button>
      <span data-testid="page-status">
        Page {page} of {pageCount} (Services {first}–{last} of {matched})
      </span>
      <button
        type="button"
        className={buttonClass}
        disabled={page >= pageCount}
        onClick={() => go(page + 1)}
        data-testid="page-next"
      >
        Next
      </button>
    </nav>
  );
}
