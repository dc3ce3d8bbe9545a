import { z } from 'zod';
import type { Resources } from '../core/cluster/resources.ts';
import type { Rng } from '../core/kernel/rng.ts';
import { resourcesField, strictObject } from '../core/scenario/fields.ts';

/**
 * Task resources as plain data: one fixed vector, or an empirical choice among weighted shapes
 * (e.g. the request sizes seen in a trace), drawn per job or per task.
 * @module
 */

/**
 * Parsed task resources: the shapes that can be drawn and how to draw one.
 *
 * @example
 * ```ts
 * const shapes: ResourceShapes = resourceShapes.parse({ cpus: 1, mem: 2048 });
 * shapes.draw(createRng(1)); // { cpus: 1, mem: 2048 }, drawing nothing from the stream
 * shapes.kind;               // 'fixed'
 * ```
 */
export interface ResourceShapes {
  /** `fixed`: written as one vector; `shapes`: written as a list of shapes. */
  readonly kind: 'fixed' | 'shapes';
  /** Every shape with its weight (a fixed vector is one shape of weight 1). */
  readonly shapes: readonly { readonly resources: Resources; readonly weight: number }[];
  /** Whether all tasks of a job share one draw (`job`) or each task draws its own (`task`). */
  readonly per: 'job' | 'task';
  /** One shape, with probability proportional to its weight. */
  draw(rng: Rng): Resources;
}

const shapeList = strictObject({
  shapes: z
    .array(
      strictObject({
        resources: resourcesField,
        /** Relative frequency (default 1). */
        weight: z.number().nonnegative('weight must be ≥ 0').finite().default(1),
      }),
    )
    .min(1, 'give at least one shape')
    .refine(
      (shapes) => shapes.length === 0 || shapes.some((s) => !(s.weight >= 0)) || shapes.some((s) => s.weight > 0),
      {
        // (said only when the list and its weights are otherwise valid)
        message: 'at least one shape needs a weight > 0',
      },
    ),
  /** `job` (default): a job's tasks are identical, as in a Hadoop job; `task`: each task draws. */
  per: z.enum(['job', 'task'], { error: 'per is "job" or "task"' }).default('job'),
});

function weightedDraw(shapes: ResourceShapes['shapes'], rng: Rng): Resources {
  const total = shapes.reduce((sum, s) => sum + s.weight, 0);
  let target = rng.next() * total;
  for (const shape of shapes) {
    if (shape.weight === 0) continue;
    target -= shape.weight;
    if (target < 0) return shape.resources;
  }
  // Rounding can leave a sliver of the total: the last shape that can be drawn.
  return [...shapes].reverse().find((s) => s.weight > 0)?.resources ?? {};
}

const isShapeList = (input: unknown): boolean =>
  typeof input === 'object' &&
  input !== null &&
  'shapes' in input &&
  typeof (input as { shapes: unknown }).shapes !== 'number';

/**
 * The `resources` of a generated task: a vector `{ "cpus": 1, "mem": 2048 }`, or
 * `{ "shapes": [{ "resources": {…}, "weight": 3 }, …], "per"?: "job" | "task" }` — one shape drawn
 * with probability proportional to its weight, once per job (default) or once per task.
 *
 * @example
 * ```ts
 * const shapes = resourceShapes.parse({ shapes: [
 *   { resources: { cpus: 1, mem: 2048 }, weight: 3 },
 *   { resources: { cpus: 4, mem: 16384 }, weight: 1 } ], per: 'task' });
 * shapes.draw(createRng(1)); // { cpus: 1, mem: 2048 } three times in four
 * ```
 */
export const resourceShapes: z.ZodType<ResourceShapes, unknown> = z
  .unknown()
  .transform((input, ctx): ResourceShapes => {
    const forward = (issues: readonly z.core.$ZodIssue[]): never => {
      for (const issue of issues) {
        ctx.addIssue({
          code: 'custom',
          message: issue.message,
          path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        });
      }
      return z.NEVER;
    };
    if (isShapeList(input)) {
      const result = shapeList.safeParse(input);
      if (!result.success) return forward(result.error.issues);
      const { shapes, per } = result.data;
      return { kind: 'shapes', shapes, per, draw: (rng) => weightedDraw(shapes, rng) };
    }
    const result = resourcesField.safeParse(input);
    if (!result.success) return forward(result.error.issues);
    const fixed: Resources = result.data;
    return { kind: 'fixed', shapes: [{ resources: fixed, weight: 1 }], per: 'job', draw: () => fixed };
  });
