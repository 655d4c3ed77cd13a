// zod schemas for the fields of each kind that the model builder and the engine read, with the API
// server's own limits (so a hostile snapshot cannot carry what a real cluster never holds). Fields the
// engine does not read are not described and pass through unchecked. `null` is accepted wherever the
// API's JSON may print it for an unset field.
import { z } from 'zod';
import type { KnownKind } from './k8s';
import { FRONT_DOOR_KINDS } from './frontdoor-k8s';

type FrontDoorKind = (typeof FRONT_DOOR_KINDS)[number];

// Limits from k8s.io/apimachinery/pkg/util/validation (validation.go): DNS-1123 subdomain ≤ 253,
// label ≤ 63, qualified name = prefix (≤ 253) "/" name (≤ 63); annotations ≤ 256 KiB in total
// (apimachinery/pkg/api/validation/objectmeta.go TotalAnnotationSizeLimitB); a ConfigMap ≤ 1 MiB
// (core/v1 validation MaxSecretSize/ConfigMap data limit).
export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_VALUE_LENGTH = 63;
export const MAX_QUALIFIED_NAME_LENGTH = 253 + 1 + 63;
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
export const MAX_CONFIGMAP_BYTES = 1024 * 1024;
/** Any other short string the engine reads (IPs, CIDRs, zones, types, phases, condition statuses). */
export const MAX_SHORT_STRING = 1024;

const str = (max = MAX_SHORT_STRING) => z.string().max(max);
const opt = <T extends z.ZodType>(t: T) => t.nullish();
const list = <T extends z.ZodType>(t: T) => z.array(t).nullish();
const port = z.number().int().min(1).max(65535);

/** A string-to-string map with bounded keys and values (a plain check: maps are the hottest part of a pod). */
const stringMap = (maxKey: number, maxValue: number, maxTotal = Infinity) =>
  z.custom<Record<string, string>>(
    (v) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
      let total = 0;
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        const x = (v as Record<string, unknown>)[k];
        if (typeof x !== 'string' || k.length > maxKey || x.length > maxValue) return false;
        total += k.length + x.length;
      }
      return total <= maxTotal;
    },
    `expected a map of strings (keys ≤ ${maxKey} characters, values ≤ ${maxValue}${maxTotal < Infinity ? `, ≤ ${maxTotal / 1024} KiB in total` : ''})`,
  );

const labels = opt(stringMap(MAX_QUALIFIED_NAME_LENGTH, MAX_LABEL_VALUE_LENGTH));
const annotations = opt(stringMap(MAX_QUALIFIED_NAME_LENGTH, MAX_ANNOTATIONS_BYTES, MAX_ANNOTATIONS_BYTES));

const meta = (namespaced: boolean) =>
  z.object({
    name: opt(str(MAX_NAME_LENGTH)),
    namespace: namespaced ? opt(str(MAX_LABEL_VALUE_LENGTH)) : z.unknown().optional(),
    labels,
    annotations,
    deletionTimestamp: opt(str()),
  });

const object = (namespaced: boolean, fields: z.core.$ZodLooseShape) =>
  z.object({ kind: z.string(), metadata: opt(meta(namespaced)), ...fields });

const condition = z.object({ type: opt(str()), status: opt(str()) });
const labelSelector = opt(
  z.object({
    matchLabels: labels,
    matchExpressions: list(
      z.object({ key: opt(str(MAX_QUALIFIED_NAME_LENGTH)), operator: opt(str()), values: list(str()) }),
    ),
  }),
);
const targetRef = opt(
  z.object({ kind: opt(str()), name: opt(str(MAX_NAME_LENGTH)), namespace: opt(str(MAX_LABEL_VALUE_LENGTH)) }),
);
/** Protocols Kubernetes accepts (core/v1 validation supportedPortProtocols). */
const protocol = opt(z.enum(['TCP', 'UDP', 'SCTP']));
const namedPort = z.object({ name: opt(str(MAX_LABEL_VALUE_LENGTH)), port: opt(port), protocol });

const service = object(true, {
  spec: opt(
    z.object({
      type: opt(str()),
      clusterIP: opt(str()),
      clusterIPs: list(str()),
      ports: list(
        z.object({
          name: opt(str(MAX_LABEL_VALUE_LENGTH)),
          protocol,
          port,
          targetPort: opt(z.union([z.number().int().min(0).max(65535), str(MAX_LABEL_VALUE_LENGTH)])),
          nodePort: opt(z.number().int().min(0).max(65535)),
        }),
      ),
      selector: labels,
      externalTrafficPolicy: opt(str()),
      internalTrafficPolicy: opt(str()),
      externalIPs: list(str()),
      loadBalancerSourceRanges: list(str()),
      loadBalancerClass: opt(str(MAX_QUALIFIED_NAME_LENGTH)),
      healthCheckNodePort: opt(z.number().int().min(0).max(65535)),
      allocateLoadBalancerNodePorts: opt(z.boolean()),
    }),
  ),
  status: opt(
    z.object({
      loadBalancer: opt(
        z.object({ ingress: list(z.object({ ip: opt(str()), hostname: opt(str()), ipMode: opt(str()) })) }),
      ),
    }),
  ),
});

