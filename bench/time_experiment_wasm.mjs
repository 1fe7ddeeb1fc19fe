// CPU time of one experiment's jobs in the Node WASM build, run one after another on one thread as a
// site worker runs them (issue 19: the lr-sweep's time before and after a kernel change), and a
// digest of every job's result so two builds can be checked for identical numbers.
//   node bench/time_experiment_wasm.mjs [nodeBuildDir] [--id lr-sweep] [--quick] [--text FILE] [--json FILE]
// --text: the training text (default web/public/data/tinyshakespeare.txt, as the site serves it).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../tests/lib/wasm-node.mjs';
import { makeOps, openJob } from '../web/src/engine/ops.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const valued = new Set(['--id', '--text', '--json'].map((o) => opt(o, null)).filter(Boolean));
const dirArg = args.find((a) => !a.startsWith('--') && !valued.has(a));
const id = opt('--id', 'lr-sweep');
const quick = args.includes('--quick');
const textPath = opt('--text', path.join(repoRoot, 'web/public/data/tinyshakespeare.txt'));
const jsonPath = opt('--json', null);

const wasm = await loadNormLabNode(dirArg ? path.resolve(repoRoot, dirArg) : undefined);
const ops = makeOps(wasm);
const text = fs.readFileSync(textPath, 'utf8');
const config = ops.resolveConfig({ id, quick });

// results without the fields that measure time, for the digest
const strip = (v) => {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !/(^|_)(ms|time|seconds|s)$|_ms_|wall|elapsed/.test(k))
        .map(([k, x]) => [k, strip(x)]),
    );
  return v;
};

const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const jobs = [];
for (const j of ops.plan({ id, config })) {
  const handle = openJob(wasm, { experiment: id, config, variant: j.variant, seed: j.seed }, text);
  const points = [];
  while (!handle.finished()) points.push(strip(handle.advance(50)));
  jobs.push({ variant: j.variant, seed: j.seed, points, result: strip(handle.result()) });
  handle.close();
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const digest = crypto.createHash('sha256').update(JSON.stringify(jobs)).digest('hex').slice(0, 16);
const out = {
  id,
  quick,
  jobs: jobs.length,
  wall_s: wall,
  cpu_s: (cpu.user + cpu.system) / 1e6,
  load_before: load,
  load_after: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  results_digest: digest,
};
console.log(JSON.stringify(out));
if (jsonPath) fs.writeFileSync(jsonPath, `${JSON.stringify({ ...out, results: jobs }, null, 1)}\n`);
