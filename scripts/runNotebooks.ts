/**
 * Executes every notebook in notebooks/ on the project's Deno kernel (`npm run notebooks`), the way
 * CI does: `jupyter nbconvert --execute` into out/notebooks/, never over the committed files. Fails
 * when a committed notebook carries outputs or another kernel, when a cell throws, or when Jupyter
 * is missing; prints each notebook's time.
 *
 * Usage: `npm run notebooks [-- name.ipynb …]` (default: all of them).
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, delimiter, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..');
const NOTEBOOKS = join(ROOT, 'notebooks');
const OUT = join(ROOT, 'out', 'notebooks');
const KERNEL = 'deno-proj';
/** Seconds a single cell may run before nbconvert gives up on it. */
const CELL_TIMEOUT = 600;

interface Notebook {
  readonly metadata?: { readonly kernelspec?: { readonly name?: string } };
  readonly cells: readonly {
    readonly cell_type: string;
    readonly outputs?: unknown[];
    readonly execution_count?: unknown;
  }[];
}

/** What is wrong with a committed notebook (outputs left in it, another kernel), or undefined. */
function problemOf(file: string): string | undefined {
  let notebook: Notebook;
  try {
    notebook = JSON.parse(readFileSync(file, 'utf8')) as Notebook;
  } catch (error) {
    return `not a notebook: ${error instanceof Error ? error.message : String(error)}`;
  }
  const kernel = notebook.metadata?.kernelspec?.name;
  if (kernel !== KERNEL) return `kernelspec.name is ${JSON.stringify(kernel)}; expected "${KERNEL}"`;
  const run = notebook.cells.findIndex(
    (cell) => cell.cell_type === 'code' && ((cell.outputs?.length ?? 0) > 0 || (cell.execution_count ?? null) !== null),
  );
  if (run >= 0) return `cell ${run} holds outputs; commit notebooks without them (Jupyter: Edit → Clear All Outputs)`;
  return undefined;
}

function main(args: readonly string[]): number {
  const all = readdirSync(NOTEBOOKS)
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  const chosen = args.length === 0 ? all : args.map((a) => basename(a));
  const unknown = chosen.filter((f) => !all.includes(f));
  if (unknown.length > 0) {
    console.error(`no such notebook in notebooks/: ${unknown.join(', ')}; there are: ${all.join(', ')}`);
    return 2;
  }
  if (chosen.length === 0) {
    console.error('no notebooks found in notebooks/');
    return 1;
  }
  const jupyter = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (jupyter.status !== 0) {
    console.error(
      'jupyter nbconvert is not installed. On Debian: apt-get install jupyter-client jupyter-core ' +
        'python3-nbconvert python3-nbclient jupyter-nbconvert python3-ipykernel',
    );
    return 1;
  }
  mkdirSync(OUT, { recursive: true });
  const env = {
    ...process.env,
    // The project's kernelspec (.jupyter/kernels/deno-proj) runs node_modules' deno.
    JUPYTER_PATH: [join(ROOT, '.jupyter'), process.env['JUPYTER_PATH']].filter(Boolean).join(delimiter),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
  };
  let failed = 0;
  for (const name of chosen) {
    const file = join(NOTEBOOKS, name);
    const problem = problemOf(file);
    if (problem !== undefined) {
      console.log(`${name}: FAILED: ${problem}`);
      failed++;
      continue;
    }
    const started = performance.now();
    const result = spawnSync(
      'jupyter',
      [
        'nbconvert',
        '--to',
        'notebook',
        '--execute',
        `--ExecutePreprocessor.timeout=${CELL_TIMEOUT}`,
        '--output-dir',
        OUT,
        file,
      ],
      { cwd: ROOT, env, encoding: 'utf8' },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.status === 0) {
      console.log(`${name}: ok in ${seconds} s`);
    } else {
      console.log(`${name}: FAILED after ${seconds} s`);
      console.log(result.stderr || result.error?.message || `exit code ${result.status}`);
      failed++;
    }
  }
  console.log(
    `notebooks: ${chosen.length - failed} passed, ${failed} failed (executed copies in ${join('out', 'notebooks')}/)`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
