// One-line description of the dataplane the answers assume (proxy mode, CNI, overlay).
import type { Dataplane } from '@/lib/engine/types';

/** "iptables (assumed) · calico/ipip" — says whether the proxy mode was detected or assumed. */
export function describeDataplane(d: Dataplane): string {
  const how = d.proxyModeSource === 'assumed' ? 'assumed' : 'detected';
  const cni =
    d.cni === 'unknown'
      ? 'CNI unknown'
      : d.overlay === 'unknown' || d.overlay === 'none'
        ? d.cni
        : `${d.cni}/${d.overlay}`;
  return `${d.proxyMode} (${how}) · ${cni}`;
}

/** Badge with the dataplane summary; the assumptions are in its tooltip. */
export function DataplaneBadge({ dataplane }: { dataplane: Dataplane }) {
  return (
    <span
      data-testid="dataplane-badge"
      data-proxy-mode={dataplane.proxyMode}
      className="rounded bg-slate-100 px-2 py-0.5 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-200"
      title={dataplane.assumptions.join('\n') || 'No assumptions: detected from the cluster objects'}
    >
      {describeDataplane(dataplane)}
    </span>
  );
}
