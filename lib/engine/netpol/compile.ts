// Compiles every NetworkPolicy of the model once: selectors, rules, peers, ipBlocks and ports,
// validated the way the API server would (pkg/apis/networking/validation/validation.go). Invalid
// parts become warnings and match `maybe`, so they can only ever produce `unknown`, never `allowed`.
import { parseCidr, cidrCovers, type Cidr } from '../../net/ip';
import type { ClusterModel, NetworkPolicyModel, Protocol } from '../../model/cluster';
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../../model/k8s';
import { compileSelector } from './selector';
import type { CompiledPeer, CompiledPolicy, CompiledPort, CompiledRule, Direction, PolicyIndex } from './types';

type Warn = (message: string) => void;

/** Compiles and indexes all NetworkPolicies of the model (one pass, linear in their size). */
export function compilePolicies(model: ClusterModel): PolicyIndex {
  const index: PolicyIndex = {
    model,
    byNamespace: new Map(),
    byKey: new Map(),
    warnings: [],
    unavailable: model.unavailableKinds.NetworkPolicy ?? null,
    selectionCache: new Map(),
  };
  for (const [ns, list] of model.policiesByNamespace) {
    const compiled: CompiledPolicy[] = [];
    for (const np of list) {
      const warn: Warn = (message) => index.warnings.push({ kind: 'NetworkPolicy', object: np.key, message });
      const cp = compilePolicy(np, warn);
      compiled.push(cp);
      index.byKey.set(cp.key, cp);
    }
    index.byNamespace.set(ns, compiled);
  }
  return index;
}

/** Compiles one policy; problems go to `warn`. */
export function compilePolicy(np: NetworkPolicyModel, warn: Warn): CompiledPolicy {
  const podSelector = compileSelector(np.podSelector);
  if (podSelector.invalid)
    warn(`spec.podSelector is invalid (${podSelector.invalid}); which pods it isolates is unknown`);
  let invalid: string | null = null;
  // validation.go ValidateNetworkPolicySpec: policyTypes may only hold Ingress and Egress.
  const rawTypes = Array.isArray(np.spec.policyTypes) ? np.spec.policyTypes : [];
  const badTypes = rawTypes.filter((t) => t !== 'Ingress' && t !== 'Egress');
  if (badTypes.length) {
    invalid = `policyTypes contains ${badTypes.map((t) => JSON.stringify(t)).join(', ')} (only Ingress and Egress are valid); the API would reject this policy`;
    warn(invalid);
  }
  const ingress = (Array.isArray(np.spec.ingress) ? np.spec.ingress : []).map((r, i) =>
    compileRule(i, r?.from, r?.ports, 'ingress', warn),
  );
  const egress = (Array.isArray(np.spec.egress) ? np.spec.egress : []).map((r, i) =>
    compileRule(i, r?.to, r?.ports, 'egress', warn),
  );
  return {
    key: np.key,
    namespace: np.namespace,
    name: np.name,
    podSelector,
    // policyTypes are already defaulted by the model (defaults.go SetDefaults_NetworkPolicy).
    isolates: { Ingress: np.policyTypes.includes('Ingress'), Egress: np.policyTypes.includes('Egress') },
    rules: { Ingress: ingress, Egress: egress },
    invalid,
    source: np,
  };
}

function compileRule(
  index: number,
  peers: NetworkPolicyPeer[] | null | undefined,
  ports: NetworkPolicyPort[] | null | undefined,
  where: string,
  warn: Warn,
): CompiledRule {
  const at = `${where}[${index}]`;
  // types.go NetworkPolicyIngressRule/EgressRule: empty or missing from/to = any peer; empty or missing ports = any port.
  return {
    index,
    peers:
      Array.isArray(peers) && peers.length > 0
        ? peers.map((p, i) => compilePeer(p, `${at}.${where === 'ingress' ? 'from' : 'to'}[${i}]`, warn))
        : null,
    ports:
      Array.isArray(ports) && ports.length > 0 ? ports.map((p, i) => compilePort(p, `${at}.ports[${i}]`, warn)) : null,
  };
}

/** Compiles one peer (validation.go ValidateNetworkPolicyPeer / ValidateIPBlock). */
export function compilePeer(p: NetworkPolicyPeer | null | undefined, at: string, warn: Warn): CompiledPeer {
  const hasPod = p?.podSelector != null;
  const hasNs = p?.namespaceSelector != null;
  const hasIp = p?.ipBlock != null;
  const bad = (reason: string): CompiledPeer => {
    warn(`${at}: ${reason}; matches of this peer are unknown`);
    return { kind: 'invalid', reason, text: `invalid peer (${reason})` };
  };
  if (!hasPod && !hasNs && !hasIp) return bad('must specify a peer (podSelector, namespaceSelector or ipBlock)');
  if (hasIp && (hasPod || hasNs))
    return bad('ipBlock cannot be combined with podSelector/namespaceSelector in one peer');
  if (hasIp) return compileIpBlock(p!.ipBlock!, bad);
  const podSelector = hasPod ? compileSelector(p!.podSelector) : null;
  const namespaceSelector = hasNs ? compileSelector(p!.namespaceSelector) : null;
  for (const [what, s] of [
    ['podSelector', podSelector],
    ['namespaceSelector', namespaceSelector],
  ] as const) {
    if (s?.invalid) warn(`${at}.${what} is invalid (${s.invalid}); matches of this peer are unknown`);
  }
  const text =
    podSelector && namespaceSelector
      ? `pods ${podSelector.text} in namespaces ${namespaceSelector.text}`
      : podSelector
        ? `pods ${podSelector.text} of the policy's namespace`
        : `all pods in namespaces ${namespaceSelector!.text}`;
  return { kind: 'selector', podSelector, namespaceSelector, text };
}

