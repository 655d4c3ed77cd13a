'use client';
// Copies the page's URL (its whole state lives in the query string) to the clipboard, with the
// parameters that the URL leaves to a cookie (the demo cluster) spelled out.
import { useState } from 'react';

/** Writes text to the clipboard, falling back to a hidden textarea where the async API is unavailable (http). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** "Copy link" button (`params` are set on the copied URL); announces the result and keeps the copied URL in `data-copied-url`. */
export function CopyLinkButton({ label = 'Copy link', params }: { label?: string; params?: Record<string, string> }) {
  const [status, setStatus] = useState<{ ok: boolean; url: string } | null>(null);
  const onClick = async () => {
    const link = new URL(window.location.href);
    for (const [name, value] of Object.entries(params ?? {})) link.searchParams.set(name, value);
    const url = link.toString();
    setStatus({ ok: await copyText(url), url });
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={onClick}
        data-testid="copy-link"
        data-copied-url={status?.url}
        className="rounded border border-slate-300 px-2 py-1 text-sm whitespace-nowrap hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:hover:bg-slate-800"
      >
        {label}
      </button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {status ? (status.ok ? 'Copied' : 'Copy failed: select the address bar instead') : ''}
      </span>
    </span>
  );
}
