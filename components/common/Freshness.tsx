'use client';
// "loaded 12 s ago", kept current; the absolute time is in the tooltip.
import { useEffect, useState } from 'react';

/** Human age of a timestamp: "just now", "12 s", "3 min", "2 h", "4 d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** Shows how long ago `loadedAt` (ISO) was, updating every few seconds. */
export function Freshness({ loadedAt, verb = 'loaded' }: { loadedAt: string; verb?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(timer);
  }, []);
  const at = Date.parse(loadedAt);
  return (
    <time dateTime={loadedAt} title={loadedAt} data-testid="freshness" suppressHydrationWarning>
      {verb} {Number.isNaN(at) ? 'at an unknown time' : formatAge(now - at)}
    </time>
  );
}
