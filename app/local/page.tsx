// `/local` — open snapshot files in the browser. The engine runs here, in the page; nothing is
// uploaded, so the view exists only in this tab and cannot be shared by link.
import type { Metadata } from 'next';
import { LocalSnapshotView } from './LocalSnapshotView';

export const metadata: Metadata = { title: 'Open a snapshot file' };

/** The local-snapshot page (all work happens in the client component). */
export default function LocalPage() {
  return <LocalSnapshotView />;
}
