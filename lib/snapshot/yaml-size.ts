// How much memory a YAML snapshot needs to parse. The `yaml` package (lib/snapshot/parse.ts parseYaml) builds a
// node for every key, scalar and collection, with its source range, before the values exist: ≈ 46 bytes of heap
// for each character of kubectl's YAML (the benchmark's cluster as kubectl writes it: 16 MB of YAML → 707 MiB of
// heap, 81 MB → 3.5 GiB and 60 s; the same cluster's JSON 2–3 bytes per byte). Past the heap limit V8 aborts the
// process with no word of which file, so a YAML text whose estimate does not fit is not parsed whole: a list is
// parsed a part at a time (lib/snapshot/yaml-list.ts), anything else is an error before it is parsed. Pure.

/** Heap bytes per character of YAML text, measured (above). */
export const YAML_HEAP_PER_CHAR = 46;

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1);

/**
 * Why a YAML text of `chars` characters is not parsed where `budget` bytes of heap are available (null when it fits):
 * `where` names that budget, `instead` says what else to do there.
 */
export function yamlTooLarge(chars: number, budget: number, where: string, instead: string): string | null {
  const need = chars * YAML_HEAP_PER_CHAR;
  if (need <= budget) return null;
  return `YAML this large needs about ${gib(need)} GiB of memory to parse (${YAML_HEAP_PER_CHAR} bytes for each character), more than ${where} (${gib(budget)} GiB): write the snapshot as JSON (\`kubectl get … -o json\`), which needs a fraction of that, ${instead}`;
}
