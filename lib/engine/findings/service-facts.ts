// Prepares one Service for the finding stages: its entries, endpoint counts, the pods behind it, the
// ingress rules and ipBlock allow-lists guarding them, the sample client, and the paths under both
// traffic policies (servicePaths with the cluster-wide node classes). O(endpoints + policies selecting
// its pods + node classes) per Service.
import { canonicalIP, isIP } from '../../net/ip';
import type { ClusterModel, EndpointModel, PodModel, ServiceModel } from '../../model/cluster';
import { endpointPortFor, familyOf } from '../endpoints';
import { ingressRulesForPods, type IpBlockAllowList, type RuleRef } from '../netpol';
import { portMatches } from '../netpol/ports';
import { endpointPod, externalEntryOf, servicePaths, type ExternalEntry } from '../paths';
import type { ServiceAnalysis, ServiceEntry } from '../types';
import { attachFrontDoor } from '../frontdoor/analyze-frontdoor';
import { chooseSampleClient } from './sample-client';
import type { ClusterFacts, SampleClient, ServiceFacts } from './types';
import { portsMainFirst } from '../main-port';
import { mapArray } from '../../util/fresh-array';

/** Options for prepareService. */
export interface PrepareOptions {
  /** Sample client used when no allow-list or source range suggests one. */
  clientIP?: string;
}

/** The IP family the Service is analysed in: its first ClusterIP's, else its first endpoint's, else IPv4. */
export function serviceFamily(model: ClusterModel, service: ServiceModel): 4 | 6 {
  if (service.clusterIPs[0]) return familyOf(service.clusterIPs[0]);
  const ep = model.endpointsByService.get(service.key)?.[0];
  return ep ? familyOf(ep.ip) : 4;
}

/** Every way into the Service, grouped by kind: each ClusterIP, NodePort (on one representative node), LB IP and externalIP × port. */
export function serviceEntries(facts: ClusterFacts, service: ServiceModel): ServiceEntry[] {
  if (service.type === 'ExternalName') return [];
  const out: ServiceEntry[] = [];
  // The main traffic port first (main-port.ts), so summaries and the default trace use it, not a status port.
  const ports = mapArray(portsMainFirst(service.ports), (i) => service.ports[i]);
  for (const ip of service.clusterIPs)
    for (const p of ports) out.push({ kind: 'clusterIP', address: ip, port: p.port, protocol: p.protocol });
  if (service.type === 'NodePort' || service.type === 'LoadBalancer') {
    const families = new Set(service.clusterIPs.map(familyOf));
    if (families.size === 0) families.add(4);
    for (const f of families) {
      const rep = facts.nodePortAddress[f];
      if (rep)
        for (const p of ports)
          if (p.nodePort !== null)
            out.push({ kind: 'nodePort', address: rep.address, port: p.nodePort, protocol: p.protocol });
    }
  }
  if (service.type === 'LoadBalancer') {
    for (const ing of service.loadBalancerIngress) {
      if (ing.ip)
        for (const p of ports)
          out.push({ kind: 'loadBalancerIP', address: ing.ip, port: p.port, protocol: p.protocol, ipMode: ing.ipMode });
    }
  }
  for (const ip of service.externalIPs)
    for (const p of ports) out.push({ kind: 'externalIP', address: ip, port: p.port, protocol: p.protocol });
  return out;
}

/** Endpoint counts in the Service's family (a dual-stack pod counts once). */
export function endpointCounts(endpoints: readonly EndpointModel[], family: 4 | 6): ServiceAnalysis['endpoints'] {
  let total = 0,
    ready = 0,
    terminating = 0;
  const nodes = new Set<string>();
  for (const ep of endpoints) {
    // Model addresses are canonical: only IPv6 text contains ':'.
    if ((ep.ip.includes(':') ? 6 : 4) !== family) continue;
    total++;
    if (ep.ready) ready++;
    if (ep.terminating) terminating++;
    if (ep.nodeName) nodes.add(ep.nodeName);
  }
  return { total, ready, terminating, nodes: nodes.size };
}

