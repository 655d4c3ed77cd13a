// The seam between the packet-path engine and NetworkPolicy evaluation. The tracer and the per-Service
// path builder ask this hook one question per (packet, endpoint); the NetworkPolicy engine supplies it.
import type { NodeModel, PodModel, Protocol } from '../model/cluster';
import type { PolicyVerdict } from './types';

/** One packet as the destination pod (ingress) and the client pod (egress) would see it. */
export interface PolicyQuestion {
  /** The original client address (before any SNAT). */
  clientIP: string;
  /** The client pod (a hostNetwork pod too), or null for external / node-process clients. */
  clientPod: PodModel | null;
  /** The node when the client is a host-network process on it (node, localhost or hostNetwork pod source), else null. */
  clientNode: NodeModel | null;
  /** True when the packet reaches `destIP` with a rewritten source address. */
  masqueraded: boolean;
  /** The rewritten source address (what the pod sees), or null when not masqueraded or unknown. */
  snatSource: string | null;
  /** The node whose service proxy handled the packet (DNAT / SNAT); for direct traffic the node it left or reached first. */
  ingressNode: NodeModel | null;
  /** The address the packet finally goes to (the endpoint after DNAT, or the direct destination). */
  destIP: string;
  destPod: PodModel | null;
  /** The port the pod receives, after DNAT (the resolved targetPort). */
  port: number;
  protocol: Protocol;
  /** The address the client connected to before DNAT (a Service address or NodePort address), when DNAT happened. */
  preDnatDestIP?: string | null;
  /** The port the client connected to before DNAT (Service port or NodePort), when DNAT happened. */
  preDnatPort?: number | null;
}

/** The hook's answer: a verdict (never `allowed` when unsure) and one sentence why. */
export interface PolicyAnswer {
  verdict: PolicyVerdict;
  reason: string;
}

/** Evaluates NetworkPolicy for one packet. */
export interface PolicyHook {
  (q: PolicyQuestion): PolicyAnswer;
}

/** A hook that knows nothing: every answer is `unknown` (used in tests and when policies cannot be read). */
export const unknownPolicyHook: PolicyHook = () => ({
  verdict: 'unknown',
  reason: 'NetworkPolicy evaluation not available',
});
