// What a proxy does with one connection: whether it accepts it (PROXY protocol on
// one side only breaks nginx-style proxies: ../shared/reference/source-ip-catalog.md §7 item 1), which
// address it takes as the client (PROXY header, trusted forwarded headers, else its peer), and the headers
// it writes toward the backend (catalog §4 headersToBackend per proxy).
import { cidrContains, parseCidr } from '../../net/ip';
import type { ClientIPCarrier } from '../types';
import type { ProxySettings, Trust } from './proxy-settings';

/** The connection as it reaches the proxy. */
export interface ProxyInput {
  /** L3 source the proxy sees. */
  peerIP: string | null;
  /** PROXY header sent in front of the connection, with the address it carries. */
  proxyProtocol: { version: string; source: string | null } | null;
  /** X-Forwarded-For arriving with the request (from an L7 LB or upstream proxy), or null. */
  xForwardedFor: string | null;
}

/** The proxy's answer. */
export interface ProxyOutcome {
  /** Why the proxy rejects or misreads the connection, or null. */
  broken: string | null;
  /** The address the proxy takes as the client. */
  clientIP: string | null;
  /** Where it took it from. */
  carrier: ClientIPCarrier;
  /** true: only from trusted peers; false: from anyone. */
  trusted: boolean | null;
  /** Headers toward the backend. */
  headers: Record<string, string>;
  /**
   * The question when the answer depends on a setting kubepath could not read (PROXY expected or not,
   * trust of the forwarded headers that arrive); clientIP is then null, not a guess.
   */
  unknown: string | null;
}

/** True when `ip` is trusted under `t` (hops are handled by the caller). */
export function trusts(t: Trust, ip: string | null): boolean {
  if (t.mode === 'all') return true;
  if (t.mode !== 'cidrs' || !ip) return false;
  return t.cidrs.some((c) => {
    const cidr = parseCidr(c);
    return cidr !== null && cidrContains(cidr, ip);
  });
}

const join = (a: string | null, b: string | null) => [a, b].filter(Boolean).join(', ');

/** The question when this connection's outcome hangs on a setting that is unknown, else null. */
function undecided(s: ProxySettings, input: ProxyInput): string | null {
  const q = s.question ?? 'the proxy settings that decide it are unknown';
  if (s.expectsProxyProtocol === null && !s.proxyProtocolOptional) return q;
  if (input.proxyProtocol && s.expectsProxyProtocol !== false && s.proxyProtocolTrust.mode === 'unknown') return q;
  if (input.xForwardedFor && s.forwardedTrust.mode === 'unknown') return q;
  return null;
}

/** Evaluates one connection through a proxy. */
export function evaluateProxy(s: ProxySettings, input: ProxyInput): ProxyOutcome {
  const question = undecided(s, input);
  if (question)
    return { broken: null, clientIP: null, carrier: s.carrier, trusted: null, headers: {}, unknown: question };
  const pp = input.proxyProtocol;
  let broken: string | null = null;
  if (pp && s.expectsProxyProtocol === false)
    broken =
      'the connection starts with a PROXY header the proxy does not expect: it reads it as a broken request (400)';
  else if (!pp && s.expectsProxyProtocol === true && !s.proxyProtocolOptional)
    broken = 'the proxy expects a PROXY header and none arrives: it rejects the connection ("broken header")';
  // The address the connection is from, after PROXY (when trusted from this peer).
  const ppTrusted = pp !== null && s.expectsProxyProtocol !== false && trusts(s.proxyProtocolTrust, input.peerIP);
  const remote = ppTrusted && pp?.source ? pp.source : input.peerIP;
  let clientIP = remote;
  let carrier: ClientIPCarrier = ppTrusted ? 'proxy-protocol' : 'l3';
  let trusted: boolean | null = ppTrusted ? s.proxyProtocolTrust.mode !== 'all' : null;
  const xff = input.xForwardedFor;
  if (xff) {
    const list = xff
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
    if (s.forwardedTrust.mode === 'hops' && s.forwardedTrust.hops > 0) {
      // Envoy: with N trusted hops the client is the Nth address from the right of XFF (peer appended first).
      const chain = [...list, remote ?? ''];
      const pick = chain[chain.length - 1 - s.forwardedTrust.hops];
      if (pick) {
        clientIP = pick;
        carrier = 'x-forwarded-for';
        trusted = true;
      }
    } else if (trusts(s.forwardedTrust, remote)) {
      // nginx realip / Kong / Traefik: the last address not itself trusted (real_ip_recursive).
      let pick = list[list.length - 1];
      for (let i = list.length - 1; i >= 0; i--) {
        pick = list[i];
        if (!trusts(s.forwardedTrust, list[i])) break;
      }
      clientIP = pick ?? remote;
      carrier = 'x-forwarded-for';
      trusted = s.forwardedTrust.mode !== 'all';
    }
  }
  const headers: Record<string, string> = {};
  if (s.envoy) {
    // use_remote_address: Envoy appends the connection's address and names the trusted client.
    headers['x-forwarded-for'] = join(xff, remote);
    if (clientIP) headers['x-envoy-external-address'] = clientIP;
  } else {
    const passOn = xff && carrier === 'x-forwarded-for' ? xff : null;
    headers['x-forwarded-for'] = join(passOn, passOn ? remote : clientIP);
    if (clientIP) headers['x-real-ip'] = clientIP;
  }
  if (trusted === null && s.forwardedTrust.mode === 'all') trusted = false;
  // Whom it believes for X-Forwarded-For is unknown: whether a client could choose its address is unknown too.
  const spoofable = s.forwardedTrust.mode === 'unknown' ? null : (trusted ?? (carrier === 'l3' ? null : true));
  return { broken, clientIP, carrier, trusted: spoofable, headers, unknown: null };
}
