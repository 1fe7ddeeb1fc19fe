// The per-op step profile of the WASM build under Node (bench/profile/step_profile.h through the
// Node-only binding profileSteps): the same table as the native normlab_profile.
//   node bench/profile_wasm.mjs [nodeBuildDir] [--steps N] [--models a,b] [--json FILE]
import fs from 'node:fs';
import path from 'node:path';
import { loadNormLabNode, repoRoot } from '../tests/lib/wasm-node.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const optionValues = new Set(['--steps', '--models', '--json'].map((o) => opt(o, null)).filter(Boolean));
const dirArg = args.find((a) => !a.startsWith('--') && !optionValues.has(a));
const steps = Number(opt('--steps', '20'));
const models = opt('--models', 'mlp12x256,charlm_4x64,charlm_2x256,cnn16');
const jsonPath = opt('--json', null);

const mod = await loadNormLabNode(dirArg ? path.resolve(repoRoot, dirArg) : undefined);
const ref = mod.gemmReferenceGflops(300);
console.log(`GEMM reference 64x256x256 (nt): ${ref.toFixed(2)} GFLOP/s`);
const r = mod.profileSteps(models, steps, ref);
if (r.error) throw new Error(`profileSteps: ${r.error}`);
console.log(r.text);
if (jsonPath) fs.writeFileSync(jsonPath, `${JSON.stringify(JSON.parse(r.json), null, 1)}\n`);
