// Command-line parsing for `kubepath`. Pure: turns argv into a typed command or a usage error.
import { parseFrontDoorTarget, type FrontDoorTarget } from '../lib/engine/frontdoor/target';
import { isIP } from '../lib/net/ip';
import type { Protocol } from '../lib/model/cluster';
import { parseSourceInput, type SourceInput } from '../lib/engine/source-input';
import type { Severity, TrafficPolicy } from '../lib/engine/types';

/** Where the CLI reads the cluster from. */
export interface SourceArgs {
  files: string[];
  /** --live: the live cluster in kubectl's order ($KUBECONFIG, ~/.kube/config, in-cluster service account). */
  live: boolean;
  context: string | null;
  kubeconfig: string | null;
}

/** `kubepath analyze`. */
export interface AnalyzeCommand extends SourceArgs {
  command: 'analyze';
  json: boolean;
  /** --pretty: indent the JSON even when it goes to a file or a pipe (a terminal always gets it indented). */
  pretty: boolean;
  failOn: Severity | null;
  /** --allow-partial: let --fail-on pass on a reading that missed kinds or objects (else exit 2). */
  allowPartial: boolean;
}

/** The `--from` of a trace, before it is resolved against the cluster. */
export type FromArg = SourceInput;

/** `kubepath trace`. */
export interface TraceCommand extends SourceArgs {
  command: 'trace';
  json: boolean;
  /** As AnalyzeCommand's. */
  pretty: boolean;
  from: FromArg;
  to: { ip: string; port: number; protocol: Protocol };
  /** `lb:NS/NAME[:PORT]` or `ingress:NS/NAME`; `to` is then a placeholder. */
  target: FrontDoorTarget | null;
  host: string | null;
  path: string | null;
  atNode: string | null;
  policy: TrafficPolicy | null;
}

/** A parsed command line. */
export type Command = AnalyzeCommand | TraceCommand | { command: 'help' } | { command: 'version' };

/** A command-line mistake; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {}

/** Usage text printed by `kubepath help` and on usage errors. */
export const USAGE = `kubepath — where does a client's packet go in Kubernetes, and which source IP does the pod see?

Usage:
  kubepath analyze -f SNAPSHOT [-f MORE…] [--json [--pretty]] [--fail-on warning|error [--allow-partial]]
  kubepath trace   -f SNAPSHOT --from SOURCE --to IP:PORT[/tcp|udp|sctp]|lb:NS/NAME[:PORT]|ingress:NS/NAME
                   [--host HOST [--path PATH]] [--at-node NODE] [--policy Cluster|Local] [--json [--pretty]]
  (instead of -f SNAPSHOT, read a live cluster: --live, --context CTX and/or --kubeconfig FILE)

  -f, --file PATH      snapshot: kubectl get … -o json/yaml output, or a directory of such files (repeatable)
  --live               read the live cluster (one paged LIST of each kind, no watch): $KUBECONFIG,
                       ~/.kube/config, else the in-cluster service account (in a pod: a CronJob, a CI job)
  --context CTX        read the live cluster of this kubeconfig context
  --kubeconfig FILE    kubeconfig to use (default: $KUBECONFIG, ~/.kube/config, else the in-cluster service account);
                       without --context its current context is used
  --json               machine-readable output (the stable format documented in the README): one line of
                       JSON to a file or a pipe, indented at a terminal
  --pretty             with --json: indent it (2 spaces) wherever it goes
  --fail-on LEVEL      exit 1 when a finding of this severity or worse exists (warning|error); fails closed:
                       exit 2 when the reading is partial (a kind forbidden or not served, no Services read,
                       malformed objects left out), since what was not read was not checked
  --allow-partial      with --fail-on: judge a partial reading by what was read (the gaps are still printed)
  --from SOURCE        an IP address (outside client unless the snapshot knows it as a pod or node address),
                       pod:NAMESPACE/NAME, node:NAME (host-network process) or localhost (127.0.0.1 on --at-node)
  --to IP:PORT[/PROTO] a Service address, a NodePort on a node address, a pod IP or an outside address
                       (IPv6 as [fd00::1]:80/tcp); lb:NAMESPACE/NAME[:PORT] (through that Service's load balancer)
                       or ingress:NAMESPACE/NAME (through the Ingress's cloud L7 load balancer or proxy)
  --host HOST          HTTP host: when the packet lands on a proxy, continue through its route to the backend
  --path PATH          HTTP path for --host (default /)
  --at-node NODE       the node the packet arrives at (defaults to the source's own node for in-cluster sources)
  --policy POLICY      override the Service's externalTrafficPolicy (what-if)

A kind the live cluster does not let kubepath read (403) is reported on stderr and its answers are unknown.

Exit codes: 0 ok, 1 findings reached --fail-on, 2 bad input or usage, the API server cannot be reached,
or --fail-on on a partial reading without --allow-partial.`;

