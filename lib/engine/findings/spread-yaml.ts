// The pod-template YAML that spreads a workload's replicas one per node, shared by the findings whose fix it
// is (local-imbalance, single-node-replicas). Source:
// https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/

/**
 * `spec.template.spec.topologySpreadConstraints` on kubernetes.io/hostname (maxSkew 1, DoNotSchedule), ending
 * with `matchLabels:` followed by `labelLines` (already indented by the caller, 12 spaces).
 */
export function hostnameSpreadYaml(labelLines: string): string {
  return `spec:
  template:
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
${labelLines}`;
}
