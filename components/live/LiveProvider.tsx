'use client';
// Keeps an open page in step with the live cluster: subscribes to /api/events (EventSource), and
// when a newer view version than the one rendered arrives, refreshes the page's server data
// (router.refresh, debounced so a burst of versions costs one refresh). Holds the live status for the
// header badge and the context switcher. In demo/snapshot modes `initial` is null and it does nothing.
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveClientState, LiveEvent, LiveStatus } from '@/lib/live/status';

/** What the badge and the switcher read. */
export interface LiveContextValue {
  status: LiveStatus;
  /** Version of the data on this page (the server render it came from). */
  pageVersion: number;
  /** The event stream is down (the kubepath server cannot be reached, or it went silent). */
  streamLost: boolean;
  /** Browser clock minus server clock (ms), from the last message. */
  clockOffset: number;
  contexts: string[];
  active: string;
  switchContext(name: string): Promise<string | null>;
}

/** Live state for the header; null outside live mode. */
export const LiveContext = createContext<LiveContextValue | null>(null);

/** Wait after a new version before refreshing (more versions in this window share one refresh). */
const REFRESH_DEBOUNCE_MS = 400;
/** No message (the server sends one every 15 s) for this long: the stream is dead, reconnect. */
const STREAM_SILENCE_MS = 40_000;

/** Provides the live state and runs the updater; renders its children unchanged. */
export function LiveProvider({ initial, children }: { initial: LiveClientState | null; children: ReactNode }) {
  if (!initial) return <>{children}</>;
  return <LiveUpdater initial={initial}>{children}</LiveUpdater>;
}

function LiveUpdater({ initial, children }: { initial: LiveClientState; children: ReactNode }) {
  const router = useRouter();
  // The newest of what the server rendered and what the stream said (compared by server time).
  const [streamed, setStreamed] = useState<LiveStatus | null>(null);
  const status =
    streamed &&
    streamed.context === initial.status.context &&
    Date.parse(streamed.serverTime) >= Date.parse(initial.status.serverTime)
      ? streamed
      : initial.status;
  const [streamLost, setStreamLost] = useState(false);
  const [clockOffset, setClockOffset] = useState(0);
  const [reconnects, setReconnects] = useState(0);
  const pageVersion = initial.status.version;
  const pageVersionRef = useRef(pageVersion);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastMessageAt = useRef(0);

  // A refresh re-renders the layout with the new version: that is the data now on the page.
  useEffect(() => {
    pageVersionRef.current = pageVersion;
  }, [pageVersion]);

  useEffect(() => {
    const es = new EventSource('/api/events');
    lastMessageAt.current = Date.now();
    es.onmessage = (m) => {
      let e: LiveEvent;
      try {
        e = JSON.parse(m.data) as LiveEvent;
      } catch {
        return;
      }
      lastMessageAt.current = Date.now();
      setStreamLost(false);
      setClockOffset(Date.now() - Date.parse(e.status.serverTime));
      setStreamed(e.status);
      if (e.version > pageVersionRef.current) {
        if (refreshTimer.current) clearTimeout(refreshTimer.current);
        refreshTimer.current = setTimeout(() => {
          refreshTimer.current = null;
          router.refresh();
        }, REFRESH_DEBOUNCE_MS);
      }
    };
    // EventSource retries by itself; until a message arrives again the page says it is reconnecting.
    es.onerror = () => setStreamLost(true);
    const watchdog = setInterval(() => {
      if (Date.now() - lastMessageAt.current > STREAM_SILENCE_MS) {
        setStreamLost(true);
        setReconnects((n) => n + 1); // re-run this effect: a fresh EventSource
      }
    }, 5000);
    return () => {
      clearInterval(watchdog);
      es.close();
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    };
  }, [router, reconnects, initial.active]);

  const switchContext = useCallback(
    async (name: string): Promise<string | null> => {
      const res = await fetch('/api/contexts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ context: name }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return body?.error?.message ?? `switching failed (HTTP ${res.status})`;
      }
      router.refresh();
      return null;
    },
    [router],
  );

  const value = useMemo<LiveContextValue>(
    () => ({
      status,
      pageVersion,
      streamLost,
      clockOffset,
      contexts: initial.contexts,
      active: initial.active,
      switchContext,
    }),
    [status, pageVersion, streamLost, clockOffset, initial.contexts, initial.active, switchContext],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}
