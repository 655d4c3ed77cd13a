// Types of dockerfile.mjs (plain JavaScript so that image-server.mjs runs with node alone).

/** What the final stage of the Dockerfile runs. */
export interface FinalStage {
  /** The base image of the final stage. */
  image: string;
  workdir: string;
  env: Record<string, string>;
  /** "uid:gid". */
  user: string;
  entrypoint: string[];
  cmd: string[];
  /** COPY --from lines: build-stage path → path in the image (relative to workdir). */
  copies: { from: string; to: string }[];
  /** WORKDIR of the stage the files are copied from. */
  buildWorkdir: string;
}

export function finalStage(text: string): FinalStage;
