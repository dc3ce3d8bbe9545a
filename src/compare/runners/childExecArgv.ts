/** Flags that make node run something else than the given script, or that a second process cannot share. */
const DROPPED =
  /^(-e|--eval|-p|--print|--input-type|-r|--require|--import|--loader|--experimental-loader|--inspect.*|--debug.*|--watch.*|--test.*|--cpu-prof.*|--heap-prof.*)$/;
/** Of {@link DROPPED}, those that take the next argument as their value (unless written `--flag=value`). */
const WITH_VALUE =
  /^(-e|--eval|-p|--print|--input-type|-r|--require|--import|--loader|--experimental-loader|--watch-path|--test-name-pattern|--test-reporter|--test-reporter-destination|--test-skip-pattern|--cpu-prof-dir|--cpu-prof-name|--heap-prof-dir|--heap-prof-name)$/;

/**
 * The node flags of a run process: this process's own flags (heap size, V8 options) without what
 * would make the child run other code or clash with this process (an `--eval`, loaders and
 * preloads, the inspector, watch and test modes, profiles), and with tsx's loader only when the
 * child runs the TypeScript sources: the one this process was started with (under the `tsx`
 * command an absolute URL, so it works from any folder), else `tsx` from the working folder.
 *
 * @example
 * ```ts
 * childExecArgv(['--max-old-space-size=4096', '--import', 'tsx', '--eval', 'x'], false); // ['--max-old-space-size=4096']
 * childExecArgv(['--import', 'file:///repo/node_modules/tsx/dist/loader.mjs'], true); // ['--import', 'file:///repo/node_modules/tsx/dist/loader.mjs']
 * ```
 */
export function childExecArgv(execArgv: readonly string[], sources: boolean): string[] {
  const kept: string[] = [];
  let tsx = 'tsx';
  for (let i = 0; i < execArgv.length; i++) {
    const flag = execArgv[i] as string;
    const name = flag.split('=', 1)[0] as string;
    const value = flag.includes('=') ? flag.slice(name.length + 1) : execArgv[i + 1];
    if (name === '--import' && value !== undefined && /(^|[/\\])tsx([/\\]|$)/.test(value)) tsx = value;
    if (!DROPPED.test(name)) kept.push(flag);
    else if (!flag.includes('=') && WITH_VALUE.test(name)) i++;
  }
  return sources ? [...kept, '--import', tsx] : kept;
}
