// The page header shared by every page: what data this is (source, dataplane, freshness) and the
// page-wide controls (demo cluster or live context switcher, copy link, theme). Server-renderable; the interactive parts are client islands.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Dataplane } from '@/lib/engine/types';
import { ContextSwitcher } from '@/components/live/ContextSwitcher';
import { LiveStatusBadge } from '@/components/live/LiveStatusBadge';
import { CopyLinkButton } from './CopyLinkButton';
import { DataplaneBadge } from './DataplaneBadge';
import { DemoIntro } from './DemoIntro';
import { DemoSwitcher, UnknownDemoNotice } from './DemoSwitcher';
import { Freshness } from './Freshness';
import { SourceBadge, type HeaderSource } from './SourceBadge';
import { ThemeToggle } from './ThemeToggle';

/** Props of the page header. */
export interface HeaderProps {
  source: HeaderSource;
  dataplane?: Dataplane | null;
  /** Show "Copy link" (off where the view cannot be shared by link, e.g. a local file). */
  copyLink?: boolean;
  /** Extra controls placed before the theme toggle. */
  children?: ReactNode;
}

/** Site header with navigation, source/dataplane/freshness badges, copy-link and theme toggle. */
export function Header({ source, dataplane, copyLink = true, children }: HeaderProps) {
  const demo = source.kind === 'demo' ? source.demo : undefined;
  return (
    <header
      data-testid="app-header"
      className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900 dark:text-white">
          kubepath
        </Link>
        <nav aria-label="Main" className="flex gap-3 text-sm">
          <Link href="/" className="underline-offset-4 hover:underline">
            Overview
          </Link>
          {/* No prefetch: /local carries the whole engine (it runs in the browser there); other pages do not need it. */}
          <Link href="/local" prefetch={false} className="underline-offset-4 hover:underline">
            Open a snapshot file
          </Link>
        </nav>
        <div className="order-last flex min-w-0 basis-full flex-wrap items-center gap-2 md:order-none md:flex-1 md:basis-0">
          <SourceBadge source={source} />
          {dataplane ? <DataplaneBadge dataplane={dataplane} /> : null}
          {/* Live data: the badge shows the age of the data and the connection (it replaces "loaded … ago"). */}
          {source.kind === 'live' ? (
            <LiveStatusBadge />
          ) : source.loadedAt ? (
            <span className="text-sm text-slate-600 dark:text-slate-400">
              <Freshness loadedAt={source.loadedAt} />
            </span>
          ) : null}
        </div>
        <div className="flex items-center gap-2">
          {source.kind === 'live' ? <ContextSwitcher /> : null}
          {/* Keyed by the cluster shown: a new page resets the switcher's pending choice. */}
          {demo ? <DemoSwitcher key={demo} active={demo} /> : null}
          {/* A copied link names the demo cluster: the person opening it may have another one chosen. */}
          {copyLink ? <CopyLinkButton params={demo ? { demo } : undefined} /> : null}
          {children}
          <ThemeToggle />
        </div>
        {demo ? <UnknownDemoNotice /> : null}
        {demo ? <DemoIntro active={demo} /> : null}
      </div>
    </header>
  );
}