const endpointSlice = object(true, {
  addressType: opt(str()),
  endpoints: list(
    z.object({
      addresses: list(str()),
      conditions: opt(z.object({ ready: opt(z.boolean()), serving: opt(z.boolean()), terminating: opt(z.boolean()) })),
      nodeName: opt(str(MAX_NAME_LENGTH)),
      zone: opt(str()),
      hints: opt(
        z.object({
          forZones: list(z.object({ name: str() })),
          forNodes: list(z.object({ name: str(MAX_NAME_LENGTH) })),
        }),
      ),
      targetRef,
    }),
  ),
  ports: list(namedPort),
});

const endpointAddress = z.object({ ip: opt(str()), nodeName: opt(str(MAX_NAME_LENGTH)), targetRef });
const endpoints = object(true, {
  subsets: list(
    z.object({ addresses: list(endpointAddress), notReadyAddresses: list(endpointAddress), ports: list(namedPort) }),
  ),
});

const node = object(false, {
  spec: opt(
    z.object({
      podCIDR: opt(str()),
      podCIDRs: list(str()),
      providerID: opt(str()),
      unschedulable: opt(z.boolean()),
      taints: list(z.object({ key: opt(str(MAX_QUALIFIED_NAME_LENGTH)) })),
    }),
  ),
  status: opt(
    z.object({ addresses: list(z.object({ type: opt(str()), address: opt(str()) })), conditions: list(condition) }),
  ),
});

const pod = object(true, {
  spec: opt(
    z.object({
      nodeName: opt(str(MAX_NAME_LENGTH)),
      hostNetwork: opt(z.boolean()),
      containers: list(
        z.object({
          ports: list(z.object({ name: opt(str(MAX_LABEL_VALUE_LENGTH)), containerPort: opt(port), protocol })),
          // Proxy detection reads image, command, args and literal env (lib/model/frontdoor.ts podDetails);
          // no per-string API limit but the object's, so the ConfigMap bound stands in.
          image: opt(str(MAX_CONFIGMAP_BYTES)),
          command: list(str(MAX_CONFIGMAP_BYTES)),
          args: list(str(MAX_CONFIGMAP_BYTES)),
          env: list(z.object({ name: opt(str(MAX_CONFIGMAP_BYTES)), value: opt(str(MAX_CONFIGMAP_BYTES)) })),
        }),
      ),
    }),
  ),
  status: opt(
    z.object({
      phase: opt(str()),
      podIP: opt(str()),
      podIPs: list(z.object({ ip: opt(str()) })),
      conditions: list(condition),
    }),
  ),
});

const namespace = object(false, {});

const peer = z.object({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: opt(z.object({ cidr: opt(str()), except: list(str()) })),
});
const policyPort = z.object({
  protocol: opt(str()),
  port: opt(z.union([z.number(), str(MAX_LABEL_VALUE_LENGTH)])),
  endPort: opt(z.number()),
});
const networkPolicy = object(true, {
  spec: opt(
    z.object({
      podSelector: labelSelector,
      policyTypes: list(str()),
      ingress: list(z.object({ from: list(peer), ports: list(policyPort) })),
      egress: list(z.object({ to: list(peer), ports: list(policyPort) })),
    }),
  ),
});

const configMap = object(true, {
  data: opt(stringMap(MAX_NAME_LENGTH, MAX_CONFIGMAP_BYTES, MAX_CONFIGMAP_BYTES)),
});

// The front-door kinds (lib/model/frontdoor-k8s.ts): the fields lib/model/frontdoor.ts reads, typed as the
// APIs define them (networking.k8s.io/v1, gateway.networking.k8s.io/v1, networking.istio.io, metallb.io,
// network.kubesphere.io, cilium.io), so an object malformed there is a warning naming it, not a crash.
const selectorMap = opt(stringMap(MAX_QUALIFIED_NAME_LENGTH, MAX_LABEL_VALUE_LENGTH));
const strings = list(str());
const ingressBackend = opt(
  z.object({
    service: opt(
      z.object({
        name: opt(str(MAX_NAME_LENGTH)),
        port: opt(z.object({ number: opt(port), name: opt(str(MAX_LABEL_VALUE_LENGTH)) })),
      }),
    ),
  }),
);
const loadBalancerStatus = opt(z.object({ ingress: list(z.object({ ip: opt(str()), hostname: opt(str()) })) }));

const ingress = object(true, {
  spec: opt(
    z.object({
      ingressClassName: opt(str(MAX_NAME_LENGTH)),
      defaultBackend: ingressBackend,
      rules: list(
        z.object({
          host: opt(str()),
          http: opt(
            z.object({
              paths: list(z.object({ path: opt(str()), pathType: opt(str()), backend: ingressBackend })),
            }),
          ),
        }),
      ),
    }),
  ),
  status: opt(z.object({ loadBalancer: loadBalancerStatus })),
});

