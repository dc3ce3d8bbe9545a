import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'clustersim-pack-'));
const consumer = join(work, 'consumer');
/** The repository's deno (the `deno` dev dependency); under CI its test fails rather than skips without it. */
const DENO = join(ROOT, 'node_modules', '.bin', 'deno');
const skipDeno = !existsSync(DENO) && process.env['CI'] === undefined;

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, [...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}

// Packs the library as npm would publish it, and installs the tarball into a new project that has
// nothing of this repository but the tarball.
beforeAll(() => {
  run('npm', ['pack', '--pack-destination', work], ROOT);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${work}`);
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      join(work, tarball),
      'typescript@7.0.2',
      '@types/node@20.19.43',
    ],
    consumer,
  );
}, 300_000);

const SCENARIO = `{
  horizon: '1h',
  topology: { machines: [{ class: 'std', count: 4, resources: { cpus: 8, mem: 32768 } }] },
  allocator: { policy: 'drf' },
  frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
  workloads: [{ generator: 'batch-jobs', framework: 'batch', options: {
    arrivals: { process: 'periodic', every: '5m' }, tasks: 8, resources: { cpus: 1, mem: 1024 }, duration: '10m' } }],
}`;

describe('the packed library, installed into a fresh project', () => {
  it('ships the built JavaScript, types and data, and no tests, benches or sources', () => {
    const listing = run(
      'tar',
      ['-tzf', join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) as string)],
      work,
    ).split('\n');
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    expect(listing).toContain('package/schema/run-report.schema.json');
    expect(listing).toContain('package/examples/day-night.json');
    expect(listing).toContain('package/LICENSE');
    expect(listing.filter((f) => /^package\/(test|bench|src|\.ci)\//.test(f))).toEqual([]);
  });

  it('is imported by a plain node .mjs script, which runs a scenario and a fast-check property', () => {
    writeFileSync(
      join(consumer, 'run.mjs'),
      `import { runSimulation, compare } from 'clustersim';
import { createMesosAllocator } from 'clustersim/policies';
import { fillingProblemArb } from 'clustersim/testing';
import fc from 'fast-check';
const report = runSimulation(${SCENARIO}, { wallClock: false });
const allocator = createMesosAllocator({ allocationInterval: 1 });
allocator.addAgent('a1', { resources: { cpus: 4, mem: 4096 } });
allocator.addFramework('f', { roles: ['r'] });
allocator.advance(0);
const samples = fc.sample(fillingProblemArb, { numRuns: 3, seed: 1 });
console.log(JSON.stringify({ cpus: report.utilization.allocated.cpus, offers: allocator.offers().length, samples: samples.length, compare: typeof compare }));
`,
    );
    const out = JSON.parse(run(process.execPath, ['run.mjs'], consumer)) as Record<string, unknown>;
    // 8 one-cpu tasks of 10 minutes every 5 minutes on 32 cpus: 8 busy for the first 5 minutes, 16 after.
    expect(out['cpus']).toBeCloseTo((8 * 300 + 16 * 3300) / (32 * 3600), 9);
    expect(out).toMatchObject({ offers: 1, samples: 3, compare: 'function' });
  });

  it("type-checks a TypeScript file importing it with the consumer's own tsc", () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['main.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'main.ts'),
      `import { runSimulation, type RunReport, type ScenarioInput } from 'clustersim';
import { createDrfSorter } from 'clustersim/policies';
import { drfOrderViolation } from 'clustersim/testing';
const scenario: ScenarioInput = ${SCENARIO};
const report: RunReport = runSimulation(scenario);
const share: number | undefined = report.utilization.allocated['cpus'];
console.log(share, createDrfSorter, drfOrderViolation);
`,
    );
    expect(() => run(join(consumer, 'node_modules', '.bin', 'tsc'), ['-p', '.'], consumer)).not.toThrow();
    writeFileSync(
      join(consumer, 'bad.ts'),
      `import { runSimulation } from 'clustersim';\nconst n: string = runSimulation;\n`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.bad.json'),
      JSON.stringify({ extends: './tsconfig.json', include: ['bad.ts'] }),
    );
    // …and the same tsc does report a type error against the library's types.
    let output = '';
    try {
      run(join(consumer, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bad.json'], consumer);
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/bad\.ts\(2,7\): error TS2322/);
  });

  it.skipIf(skipDeno)('is imported by Deno with npm: specifiers, type-checked against its types and run', () => {
    writeFileSync(
      join(consumer, 'deno.ts'),
      `import { runSimulation, type ScenarioInput } from 'npm:clustersim';
import { createMesosAllocator } from 'npm:clustersim/policies';
const scenario: ScenarioInput = ${SCENARIO};
const report = runSimulation(scenario, { wallClock: false });
const allocator = createMesosAllocator({ allocationInterval: 1 });
allocator.addAgent('a1', { resources: { cpus: 4, mem: 4096 } });
allocator.addFramework('f', { roles: ['r'] });
allocator.advance(0);
console.log(JSON.stringify({ cpus: report.utilization.allocated['cpus'], offers: allocator.offers().length }));
`,
    );
    // A DENO_DIR of its own: the npm: specifiers resolve from the consumer's node_modules, and
    // --cached-only proves nothing is fetched.
    const env = { DENO_DIR: join(work, 'deno-dir'), NO_COLOR: '1' };
    const deno = (args: readonly string[]): string =>
      execFileSync(DENO, [...args], {
        cwd: consumer,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...env },
      });
    expect(() => deno(['check', '--cached-only', 'deno.ts'])).not.toThrow();
    // …and the check does see the library's types.
    writeFileSync(
      join(consumer, 'deno-bad.ts'),
      `import { runSimulation } from 'npm:clustersim';\nconst n: string = runSimulation;\n`,
    );
    let output = '';
    try {
      deno(['check', '--cached-only', 'deno-bad.ts']);
    } catch (error) {
      output = String((error as { stdout?: string; stderr?: string }).stderr);
    }
    expect(output).toMatch(/TS2322/);
    const out = JSON.parse(deno(['run', '--cached-only', '--allow-read', '--allow-env', 'deno.ts'])) as Record<
      string,
      unknown
    >;
    // The same run as the node script's: 8 busy cpus of 32 for 5 minutes, then 16.
    expect(out['cpus']).toBeCloseTo((8 * 300 + 16 * 3300) / (32 * 3600), 9);
    expect(out['offers']).toBe(1);
  });

  it('runs a sweep on two run processes that load the installed JavaScript, with the results of one thread', () => {
    writeFileSync(
      join(consumer, 'sweep.mjs'),
      `import { readdirSync, readFileSync } from 'node:fs';
import { sweep } from 'clustersim/sweep';
const scenario = JSON.parse(readFileSync('node_modules/clustersim/examples/static-partitions.json', 'utf8'));
const spec = { scenario: { ...scenario, horizon: '30m' }, grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }], seeds: 2, metrics: ['cpuAllocated'] };
// The arguments of this process's children, as the sweep goes.
const commands = new Set();
const look = () => {
  for (const pid of readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
    try {
      const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      commands.add(readFileSync('/proc/' + pid + '/cmdline', 'utf8').split('\\0').filter(Boolean).slice(1).join(' '));
    } catch {}
  }
};
const pooled = await sweep(spec, { workers: 2, pool: 'processes', onProgress: look });
const inline = await sweep(spec);
console.log(JSON.stringify({ same: JSON.stringify(pooled.rows) === JSON.stringify(inline.rows), runs: pooled.runs, failures: pooled.failures.length, commands: [...commands] }));
`,
    );
    const out = JSON.parse(run(process.execPath, ['sweep.mjs'], consumer)) as {
      same: boolean;
      runs: number;
      failures: number;
      commands: string[];
    };
    // 2 allocation intervals × 2 seeds of a scenario without variants.
    expect(out).toMatchObject({ same: true, runs: 4, failures: 0 });
    expect(out.commands.length).toBeGreaterThan(0);
    for (const command of out.commands) {
      expect(command).toMatch(/node_modules\/clustersim\/dist\/compare\/runners\/runChild\.js$/);
      expect(command).not.toContain('tsx');
    }
  });

  it('runs `npx clustersim run` with plain node', () => {
    const out = run(
      'npx',
      [
        '--no-install',
        'clustersim',
        'run',
        'node_modules/clustersim/examples/static-partitions.json',
        '--no-wall-time',
      ],
      consumer,
    );
    expect(out).toMatch(/^static-partitions \(seed \d+, allocator static-partition\)/);
  });
});
