// The sizes of files /local reads in the browser (no imports: the e2e tests read them too).

/**
 * Largest file read in the browser as one text. Larger ones are read and parsed a part at a time, their pods and
 * nodes without the fields nothing reads: a kubectl-style file of the scale limits (1.5 GiB) then holds ≈ 0.7 GiB.
 */
export const LOCAL_TEXT_BYTES = 256 * 1024 * 1024;
/** Largest file read in the browser (bytes); beyond it the tab would run out of memory first. */
export const MAX_LOCAL_FILE_BYTES = 2 * 1024 * 1024 * 1024;
/**
 * Heap a YAML file's whole parse may need in the browser (lib/snapshot/yaml-size.ts: ≈ 46 bytes per character, so YAML
 * up to ≈ 46 MB): the worker shares the tab's process, and Chromium aborts the tab when a worker's heap runs out. A
 * larger YAML list (`kubectl get … -o yaml`) is parsed a part at a time (lib/snapshot/yaml-list.ts); other YAML that
 * large is an error.
 */
export const LOCAL_YAML_HEAP_BYTES = 2 * 1024 * 1024 * 1024;