const ingressClass = object(false, {
  spec: opt(
    z.object({
      controller: opt(str()),
      parameters: opt(z.object({ kind: opt(str()), name: opt(str(MAX_NAME_LENGTH)), namespace: opt(str()) })),
    }),
  ),
});

const gatewayClass = object(false, { spec: opt(z.object({ controllerName: opt(str()) })) });

/** Gateway API Gateway and Istio's Gateway (one kind name; lib/model/frontdoor-k8s.ts isIstioGateway). */
const gateway = object(true, {
  spec: opt(
    z.object({
      gatewayClassName: opt(str(MAX_NAME_LENGTH)),
      listeners: list(z.object({ name: opt(str()), hostname: opt(str()), port: opt(port), protocol: opt(str()) })),
      selector: selectorMap,
      servers: list(
        z.object({
          hosts: strings,
          port: opt(z.object({ number: opt(z.number().int().nonnegative()), protocol: opt(str()) })),
        }),
      ),
    }),
  ),
  status: opt(z.object({ addresses: list(z.object({ type: opt(str()), value: opt(str()) })) })),
});

const httpRoute = object(true, {
  spec: opt(
    z.object({
      parentRefs: list(
        z.object({ name: opt(str(MAX_NAME_LENGTH)), namespace: opt(str(MAX_LABEL_VALUE_LENGTH)), kind: opt(str()) }),
      ),
      hostnames: strings,
      rules: list(
        z.object({
          matches: list(z.object({ path: opt(z.object({ type: opt(str()), value: opt(str()) })) })),
          backendRefs: list(
            z.object({
              name: opt(str(MAX_NAME_LENGTH)),
              namespace: opt(str(MAX_LABEL_VALUE_LENGTH)),
              port: opt(port),
              kind: opt(str()),
              weight: opt(z.number().int().nonnegative()),
            }),
          ),
        }),
      ),
    }),
  ),
});

const virtualService = object(true, {
  spec: opt(
    z.object({
      hosts: strings,
      gateways: strings,
      http: list(
        z.object({
          match: list(z.object({ uri: opt(z.object({ prefix: opt(str()), exact: opt(str()), regex: opt(str()) })) })),
          route: list(
            z.object({
              destination: opt(
                z.object({
                  host: opt(str()),
                  port: opt(z.object({ number: opt(z.number().int().nonnegative()) })),
                }),
              ),
              weight: opt(z.number().int()),
            }),
          ),
        }),
      ),
    }),
  ),
});

const ipAddressPool = object(true, { spec: opt(z.object({ addresses: strings })) });
const metallbAdvertisement = object(true, {
  spec: opt(
    z.object({
      ipAddressPools: strings,
      ipAddressPoolSelectors: list(labelSelector),
      nodeSelectors: list(labelSelector),
    }),
  ),
});
const serviceL2Status = object(true, {
  status: opt(
    z.object({
      node: opt(str(MAX_NAME_LENGTH)),
      serviceName: opt(str(MAX_NAME_LENGTH)),
      serviceNamespace: opt(str(MAX_LABEL_VALUE_LENGTH)),
      interfaces: list(z.object({ name: opt(str()) })),
    }),
  ),
});
const eip = object(false, {
  spec: opt(z.object({ address: opt(str()), protocol: opt(str()), interface: opt(str()), disable: opt(z.boolean()) })),
});
const ciliumPool = object(false, {
  spec: opt(
    z.object({
      blocks: list(z.object({ cidr: opt(str()), start: opt(str()), stop: opt(str()) })),
      serviceSelector: labelSelector,
    }),
  ),
});
const ciliumL2Policy = object(false, {
  spec: opt(
    z.object({
      serviceSelector: labelSelector,
      nodeSelector: labelSelector,
      loadBalancerIPs: opt(z.boolean()),
      externalIPs: opt(z.boolean()),
      interfaces: strings,
    }),
  ),
});

const FRONT_DOOR_SCHEMAS: Record<FrontDoorKind, z.ZodType> = {
  Ingress: ingress,
  IngressClass: ingressClass,
  Gateway: gateway,
  GatewayClass: gatewayClass,
  HTTPRoute: httpRoute,
  VirtualService: virtualService,
  IPAddressPool: ipAddressPool,
  L2Advertisement: metallbAdvertisement,
  BGPAdvertisement: metallbAdvertisement,
  ServiceL2Status: serviceL2Status,
  Eip: eip,
  CiliumLoadBalancerIPPool: ciliumPool,
  CiliumL2AnnouncementPolicy: ciliumL2Policy,
};

/** The schema of every kind kubepath reads. */
export const KIND_SCHEMAS: Record<KnownKind, z.ZodType> = {
  Service: service,
  EndpointSlice: endpointSlice,
  Endpoints: endpoints,
  Node: node,
  Pod: pod,
  Namespace: namespace,
  NetworkPolicy: networkPolicy,
  ConfigMap: configMap,
  ...FRONT_DOOR_SCHEMAS,
};