/**
 * The ipBlock peers of the rules that apply to the Service's traffic: the rule has no ports, or one of
 * its ports matches the target port of a pod the policy selects (ports are matched after DNAT:
 * projectcalico/felix#2836; cilium language.rst "after service port mapping").
 */
export function allowListsFor(
  model: ClusterModel,
  service: ServiceModel,
  portIndex: number,
  endpoints: readonly EndpointModel[],
  rules: readonly RuleRef[],
): IpBlockAllowList[] {
  if (!rules.some((r) => r.rule.peers?.some((p) => p.kind === 'ipBlock'))) return [];
  const sp = service.ports[portIndex];
  const targetByPod = new Map<string, number>();
  if (sp)
    for (const ep of endpoints) {
      if (!ep.podKey || targetByPod.has(ep.podKey)) continue;
      const port = endpointPortFor(model, ep, sp);
      if (port !== null) targetByPod.set(ep.podKey, port);
    }
  const out: IpBlockAllowList[] = [];
  for (const ref of rules) {
    if (!ref.rule.peers?.some((p) => p.kind === 'ipBlock')) continue;
    const applies =
      ref.rule.ports === null ||
      (sp !== undefined &&
        ref.pods.some((key) => {
          const pod = model.pods.get(key);
          const target = targetByPod.get(key);
          return (
            pod !== undefined &&
            target !== undefined &&
            ref.rule.ports!.some((p) => portMatches(p, target, sp.protocol, pod).tri !== 'no')
          );
        }));
    if (!applies) continue;
    for (const peer of ref.rule.peers) {
      if (peer.kind !== 'ipBlock') continue;
      out.push({
        policy: ref.policy.key,
        ruleIndex: ref.rule.index,
        cidr: peer.cidr.text,
        except: peer.except.map((e) => e.text),
        ports: ref.rule.ports,
        pods: ref.pods,
        selects: ref.selects,
        peer,
      });
    }
  }
  return out;
}

/** The pods behind a Service's endpoints, each looked up once: by endpoint, and distinct in endpoint order. */
export interface EndpointPods {
  /** Null when not asked for (a Service without an external entry: no policy question per endpoint). */
  byEndpoint: Map<EndpointModel, PodModel | null> | null;
  pods: PodModel[];
}

/** Looks up the pod of every endpoint once; `pods` are the distinct pods behind the endpoints, as the snapshot has them. */
export function indexEndpointPods(
  model: ClusterModel,
  endpoints: readonly EndpointModel[],
  withByEndpoint = true,
): EndpointPods {
  const byEndpoint = withByEndpoint ? new Map<EndpointModel, PodModel | null>() : null;
  const seen = new Set<string>();
  const pods: PodModel[] = [];
  for (const ep of endpoints) {
    const pod = endpointPod(model, ep);
    byEndpoint?.set(ep, pod);
    if (pod && !seen.has(pod.key)) {
      seen.add(pod.key);
      pods.push(pod);
    }
  }
  return { byEndpoint, pods };
}

/** ServiceFacts whose policy parts are computed on first use (a class: prototype getters stay fast). */
class PreparedService implements ServiceFacts {
  #endpointPods: EndpointPods | null = null;
  #pods: PodModel[] | null = null;
  #ingressRules: RuleRef[] | null = null;
  #allowLists: IpBlockAllowList[] | null = null;
  analysis!: ServiceAnalysis;
  sampleClient!: SampleClient;

  constructor(
    private readonly facts: ClusterFacts,
    readonly service: ServiceModel,
    readonly entry: ExternalEntry | null,
    readonly endpoints: readonly EndpointModel[],
    private readonly guarded: boolean,
  ) {}

