import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCautiousDemo } from '../examples/custom-framework.ts';
import { createRecorder } from './fixtures/recorder.ts';

const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('docs/plugins.md and docs/frameworks.md', () => {
  it('shows the custom framework exactly as examples/custom-framework.ts has it, in about 30 lines', () => {
    const source = read('../examples/custom-framework.ts');
    const start = source.indexOf('export const cautiousFramework');
    const plugin = source.slice(start, source.indexOf('\n};\n', start) + 3);
    expect(read('../docs/plugins.md')).toContain(`\`\`\`ts\n${plugin}\n\`\`\``);
    expect(read('../docs/frameworks.md')).toContain(`\`\`\`ts\n${plugin}\n\`\`\``);
    expect(plugin.split('\n').length).toBeLessThanOrEqual(35);
  });

  it('runs the custom framework: tasks launch at most two per offer', () => {
    const recorder = createRecorder();
    const report = runCautiousDemo([recorder]);
    const perOffer = recorder.of('offer-accepted').map((r) => r.tasks);
    expect(Math.max(...perOffer)).toBe(2);
    const mine = report.frameworks['mine'];
    // 12 jobs of 20 tasks arrive every 10 minutes over 2 h (13 jobs), each done long before the next.
    expect(mine?.jobsSubmitted).toBe(13);
    expect(mine?.jobsCompleted).toBe(12);
    expect(mine?.decisionsRejected).toBe(0);
    expect(mine?.tasksEnded['finished']).toBe(240);
  });
});
