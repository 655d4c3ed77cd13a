// A snapshot of the live cluster exactly as the README tells users to take one.
import { writeFileSync } from 'node:fs';
import type { ControlPlane } from './controlplane';
import { kubectl } from './kubectl';

/** The kinds kubepath reads, in the README's `kubectl get` order. */
export const SNAPSHOT_KINDS = 'services,endpointslices,nodes,pods,namespaces,networkpolicies,configmaps';

/** Writes `kubectl get SNAPSHOT_KINDS -A -o json` to `file` (admin credentials unless a kubeconfig is given). */
export async function takeSnapshot(cp: ControlPlane, file: string, kubeconfig?: string): Promise<void> {
  writeFileSync(file, await kubectl(cp, ['get', SNAPSHOT_KINDS, '-A', '-o', 'json'], { kubeconfig }));
}
