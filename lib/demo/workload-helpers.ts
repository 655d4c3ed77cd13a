// Small helpers that keep the demo cluster definitions short and uniform.
import type { Obj } from './ids';

/** Container resources with requests (and a memory limit), as most production charts set them. */
export function res(cpu: string, memory: string, memoryLimit = memory): Obj {
  return { limits: { memory: memoryLimit }, requests: { cpu, memory } };
}

/** The recommended app labels (app.kubernetes.io/*) plus the owning team. */
export function appLabels(name: string, partOf: string, team: string, component?: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': partOf,
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'northwind.io/team': team,
  };
}

/** Toleration of the kubeadm control-plane taint (system DaemonSets run everywhere). */
export const TOLERATE_CONTROL_PLANE: Obj = {
  effect: 'NoSchedule',
  key: 'node-role.kubernetes.io/control-plane',
  operator: 'Exists',
};

/** Tolerates every taint (CNI, kube-proxy and node agents). */
export const TOLERATE_ALL: Obj = { operator: 'Exists' };

/** `n` copies of a node name (pods packed on one node). */
export function times(node: string, n: number): string[] {
  return Array.from({ length: n }, () => node);
}
