/**
 * A command that did its work in part and says so: the message goes to stderr in one line per
 * sentence, and the CLI exits with `exitCode` (1: some runs failed; 130/143: interrupted).
 *
 * @example
 * ```ts
 * throw new CommandFailed('2 of 40 runs failed; run the same command again to retry them', 1);
 * ```
 */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
  readonly exitCode: number;

  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}
