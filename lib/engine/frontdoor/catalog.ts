// The source-IP catalog (../shared/reference/source-ip-catalog.md, trimmed to catalog.json by
// scripts/frontdoor-catalog.mjs): load-balancer and proxy entries with their detection rules (§0 "How to
// read": rules are alternatives, conditions of one rule must all hold, entries are evaluated in ascending
// priority, first match wins), effects on the source address and PROXY-protocol switches.
import raw from './catalog.json';

/** One detection rule or `enabledWhen` / `overrides.when` condition set (catalog §0 condition keys). */
export type CatalogCondition = Record<string, unknown>;

/** A catalog entry (load balancer or proxy). */
export interface CatalogEntry {
  id: string;
  kind: 'loadbalancer' | 'proxy';
  name: string;
  layer: string | null;
  priority: number;
  rules: CatalogCondition[];
  preservesClientIP: {
    toTarget: string | null;
    cluster: string;
    local: string;
    overrides: { when: CatalogCondition; set: Record<string, string> }[];
  };
  sendsTo: string;
  healthCheckNodePort: boolean | null;
  proxyProtocol: { supported: boolean | string | null; version: string | null; enabledWhen: CatalogCondition[] };
  clientIPCarriers: string[];
  confidence: string | null;
  sources: string[];
}

/** Every entry, in file order. */
export const CATALOG: readonly CatalogEntry[] = raw as CatalogEntry[];

const byId = new Map(CATALOG.map((e) => [e.id, e]));

/** The entry with this id (throws for a typo: ids are constants of the code). */
export function catalogEntry(id: string): CatalogEntry {
  const e = byId.get(id);
  if (!e) throw new Error(`no catalog entry ${id}`);
  return e;
}

/** Entries of one kind in evaluation order (ascending priority, then file order). */
export function entriesOfKind(kind: CatalogEntry['kind']): CatalogEntry[] {
  return CATALOG.filter((e) => e.kind === kind)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.priority - b.e.priority || a.i - b.i)
    .map((x) => x.e);
}

/** The first source of an entry, cited as the rule's source. */
export function citeEntry(e: CatalogEntry): string {
  return `../shared/reference/source-ip-catalog.md §${e.kind === 'proxy' ? 4 : 3} ${e.id} (${e.sources[0] ?? 'no source'})`;
}
