// The dataplane the answers depend on, and what kubepath had to assume about it.
import type { Dataplane } from '@/lib/engine/types';
import { describeDataplane } from '../common/DataplaneBadge';

/** Dataplane mode (detected or assumed), detector range, and the list of assumptions. */
export function DataplaneSummary({ dataplane }: { dataplane: Dataplane }) {
  const detected = dataplane.proxyModeSource !== 'assumed';
  return (
    <section
      data-testid="dataplane-summary"
      aria-labelledby="dataplane-heading"
      className="rounded border border-slate-200 px-4 py-3 text-sm dark:border-slate-800"
    >
      <h2 id="dataplane-heading" className="font-semibold">
        Dataplane
      </h2>
      <p className="mt-1">
        <span data-testid="dataplane-mode">{describeDataplane(dataplane)}</span>
        {' — '}
        {detected
          ? `proxy mode read from the ${dataplane.proxyModeSource}`
          : 'proxy mode not found in the cluster objects; assumed'}
        {dataplane.clusterCIDRs.length > 0
          ? `; pod CIDRs ${dataplane.clusterCIDRs.join(', ')}`
          : '; no pod CIDR known (local-traffic detection off)'}
        {dataplane.masqueradeAll ? '; masqueradeAll on' : ''}.
      </p>
      {dataplane.assumptions.length > 0 ? (
        <>
          <h3 className="mt-2 font-medium">Assumptions</h3>
          <ul data-testid="dataplane-assumptions" className="list-disc pl-5">
            {dataplane.assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
