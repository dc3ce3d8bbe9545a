import { roundAmount, type Resources } from '../core/cluster/resources.ts';

/**
 * Areas (value × µs) of a resource vector accumulated into consecutive time bins of `step` µs,
 * from which a series of averages per bin is made.
 *
 * @example
 * ```ts
 * const bins = new Bins(60_000_000);           // 1-minute bins
 * bins.add(0, 90_000_000, { cpus: 2 });        // 2 cpus for 90 s
 * bins.area['cpus'];                            // [120e6, 60e6]
 * ```
 */
export class Bins {
  readonly step: number;
  readonly area: Record<string, number[]> = {};

  constructor(step: number) {
    this.step = step;
  }

  add(from: number, to: number, value: Readonly<Record<string, number>>): void {
    for (let bin = Math.floor(from / this.step); bin * this.step < to; bin++) {
      const overlap = Math.min(to, (bin + 1) * this.step) - Math.max(from, bin * this.step);
      if (overlap <= 0) continue;
      for (const name in value) {
        const v = value[name] ?? 0;
        if (v === 0) continue;
        const series = (this.area[name] ??= []);
        while (series.length <= bin) series.push(0);
        series[bin] = (series[bin] as number) + v * overlap;
      }
    }
  }
}

/**
 * A resource vector that changes in steps over time, with its time integral (and optionally its
 * per-bin areas). The vector is changed in place, and the integral brought up to date only when
 * the vector changes, so the work per change is proportional to the resources it names.
 *
 * @example
 * ```ts
 * const allocated = new ResourceTrack();
 * allocated.add(0, { cpus: 2 }, 1);            // 2 cpus from t = 0
 * allocated.add(10_000_000, { cpus: 2 }, -1);  // released at 10 s
 * allocated.area['cpus'];                      // 20e6 (cpu-µs)
 * ```
 */
export class ResourceTrack {
  readonly value: Record<string, number> = {};
  readonly area: Record<string, number> = {};
  readonly bins: Bins | undefined;
  #since = 0;

  constructor(bins?: Bins) {
    this.bins = bins;
  }

  /** Accumulates the current value up to `t` (µs). */
  advance(t: number): void {
    if (t <= this.#since) return;
    const dt = t - this.#since;
    for (const name in this.value) {
      const v = this.value[name] ?? 0;
      if (v !== 0) this.area[name] = (this.area[name] ?? 0) + v * dt;
    }
    this.bins?.add(this.#since, t, this.value);
    this.#since = t;
  }

  /** From `t` on, the value is the current one plus `sign` × `delta` (clamped at 0, Mesos's precision). */
  add(t: number, delta: Resources, sign: 1 | -1): void {
    this.advance(t);
    for (const name in delta) {
      const next = roundAmount((this.value[name] ?? 0) + sign * (delta[name] ?? 0));
      this.value[name] = next > 0 ? next : 0;
    }
  }
}

/**
 * Time-averaged fractions of `capacity` per resource (keys sorted): `area` ÷ (capacity × duration).
 *
 * @example
 * ```ts
 * averageFractions({ cpus: 20e6 }, { cpus: 4 }, 10_000_000); // { cpus: 0.5 }
 * ```
 */
export function averageFractions(
  area: Readonly<Record<string, number>>,
  capacity: Resources,
  duration: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(capacity).sort()) {
    const cap = capacity[name] ?? 0;
    out[name] = duration > 0 && cap > 0 ? (area[name] ?? 0) / (cap * duration) : 0;
  }
  return out;
}

/**
 * Per-bin averages as fractions of `capacity` (keys sorted), `binCount` bins of `step` µs up to
 * `end` (the last bin may be shorter). Overshoot above 1 by rounding noise alone (< 1e-9) is
 * clamped, so a full resource reads exactly 1.
 *
 * @example
 * ```ts
 * const bins = new Bins(60_000_000);
 * bins.add(0, 90_000_000, { cpus: 2 });
 * binFractions(bins, { cpus: 4 }, 90_000_000); // { cpus: [0.5, 0.5] }
 * ```
 */
export function binFractions(bins: Bins, capacity: Resources, end: number): Record<string, number[]> {
  const step = bins.step;
  const binCount = Math.ceil(end / step);
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(capacity).sort()) {
    const area = bins.area[name] ?? [];
    const cap = capacity[name] ?? 0;
    const series = new Array<number>(binCount);
    for (let i = 0; i < binCount; i++) {
      const width = Math.min(step, end - i * step);
      const f = cap > 0 && width > 0 ? (area[i] ?? 0) / (cap * width) : 0;
      series[i] = f > 1 && f < 1 + 1e-9 ? 1 : f;
    }
    out[name] = series;
  }
  return out;
}