function parseTo(value: string): TraceCommand['to'] {
  const m = /^(?:\[([^\]]+)\]|([^:/\s]+)):(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--to "${value}" is not IP:PORT[/tcp|udp|sctp]`);
  const ip = m[1] ?? m[2];
  if (!isIP(ip)) throw new UsageError(`--to "${value}": "${ip}" is not an IP address`);
  const port = Number(m[3]);
  if (port < 1 || port > 65535) throw new UsageError(`--to "${value}": port must be 1-65535`);
  return { ip, port, protocol: (m[4] ?? 'tcp').toUpperCase() as Protocol };
}

function parseFrom(value: string): FromArg {
  const parsed = parseSourceInput(value);
  if (parsed) return parsed;
  if (value.startsWith('pod:')) throw new UsageError(`--from "${value}": expected pod:NAMESPACE/NAME`);
  if (value.startsWith('node:')) throw new UsageError(`--from "${value}": expected node:NAME`);
  throw new UsageError(`--from "${value}" is not an IP address, pod:NAMESPACE/NAME, node:NAME or localhost`);
}

/** Parses argv (without node and script). Throws UsageError on mistakes. */
export function parseArgs(argv: string[]): Command {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'version' || command === '--version') return { command: 'version' };
  if (command !== 'analyze' && command !== 'trace') throw new UsageError(`unknown command "${command}"`);
  const src: SourceArgs = { files: [], live: false, context: null, kubeconfig: null };
  let json = false;
  let pretty = false;
  let failOn: Severity | null = null;
  let allowPartial = false;
  let from: FromArg | null = null;
  let to: TraceCommand['to'] | null = null;
  let target: FrontDoorTarget | null = null;
  let host: string | null = null;
  let path: string | null = null;
  let atNode: string | null = null;
  let policy: TrafficPolicy | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-f':
      case '--file':
      case '--filename':
        src.files.push(value());
        break;
      case '--live':
        src.live = true;
        break;
      case '--context':
        src.context = value();
        break;
      case '--kubeconfig':
        src.kubeconfig = value();
        break;
      case '--json':
        json = true;
        break;
      case '--pretty':
        pretty = true;
        break;
      case '--fail-on': {
        const v = value();
        if (v !== 'warning' && v !== 'error' && v !== 'info')
          throw new UsageError(`--fail-on must be warning or error, not "${v}"`);
        failOn = v;
        break;
      }
      case '--allow-partial':
        allowPartial = true;
        break;
      case '--from':
        from = parseFrom(value());
        break;
      case '--to': {
        const v = value();
        target = parseFrontDoorTarget(v);
        if (!target && /^(lb|ingress):/.test(v))
          throw new UsageError(`--to "${v}" is not lb:NAMESPACE/NAME[:PORT] or ingress:NAMESPACE/NAME`);
        to = target ? { ip: '0.0.0.0', port: 1, protocol: 'TCP' } : parseTo(v);
        break;
      }
      case '--host':
        host = value();
        break;
      case '--path':
        path = value();
        break;
      case '--at-node':
        atNode = value();
        break;
      case '--policy': {
        const v = value();
        const p = v.toLowerCase() === 'local' ? 'Local' : v.toLowerCase() === 'cluster' ? 'Cluster' : null;
        if (!p) throw new UsageError(`--policy must be Cluster or Local, not "${v}"`);
        policy = p;
        break;
      }
      default:
        throw new UsageError(`unknown option "${arg}"`);
    }
  }
  const live = src.live || src.context !== null || src.kubeconfig !== null;
  if (src.files.length === 0 && !live)
    throw new UsageError('give a snapshot with -f PATH, or a live cluster with --live / --context / --kubeconfig');
  if (src.files.length > 0 && live)
    throw new UsageError('-f reads a snapshot, --live/--context/--kubeconfig a live cluster: give one or the other');
  src.live = live;
  if (pretty && !json) throw new UsageError('--pretty indents the --json output: give --json too');
  if (command === 'analyze') return { command, ...src, json, pretty, failOn, allowPartial };
  if (!from) throw new UsageError('trace needs --from SOURCE');
  if (!to) throw new UsageError('trace needs --to IP:PORT[/PROTO]');
  // An ingress: target has its own default host (the Ingress's first); elsewhere a path needs a host.
  if (path !== null && host === null && target?.kind !== 'ingress')
    throw new UsageError('--path needs --host (the HTTP host whose route the path selects)');
  return { command, ...src, json, pretty, from, to, target, host, path, atNode, policy };
}
