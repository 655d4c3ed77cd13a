// The dashboard's production server in live mode (KUBEPATH_SOURCE=live) and a reader for its
// server-sent events (/api/events). Needs `next build` (scripts/test-live.sh runs it when stale).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './controlplane';
import { waitFor } from './wait';
import { freePort } from '../../support/free-port';

/** A running dashboard. */
export interface Dashboard {
  url: string;
  /** Server output so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the production server as users do (`scripts/demo.mjs --no-build`, the standalone server) on
 * 127.0.0.1 with the live source on a kubeconfig; resolves once /api/analysis answers 200.
 */
export async function startDashboard(
  o: { kubeconfig: string; context?: string } | { inCluster: Record<string, string> },
): Promise<Dashboard> {
  if (!existsSync(join(REPO_ROOT, '.next', 'BUILD_ID')))
    throw new Error('no production build (.next/BUILD_ID): run `npx next build` or bash scripts/test-live.sh');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBEPATH_SOURCE: 'live',
    KUBEPATH_SNAPSHOT: '',
    KUBEPATH_HOST: '127.0.0.1',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  if ('inCluster' in o) {
    // As in a pod: no source configured, no kubeconfig; the service account env and files decide.
    delete env.KUBEPATH_SOURCE;
    delete env.KUBECONFIG;
    delete env.KUBEPATH_KUBECONFIG;
    Object.assign(env, o.inCluster);
  } else {
    env.KUBECONFIG = o.kubeconfig;
    if (o.context) env.KUBEPATH_CONTEXT = o.context;
  }
  // Its own process group: stopping it stops the server process demo.mjs starts, too.
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'demo.mjs'), '--no-build', '--port', String(port)],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // Already gone.
    }
  };
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      'the dashboard to answer /api/analysis',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`the dashboard server exited ${child.exitCode}: ${out.slice(-2000)}`);
        const res = await fetch(`${url}/api/analysis`);
        return { ok: res.status === 200, seen: `HTTP ${res.status}` };
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, output: () => out, stop };
}

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  /** Date.now() when it arrived. */
  at: number;
}

/** A subscription to /api/events that keeps every event it receives. */
export interface EventStream {
  events: SseEvent[];
  /** Waits for the first event from index `from` on that satisfies `pred`. */
  waitFor(
    what: string,
    pred: (e: SseEvent) => boolean,
    opts?: { from?: number; timeoutMs?: number },
  ): Promise<SseEvent>;
  close(): void;
}

/** Opens `GET /api/events` and parses the stream (event/data fields, blank-line separated). */
export async function openEvents(url: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/events`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (res.status !== 200 || !res.body) throw new Error(`GET /api/events: HTTP ${res.status}`);
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('text/event-stream'))
    throw new Error(`GET /api/events: content-type ${type}, not text/event-stream`);
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body.getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const v = rest.join(':').replace(/^ /, '');
            if (field === 'event') event = v;
            else if (field === 'data') data.push(v);
          }
          if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n'), at: Date.now() });
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    async waitFor(what, pred, opts = {}) {
      const from = opts.from ?? 0;
      const { value } = await waitFor<SseEvent>(
        `SSE event: ${what}`,
        async () => {
          const hit = events.slice(from).find(pred);
          return {
            ok: !!hit,
            value: hit,
            seen: `${events.length - from} events since #${from}: ${events
              .slice(-3)
              .map((e) => `${e.event} ${e.data.slice(0, 160)}`)
              .join(' | ')}`,
          };
        },
        { timeoutMs: opts.timeoutMs ?? 30_000, intervalMs: 100 },
      );
      return value;
    },
    close: () => controller.abort(),
  };
}
