import { CompareInputError } from '../compare/errors.ts';

/**
 * A mistake in what a sweep was asked to do: a bad shard, an output folder that holds another
 * sweep, shards of different sweeps to merge. The CLI reports it in one line and exits 2 (as for
 * the comparison input errors it extends).
 *
 * @example
 * ```ts
 * throw new SweepInputError('--shard 2/2: the shard index is 0 … 1');
 * ```
 */
export class SweepInputError extends CompareInputError {}

/**
 * Thrown by `sweep` when its abort signal fires: the runs that finished are stored, the ones in
 * flight are lost, and a rerun into the same folder resumes.
 *
 * @example
 * ```ts
 * try { await sweep(spec, { dir, signal }); } catch (e) { if (e instanceof SweepInterruptedError) console.log(e.finished); }
 * ```
 */
export class SweepInterruptedError extends Error {
  override readonly name = 'SweepInterruptedError';
  /** Runs stored by now (this call and earlier ones). */
  readonly finished: number;
  /** Runs of this sweep (or shard) still to do. */
  readonly remaining: number;

  constructor(finished: number, remaining: number) {
    super(
      `interrupted: ${finished} runs finished and stored, ${remaining} to go; run the same command again to resume`,
    );
    this.finished = finished;
    this.remaining = remaining;
  }
}
