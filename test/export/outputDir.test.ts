import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOutputDir, openOutputDir, OutputDirError, OUTPUTS_MANIFEST } from '../../src/export/outputDir.ts';
import { writeComparisonOutputs } from '../../src/export/writeOutputs.ts';
import { exampleComparison, exampleRuns } from '../viz/fixtures.ts';

const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'clustersim-outdir-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under dir, relative, sorted. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
    })
    .sort();
}

/** Writes the given files (contents: their names) into dir through an OutputDir. */
function write(
  dir: string,
  paths: readonly string[],
  force = false,
): { written: readonly string[]; removed: readonly string[] } {
  const out = openOutputDir(dir, { force });
  for (const path of paths) out.file(path).write(path);
  return out.commit();
}

const manifestOf = (dir: string): unknown => JSON.parse(readFileSync(join(dir, OUTPUTS_MANIFEST), 'utf8'));

describe('an output folder clustersim owns', () => {
  it('lists what it wrote in its manifest', () => {
    const dir = join(freshDir(), 'out');
    expect(write(dir, ['report.json', 'a/events.jsonl'])).toEqual({
      written: ['report.json', 'a/events.jsonl'],
      removed: [],
    });
    expect(filesUnder(dir)).toEqual([OUTPUTS_MANIFEST, 'a/events.jsonl', 'report.json']);
    expect(manifestOf(dir)).toMatchObject({ files: ['a/events.jsonl', 'report.json'] });
    expect(checkOutputDir(dir)).toEqual(['a/events.jsonl', 'report.json']);
  });

  it('removes what an earlier write wrote and this one does not, with the folders it empties, and nothing else', () => {
    const dir = join(freshDir(), 'out');
    write(dir, ['report.json', 'events.jsonl', 'static/report.json', 'charts/x/a.png', 'charts/b.png']);
    writeFileSync(join(dir, 'notes.txt'), 'mine'); // the user's own file, added in between
    writeFileSync(join(dir, 'charts', 'mine.png'), 'mine');
    const second = write(dir, ['report.json', 'shared/report.json']);
    expect([...second.removed].sort()).toEqual([
      'charts/b.png',
      'charts/x/a.png',
      'events.jsonl',
      'static/report.json',
    ]);
    expect(filesUnder(dir)).toEqual([
      OUTPUTS_MANIFEST,
      'charts/mine.png',
      'notes.txt',
      'report.json',
      'shared/report.json',
    ]);
    expect(existsSync(join(dir, 'static'))).toBe(false);
    expect(existsSync(join(dir, 'charts', 'x'))).toBe(false);
    expect(manifestOf(dir)).toMatchObject({ files: ['report.json', 'shared/report.json'] });
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('report.json');
  });

  it('refuses a folder with files it did not write, unless forced; forced, it keeps them then and later', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'paper.tex'), 'mine');
    expect(() => openOutputDir(dir)).toThrow(OutputDirError);
    expect(() => openOutputDir(dir)).toThrow(/holds files clustersim did not write.*--force/);
    expect(readdirSync(dir)).toEqual(['paper.tex']);
    write(dir, ['report.json', 'events.jsonl'], true);
    write(dir, ['report.json']);
    expect(filesUnder(dir)).toEqual([OUTPUTS_MANIFEST, 'paper.tex', 'report.json']);
  });

  it('accepts a missing or empty folder, or one holding only temporary files of a killed write', () => {
    const root = freshDir();
    expect(checkOutputDir(join(root, 'none'))).toEqual([]);
    mkdirSync(join(root, 'empty'));
    expect(checkOutputDir(join(root, 'empty'))).toEqual([]);
    mkdirSync(join(root, 'killed'));
    writeFileSync(join(root, 'killed', '.events.jsonl.4242.tmp'), '');
    expect(checkOutputDir(join(root, 'killed'))).toEqual([]);
  });

  it('refuses a file, and takes a link to a folder as the folder', () => {
    const root = freshDir();
    writeFileSync(join(root, 'report.json'), '{}');
    expect(() => openOutputDir(join(root, 'report.json'))).toThrow(/report\.json: it is a file, not a folder/);
    mkdirSync(join(root, 'real'));
    symlinkSync(join(root, 'real'), join(root, 'link'));
    write(join(root, 'link'), ['report.json']);
    expect(filesUnder(join(root, 'real'))).toEqual([OUTPUTS_MANIFEST, 'report.json']);
  });

  it('never follows a manifest out of its folder', () => {
    const root = freshDir();
    const dir = join(root, 'out');
    writeFileSync(join(root, 'precious.txt'), 'keep');
    mkdirSync(dir);
    for (const files of [['../precious.txt'], [join(root, 'precious.txt')], 'not a list']) {
      writeFileSync(join(dir, OUTPUTS_MANIFEST), JSON.stringify({ files }));
      expect(() => openOutputDir(dir)).toThrow(/is not a list of files clustersim wrote/);
    }
    write(dir, ['report.json'], true);
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('keep');
  });

  it('shows nothing of a discarded write', () => {
    const dir = join(freshDir(), 'out');
    write(dir, ['report.json']);
    const out = openOutputDir(dir);
    out.file('events.jsonl').write('x');
    out.discard();
    expect(filesUnder(dir)).toEqual([OUTPUTS_MANIFEST, 'report.json']);
  });
});

describe('writeComparisonOutputs into a folder of an earlier comparison', () => {
  it("removes the earlier comparison's files this one does not write", () => {
    const dir = join(freshDir(), 'out');
    const comparison = exampleComparison(exampleRuns());
    const first = writeComparisonOutputs(dir, comparison);
    // As if the earlier comparison had had a third variant.
    const manifest = manifestOf(dir) as { files: string[] };
    writeFileSync(join(dir, 'series-gone.csv'), 'old');
    writeFileSync(join(dir, 'charts', 'gone.png'), 'old');
    writeFileSync(
      join(dir, OUTPUTS_MANIFEST),
      JSON.stringify({ files: [...manifest.files, 'series-gone.csv', 'charts/gone.png'] }),
    );
    const second = writeComparisonOutputs(dir, comparison);
    expect(second).toEqual(first);
    expect(filesUnder(dir)).toEqual([OUTPUTS_MANIFEST, ...first].sort());
  });
});
