/**
 * `npm run fuzz [inputs per parser] [seed]`: the long fuzz run (default 420 inputs for each of the
 * 25 parsers, 10,500 in all). Prints `N inputs, E escapes` and each escape; exits 1 on any.
 */
import { fuzz } from './fuzzRun.ts';

const perTarget = Number(process.argv[2] ?? 420);
const seed = Number(process.argv[3] ?? 20_261_203);
const summary = fuzz(perTarget, seed, (name) => process.stderr.write(`fuzzing ${name}\n`));
for (const e of summary.escapes)
  process.stdout.write(`ESCAPE ${e.target}: ${e.why}\n  input: ${JSON.stringify(e.input.slice(0, 500))}\n`);
process.stdout.write(
  `${summary.inputs} inputs, ${summary.escapes.length} escapes (${summary.ran} ran, ${summary.rejected} rejected; seed ${seed})\n`,
);
process.exitCode = summary.escapes.length === 0 ? 0 : 1;
