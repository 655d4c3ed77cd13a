'use client';
// The live badge's content, re-computed every second so the data's age keeps counting.
import { useContext, useEffect, useState } from 'react';
import { liveBadge, type LiveBadge } from './live-badge';
import { LiveContext } from './LiveProvider';

/** The current badge in live mode, or null outside live mode. */
export function useLiveBadge(): { badge: LiveBadge; pageVersion: number } | null {
  const live = useContext(LiveContext);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return live ? { badge: liveBadge(live, now), pageVersion: live.pageVersion } : null;
}
