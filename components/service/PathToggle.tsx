'use client';
// From outside / from pods in the cluster: which path the diagrams draw (URL `path=`).
import { SegmentedControl, type SegmentedOption } from '@/components/common/SegmentedControl';
import type { ServicePathKind } from '@/lib/view/url-state';

const OPTIONS: SegmentedOption<ServicePathKind>[] = [
  { value: 'external', label: 'From outside' },
  { value: 'in-cluster', label: 'From pods (ClusterIP)' },
];

/** Segmented radio control for the path kind. */
export function PathToggle({ value, onChange }: { value: ServicePathKind; onChange: (v: ServicePathKind) => void }) {
  return (
    <SegmentedControl
      legend="Path shown"
      caption="Path"
      testId="path-toggle"
      testIdPrefix="path"
      options={OPTIONS}
      value={value}
      onChange={onChange}
    />
  );
}
