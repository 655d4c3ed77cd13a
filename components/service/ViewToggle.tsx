'use client';
// Cluster / Local / both: which traffic-policy diagrams are shown (URL `view=`). A radio group, so
// it is one tab stop and arrow keys move between the choices.
import { SegmentedControl } from '@/components/common/SegmentedControl';
import type { TrafficPolicy } from '@/lib/engine/types';
import type { ServiceViewMode } from '@/lib/view/url-state';

/** Segmented radio control for the view mode. */
export function ViewToggle({
  value,
  actual,
  onChange,
}: {
  value: ServiceViewMode;
  actual: TrafficPolicy;
  onChange: (v: ServiceViewMode) => void;
}) {
  const tag = (p: TrafficPolicy) => `${p}${actual === p ? ' (actual)' : ' (what if)'}`;
  return (
    <SegmentedControl<ServiceViewMode>
      legend="Traffic policy shown"
      caption="Show"
      testId="view-toggle"
      testIdPrefix="view"
      options={[
        { value: 'both', label: 'Side by side' },
        { value: 'Cluster', label: tag('Cluster') },
        { value: 'Local', label: tag('Local') },
      ]}
      value={value}
      onChange={onChange}
    />
  );
}
