// Model warnings as lines for people: the CLI's stderr, the dashboard's notices. A warning that says the same
// thing about many objects is one line naming the first few and how many more: a snapshot without
// EndpointSlices (`kubectl get endpoints` instead of `endpointslices`) warns once per Service, 10,000 lines at
// Kubernetes' limits, which hid every other warning. `--json` and the API keep each warning as it is.
import type { ModelWarning } from './cluster';

/** Objects a grouped line names before "and N more". */
export const GROUP_SAMPLES = 3;

/** One warning as a line: `Kind namespace/name: message`. */
export function formatModelWarning(w: ModelWarning): string {
  return `${w.kind}${w.object ? ` ${w.object}` : ''}: ${w.message}`;
}

/**
 * The warnings as lines, those of one kind with the same message grouped (in the order each group first
 * appears); at most `maxLines`, then a line saying how many warnings were left out.
 */
export function warningLines(warnings: readonly ModelWarning[], maxLines = Infinity): string[] {
  const groups = new Map<string, ModelWarning[]>();
  for (const w of warnings) {
    const key = `${w.kind}\u0000${w.message}`;
    const group = groups.get(key);
    if (group) group.push(w);
    else groups.set(key, [w]);
  }
  const lines: string[] = [];
  let listed = 0;
  for (const group of groups.values()) {
    if (lines.length === maxLines) break;
    lines.push(groupLine(group));
    listed += group.length;
  }
  if (listed < warnings.length) lines.push(`… and ${warnings.length - listed} more warnings.`);
  return lines;
}

function groupLine(group: ModelWarning[]): string {
  if (group.length === 1) return formatModelWarning(group[0]);
  const { kind, message } = group[0];
  const named = group.filter((w) => w.object).map((w) => w.object);
  if (named.length === 0) return `${kind}: ${message} (${group.length} times)`;
  const samples = named.slice(0, GROUP_SAMPLES).join(', ');
  const more = group.length - Math.min(named.length, GROUP_SAMPLES);
  return `${kind} ${samples}${more > 0 ? ` and ${more} more` : ''}: ${message}`;
}
