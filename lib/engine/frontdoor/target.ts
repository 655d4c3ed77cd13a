// The `--to` forms beyond an address: `lb:NS/NAME[:PORT]` (a Service's load balancer) and `ingress:NS/NAME`
// (an Ingress's cloud L7 LB). Kept free of imports so the CLI's argument parser can use it without loading
// the front-door engine (`kubepath --version` and `--help` stay cheap).

/** Where `--to` points beyond an address: a Service's load balancer or an Ingress's cloud L7 LB. */
export type FrontDoorTarget =
  { kind: 'lb'; service: string; port: number | null } | { kind: 'ingress'; ingress: string };

/** Parses `lb:NS/NAME[:PORT]` or `ingress:NS/NAME`; null when the text is neither. */
export function parseFrontDoorTarget(text: string): FrontDoorTarget | null {
  const lb = /^lb:([^/\s:]+)\/([^/\s:]+)(?::(\d+))?$/.exec(text.trim());
  if (lb) return { kind: 'lb', service: `${lb[1]}/${lb[2]}`, port: lb[3] ? Number(lb[3]) : null };
  const ing = /^ingress:([^/\s:]+)\/([^/\s:]+)$/.exec(text.trim());
  if (ing) return { kind: 'ingress', ingress: `${ing[1]}/${ing[2]}` };
  return null;
}
