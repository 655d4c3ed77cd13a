// Public API of the NetworkPolicy engine.
export { compilePolicies, compilePolicy, ruleLabel } from './compile';
export {
  compileSelector,
  selectorMatches,
  selectorMatchesPartial,
  type CompiledSelector,
  type Requirement,
} from './selector';
export { selectionFor, policiesSelectingPod } from './selection';
export { evaluateIngress, evaluateEgress, policyAdmits, mergeAlternatives } from './evaluate';
export { policySeenSource, classifyClient, type PolicyClient } from './seen-source';
export { createPolicyHook, decidePacketPolicy, egressDestination, type PacketPolicyDecision } from './hook';
export {
  policyTraits,
  podView,
  nodeView,
  externalView,
  worldView,
  hostNetworkViews,
  podIpBlockMode,
  nodeIpBlockMode,
  type PolicyTraits,
  type PolicyEngine,
} from './views';
export { nodeAddressIndex, nodeAddressesInCidr, cidrCoversNodeAddress, type NodeAddress } from './node-addresses';
export {
  ingressRulesForPods,
  ipBlockAllowLists,
  ipBlockNodeAddresses,
  unresolvedNamedPorts,
  type RuleRef,
  type IpBlockAllowList,
  type NamedPortIssue,
} from './findings-helpers';
export type { PolicyQuestion, PolicyHook, PolicyAnswer } from './question';
export type * from './types';
export type { Tri } from './tri';
