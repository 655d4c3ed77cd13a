// Entry points of the embedded demo clusters and their kubectl `List` serialisation. Pure and
// deterministic: the committed JSON snapshots are exactly `demoListJSON(build…())` (demo.test.ts checks).
import type { KubeObject } from '../model/k8s';
import { buildNorthwindEdge } from './edge-cilium';
import { buildNorthwindProd } from './northwind';

/** The Northwind Retail production cluster (8 nodes, Calico IPIP, kube-proxy iptables, MetalLB). */
export function buildDemoCluster(): KubeObject[] {
  return buildNorthwindProd();
}

/** The small Northwind edge cluster running Cilium as kube-proxy replacement. */
export function buildDemoCiliumCluster(): KubeObject[] {
  return buildNorthwindEdge();
}

/** A kubectl `List` object around the items. */
export interface KubectlList {
  apiVersion: 'v1';
  kind: 'List';
  items: KubeObject[];
  metadata: { resourceVersion: string };
}

// kubectl prints unstructured objects, whose map keys come out sorted.
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Wraps objects as `kubectl get … -o json` does (keys sorted, undefined fields dropped). */
export function toKubectlList(items: KubeObject[]): KubectlList {
  return {
    apiVersion: 'v1',
    items: items.map((o) => sortKeys(o) as KubeObject),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

/** The exact text of a committed snapshot file: 2-space indented JSON and a final newline. */
export function demoListJSON(items: KubeObject[]): string {
  return `${JSON.stringify(toKubectlList(items), null, 2)}\n`;
}
