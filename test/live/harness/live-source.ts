// The in-process live source (lib/live) behind one small interface, so the tests read the same way
// whatever the shape of lib/live's API. This is the only file that imports lib/live.
import type { AnalysisResult } from '../../../lib/engine/types';
import { connect } from '../../../lib/live/kube-transport';
import { LiveSource } from '../../../lib/live/live-source';
import { waitFor } from './wait';

/** The live source's status, as the tests need it. */
export interface LiveStatusView {
  /** e.g. `syncing`, `synced`, `reconnecting`, `error`. */
  state: string;
  /** Human-readable text the UI shows (must name the context and server during an outage). */
  message: string;
  /** Kinds the credentials cannot read (403), e.g. ['NetworkPolicy']. */
  unavailableKinds: string[];
  /** When the data was last known to be complete and current (ms since epoch), or null. */
  lastSyncAt: number | null;
  /** The raw status object, for failure messages. */
  raw: unknown;
}

/** A running in-process live source. */
export interface LiveHandle {
  analysis(): Promise<AnalysisResult>;
  /** What the model holds of the front doors: `Kind ns/name` routes, GatewayClass names, ConfigMap keys. */
  model(): Promise<{ routes: string[]; gatewayClasses: string[]; configMaps: string[] }>;
  /** Ids of the open streams (one per kind, one per ConfigMap read by name). */
  streams(): string[];
  status(): LiveStatusView;
  waitSynced(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts lib/live's source on a kubeconfig (its current context unless one is given). */
export async function startLive(o: { kubeconfig: string; context?: string }): Promise<LiveHandle> {
  const source = new LiveSource({
    transport: async () => (await connect({ kubeconfig: o.kubeconfig, context: o.context ?? null })).transport,
    context: o.context ?? o.kubeconfig,
    log: () => {},
  });
  await source.start();
  const status = (): LiveStatusView => {
    const s = source.status();
    return {
      state: s.state,
      message: s.error ?? '',
      unavailableKinds: Object.keys(s.unavailable).sort(),
      lastSyncAt: s.syncedAt ? Date.parse(s.syncedAt) : null,
      raw: s,
    };
  };
  return {
    analysis: async () => (await source.current()).analysis,
    model: async () => {
      const m = (await source.current()).model;
      const fd = m.frontDoor;
      return {
        routes: (fd?.routes ?? []).map((r) => `${r.kind} ${r.key}`).sort(),
        gatewayClasses: [...(fd?.gatewayClasses.keys() ?? [])].sort(),
        configMaps: [...m.configMaps.keys()].sort(),
      };
    },
    streams: () => source.status().streams.map((s) => s.id),
    status,
    waitSynced: async (timeoutMs) => {
      await waitFor(
        'the live source to be synced',
        async () => ({
          ok: status().state === 'synced' && source.currentVersion > 0,
          seen: JSON.stringify(status().raw),
        }),
        { timeoutMs },
      );
    },
    close: async () => source.stop(),
  };
}