function compileIpBlock(block: { cidr?: string; except?: string[] }, bad: (r: string) => CompiledPeer): CompiledPeer {
  const cidrText = typeof block.cidr === 'string' ? block.cidr.trim() : '';
  const cidr = cidrText.includes('/') ? parseCidr(cidrText) : null;
  if (!cidr) return bad(`ipBlock.cidr "${block.cidr ?? ''}" is not a valid CIDR`);
  const except: Cidr[] = [];
  for (const e of Array.isArray(block.except) ? block.except : []) {
    const ec = typeof e === 'string' && e.includes('/') ? parseCidr(e) : null;
    if (!ec) return bad(`ipBlock.except "${String(e)}" is not a valid CIDR`);
    // ValidateIPBlock: each except must be a strict subset of cidr (same-size prefix rejected).
    if (!(cidrCovers(cidr, ec) && ec.prefix > cidr.prefix))
      return bad(`ipBlock.except "${e}" is not a strict subset of "${cidrText}"`);
    except.push(ec);
  }
  const text = except.length
    ? `ipBlock ${cidrText} except ${except.map((c) => c.text).join(', ')}`
    : `ipBlock ${cidrText}`;
  return { kind: 'ipBlock', cidr, except, text };
}

const PORT_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

function validPortName(n: string): boolean {
  // IANA_SVC_NAME (apimachinery validation.IsValidPortName): ≤15 chars, lower-case alphanumerics and '-', a letter, no '--'.
  return n.length <= 15 && PORT_NAME.test(n) && /[a-z]/.test(n) && !n.includes('--');
}

/** Compiles one ports entry (validation.go ValidateNetworkPolicyPort; defaults.go protocol TCP). */
export function compilePort(p: NetworkPolicyPort | null | undefined, at: string, warn: Warn): CompiledPort {
  const rawProto = p?.protocol;
  let invalid: string | null = null;
  let protocol: Protocol = 'TCP';
  if (rawProto !== undefined && rawProto !== null && rawProto !== '') {
    if (rawProto === 'TCP' || rawProto === 'UDP' || rawProto === 'SCTP') protocol = rawProto;
    else invalid = `protocol "${rawProto}" is not TCP, UDP or SCTP`;
  }
  let port: number | null = null;
  let name: string | null = null;
  let endPort: number | null = null;
  const rawPort = p?.port;
  if (typeof rawPort === 'number') {
    if (!Number.isInteger(rawPort) || rawPort < 1 || rawPort > 65535) invalid ??= `port ${rawPort} is out of range`;
    else port = rawPort;
  } else if (typeof rawPort === 'string' && rawPort !== '') {
    if (!validPortName(rawPort)) invalid ??= `port "${rawPort}" is neither a number nor a valid port name`;
    else name = rawPort;
  }
  if (p?.endPort !== undefined && p?.endPort !== null) {
    // validation.go: endPort needs a numeric port and endPort >= port.
    if (port === null) invalid ??= 'endPort requires a numeric port';
    else if (!Number.isInteger(p.endPort) || p.endPort < port || p.endPort > 65535)
      invalid ??= `endPort ${p.endPort} must be between port ${port} and 65535`;
    else endPort = p.endPort;
  }
  if (invalid) warn(`${at}: ${invalid}; matches of this port are unknown`);
  const what = name ?? (port === null ? '*' : endPort !== null ? `${port}-${endPort}` : String(port));
  return {
    protocol,
    port,
    endPort,
    name,
    invalid,
    text: invalid ? `invalid port (${invalid})` : `${protocol}/${what}`,
  };
}

/** Policies of a namespace (empty list when none). */
export function policiesInNamespace(index: PolicyIndex, namespace: string): CompiledPolicy[] {
  return index.byNamespace.get(namespace) ?? [];
}

/** Short label for a rule, e.g. `shop/allow-lb ingress[0]`. */
export function ruleLabel(policy: CompiledPolicy, dir: Direction, ruleIndex: number): string {
  return `${policy.key} ${dir === 'Ingress' ? 'ingress' : 'egress'}[${ruleIndex}]`;
}
