// Which traffic-policy diagrams a Service view shows (URL `view=`): both, or one of them.
import type { TrafficPolicy } from '../engine/types';
import type { ServiceViewMode } from './url-state';

/** Both traffic policies, in the order the Service page shows them. */
export const POLICIES: readonly TrafficPolicy[] = ['Cluster', 'Local'];

/** The policies a view mode shows, in page order. */
export function visiblePolicies(mode: ServiceViewMode): TrafficPolicy[] {
  return mode === 'both' ? [...POLICIES] : [mode];
}
