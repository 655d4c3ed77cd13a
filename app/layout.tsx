import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { LiveOutageNotice } from '@/components/live/LiveOutageNotice';
import { LiveProvider } from '@/components/live/LiveProvider';
import { SkipLink } from '@/components/common/SkipLink';
import { getLiveClientState } from '@/lib/source';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'kubepath', template: '%s · kubepath' },
  description: 'Where does a client packet go in Kubernetes, and which source IP does the pod see?',
};

/** Root layout: theme applied before paint, a skip link (to #main or the first <main>), the live updater (live mode), and the page. Each page renders its own header (it knows its source). */
export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: Next puts the Content-Security-Policy nonce (proxy.ts) on its
  // inline scripts only when rendering, so a prerendered page's scripts would be blocked.
  await connection();
  // Live mode only (null otherwise): the status the page was rendered with, for the live updater.
  const live = await getLiveClientState();
  return (
    // The theme script sets `class`/`style` on <html> before React hydrates; that difference is expected.
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Blocking on purpose: it must run before the first paint to avoid a flash of the wrong theme. */}
        {/* eslint-disable-next-line @next/next/no-sync-scripts */}
        <script src="/theme-init.js" />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <SkipLink />
        <LiveProvider initial={live}>
          <LiveOutageNotice />
          {children}
        </LiveProvider>
      </body>
    </html>
  );
}