  get pods(): PodModel[] {
    return (this.#pods ??= this.guarded ? this.endpointPods().pods : []);
  }

  /** The pod of one of the Service's endpoints (servicePaths asks for each, under both policies). */
  readonly podOf = (ep: EndpointModel): PodModel | null => {
    const pod = this.endpointPods().byEndpoint?.get(ep);
    return pod !== undefined ? pod : endpointPod(this.facts.model, ep);
  };

  private endpointPods(): EndpointPods {
    // Only Services with an external entry ask per endpoint (servicePaths' policy questions).
    return (this.#endpointPods ??= indexEndpointPods(this.facts.model, this.endpoints, this.entry !== null));
  }

  get ingressRules(): RuleRef[] {
    return (this.#ingressRules ??= this.pods.length ? ingressRulesForPods(this.facts.policies, this.pods) : []);
  }

  get allowLists(): IpBlockAllowList[] {
    return (this.#allowLists ??= allowListsFor(
      this.facts.model,
      this.service,
      this.entry?.portIndex ?? 0,
      this.endpoints,
      this.ingressRules,
    ));
  }
}

/**
 * Prepares one Service: entries, counts, sample client and both paths eagerly; the pods behind it, the
 * ingress rules guarding them and their ipBlock allow-lists on first use (cached), so rules that do not
 * need them for this Service — most rules on most ClusterIP Services — cost nothing.
 */
export function prepareService(facts: ClusterFacts, service: ServiceModel, opts: PrepareOptions = {}): ServiceFacts {
  const { model, dataplane } = facts;
  const endpoints = model.endpointsByService.get(service.key) ?? [];
  const family = serviceFamily(model, service);
  const entry = externalEntryOf(model, service);
  // Pods matter only for the policies guarding them: no lookups where no policy of the namespace isolates ingress.
  const guarded = facts.policies.byNamespace.get(service.namespace)?.some((p) => p.isolates.Ingress) ?? false;
  const prepared = new PreparedService(facts, service, entry, endpoints, guarded);
  // The analysis hook's early exit compares addresses as canonical text (createPolicyHook in netpol/hook.ts).
  const fallback = opts.clientIP && isIP(opts.clientIP) ? canonicalIP(opts.clientIP) : undefined;
  // Only external clients have a sample address worth choosing: without an entry the allow-lists are not consulted.
  prepared.sampleClient = chooseSampleClient(
    model,
    dataplane,
    service,
    entry ? prepared.allowLists : [],
    entry?.address ? familyOf(entry.address) : family,
    fallback,
    facts.podRanges,
    facts.isClientAllowList,
  );
  const pathOpts = {
    clientIP: prepared.sampleClient.ip,
    hook: facts.hook,
    index: facts.nodeClasses,
    entry,
    podOf: prepared.podOf,
  };
  const cluster = servicePaths(model, dataplane, service, 'Cluster', pathOpts);
  // Without an external entry no external traffic exists, so the Local what-if differs only in its labels
  // (servicePaths returns the same unreached pods for both): computed once for the 80% of ClusterIP Services.
  const paths = {
    Cluster: cluster,
    Local: entry
      ? servicePaths(model, dataplane, service, 'Local', pathOpts)
      : // The PodShare objects (share 0, verdict unknown) are shared: they say the same under both policies.
        {
          ...cluster,
          policy: 'Local' as const,
          actual: service.externalTrafficPolicy === 'Local',
          notes: [...cluster.notes],
          pods: cluster.pods.slice(),
        },
  };
  prepared.analysis = {
    service: service.key,
    namespace: service.namespace,
    name: service.name,
    type: service.type,
    externalTrafficPolicy: service.externalTrafficPolicy,
    internalTrafficPolicy: service.internalTrafficPolicy,
    entries: serviceEntries(facts, service),
    endpoints: endpointCounts(endpoints, family),
    paths,
    nodes: paths[service.externalTrafficPolicy].nodes,
    findings: [],
  };
  // Front doors: load balancer, proxy, routes and whether the application can learn the client.
  attachFrontDoor(facts, prepared);
  return prepared;
}
