// "Traffic share per pod": the pod-share chart of each visible policy, side by side when both show.
import { useId } from 'react';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { PolicyPanel } from '@/lib/view/service-page-data';
import { PodShareChart } from './PodShareChart';

/** The per-pod traffic share charts of the visible policies. */
export function PodSharesSection({
  visible,
  actualPolicy,
  panels,
}: {
  visible: TrafficPolicy[];
  actualPolicy: TrafficPolicy;
  panels: Record<TrafficPolicy, PolicyPanel>;
}) {
  const titleId = `${useId()}-shares-title`;
  return (
    <section aria-labelledby={titleId} className="space-y-3">
      <h2 id={titleId} className="text-lg font-semibold">
        Traffic share per pod
      </h2>
      <div className={`grid gap-4 ${visible.length === 2 ? 'xl:grid-cols-2' : ''}`}>
        {visible.map((p) => (
          <PodShareChart key={p} chart={panels[p].chart} policy={p} actual={p === actualPolicy} />
        ))}
      </div>
    </section>
  );
}
