// Reads what the final stage of kubepath's Dockerfile runs: WORKDIR, ENV, USER, ENTRYPOINT/CMD and the
// COPY --from lines, plus the WORKDIR of the stage those copy from. Only the instruction forms the
// Dockerfile uses are understood; anything else in the final stage is an error (so the emulation in
// image-server.mjs cannot silently diverge from the image).

/** Logical instructions: comments dropped, `\` continuations joined. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1) + ' ';
      continue;
    }
    current += line;
    const m = /^(\w+)\s+([\s\S]*)$/.exec(current);
    if (!m) throw new Error(`Dockerfile: cannot read "${current}"`);
    out.push({ op: m[1].toUpperCase(), args: m[2].trim() });
    current = '';
  }
  return out;
}

/** `K=V K2="V 2"` pairs of an ENV instruction. */
function envPairs(args) {
  const env = {};
  const re = /([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g;
  let m;
  while ((m = re.exec(args))) env[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
  if (Object.keys(env).length === 0) throw new Error(`Dockerfile: ENV ${args} is not in KEY=value form`);
  return env;
}

/** The exec (JSON array) form only: the shell form would need a shell, which the image does not have. */
function execForm(op, args) {
  const value = JSON.parse(args);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
    throw new Error(`Dockerfile: ${op} must be a JSON array of strings`);
  return value;
}

export function finalStage(text) {
  const stages = [];
  for (const ins of instructions(text)) {
    if (ins.op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      stages.push({ image: m[1], name: m?.[2] ?? null, ins: [] });
    } else if (stages.length) stages.at(-1).ins.push(ins);
  }
  const last = stages.at(-1);
  if (!last) throw new Error('Dockerfile: no FROM');
  const stage = {
    image: last.image,
    workdir: '/',
    env: {},
    user: '0:0',
    entrypoint: [],
    cmd: [],
    copies: [],
    buildWorkdir: null,
  };
  let from = null;
  for (const { op, args } of last.ins) {
    if (op === 'WORKDIR') stage.workdir = args;
    else if (op === 'ENV') Object.assign(stage.env, envPairs(args));
    else if (op === 'USER') stage.user = args.includes(':') ? args : `${args}:${args}`;
    else if (op === 'ENTRYPOINT') stage.entrypoint = execForm(op, args);
    else if (op === 'CMD') stage.cmd = execForm(op, args);
    else if (op === 'EXPOSE') continue;
    else if (op === 'COPY') {
      const parts = args.split(/\s+/);
      const flags = parts.filter((p) => p.startsWith('--'));
      const paths = parts.filter((p) => !p.startsWith('--'));
      const fromFlag = flags.find((f) => f.startsWith('--from='));
      if (!fromFlag || paths.length !== 2) throw new Error(`Dockerfile: COPY ${args}: expected --from=STAGE SRC DST`);
      if (from && from !== fromFlag.slice(7)) throw new Error('Dockerfile: the final stage copies from two stages');
      from = fromFlag.slice(7);
      stage.copies.push({ from: paths[0], to: paths[1] });
    } else throw new Error(`Dockerfile: the final stage has ${op}, which image-server.mjs does not emulate`);
  }
  // The WORKDIR of the stage the files come from, following FROM <stage> chains.
  let source = stages.find((s) => s.name === from);
  while (source && stage.buildWorkdir === null) {
    const wd = source.ins.filter((i) => i.op === 'WORKDIR').at(-1);
    if (wd) stage.buildWorkdir = wd.args;
    else source = stages.find((s) => s.name === source.image);
  }
  if (!stage.buildWorkdir) throw new Error(`Dockerfile: no WORKDIR in the stage ${from} the final stage copies from`);
  return stage;
}
