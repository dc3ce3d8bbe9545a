import type { SimObserver, SimRecord } from '../core/simulation/records.ts';

/**
 * One failure incident: machines that went down together (a crash, a switch, a partition, a drain).
 *
 * @example
 * ```ts
 * const first: IncidentReport | undefined = runSimulation(scenario).failures.incidents[0];
 * first?.detectedAfterSeconds; // 75: Mesos's 5 missed pings of 15 s
 * ```
 */
export interface IncidentReport {
  readonly atSeconds: number;
  readonly cause: string;
  readonly mode: 'crash' | 'partition' | 'drain';
  readonly machines: number;
  /** Seconds until the master noticed (null when it healed first, or for a drain). */
  readonly detectedAfterSeconds: number | null;
  /** Tasks that ended because of it (lost, given up, killed for maintenance). */
  readonly tasksLost: number;
  /** Work those tasks had done and lost, in task-seconds (launch until the failure took them). */
  readonly lostTaskSeconds: number;
  /** Seconds until every one of its machines was back (null if not by the horizon). */
  readonly recoveredAfterSeconds: number | null;
}

/**
 * Failures over a run.
 *
 * @example
 * ```ts
 * const { tasksLost, lostTaskSeconds, masterFailovers } = runSimulation(scenario).failures;
 * ```
 */
export interface FailuresReport {
  readonly incidents: readonly IncidentReport[];
  readonly tasksLost: number;
  readonly lostTaskSeconds: number;
  readonly masterFailovers: number;
  readonly masterDownSeconds: number;
}

const FAILURE_REASONS = new Set([
  'agent lost',
  'agent restarted',
  'agent did not re-register',
  'agent marked gone',
  'given up during the partition',
  'launch never reached the agent',
  'maintenance',
]);
const SECOND = 1_000_000;

interface Incident {
  at: number;
  cause: string;
  mode: 'crash' | 'partition' | 'drain';
  readonly machines: Set<string>;
  readonly down: Set<string>;
  detectedAt: number | undefined;
  tasksLost: number;
  lostWork: number;
  recoveredAt: number | undefined;
}

/**
 * Observes failure records and attributes lost tasks and lost work to the incident that caused
 * them.
 *
 * @example
 * ```ts
 * const failures = createFailuresObserver();
 * simulate(scenario, { observers: [failures] });
 * failures.report().incidents[0]?.detectedAfterSeconds; // 75 with Mesos's defaults
 * ```
 */
export function createFailuresObserver(): SimObserver & { report(): FailuresReport } {
  const incidents: Incident[] = [];
  const current = new Map<string, Incident>();
  const launched = new Map<string, { agentId: string; at: number }>();
  let failovers = 0;
  let downSince: number | undefined;
  let downTotal = 0;
  return {
    observe(r: SimRecord): void {
      switch (r.kind) {
        case 'task-launched':
          launched.set(`${r.frameworkId}\u0000${r.taskId}`, { agentId: r.agentId, at: r.t });
          return;
        case 'machines-down': {
          const incident: Incident = {
            at: r.t,
            cause: r.cause,
            mode: r.mode,
            machines: new Set(r.machines),
            down: new Set(r.machines),
            detectedAt: undefined,
            tasksLost: 0,
            lostWork: 0,
            recoveredAt: undefined,
          };
          incidents.push(incident);
          for (const m of r.machines) current.set(m, incident);
          return;
        }
        case 'agent-unreachable': {
          const incident = current.get(r.agentId);
          if (incident !== undefined && incident.detectedAt === undefined) incident.detectedAt = r.t;
          return;
        }
        case 'machines-up':
          for (const m of r.machines) {
            const incident = current.get(m);
            if (incident === undefined) continue;
            incident.down.delete(m);
            current.delete(m);
            if (incident.down.size === 0) incident.recoveredAt = r.t;
          }
          return;
        case 'task-ended': {
          const key = `${r.frameworkId}\u0000${r.taskId}`;
          const start = launched.get(key);
          launched.delete(key);
          if (start === undefined || r.reason === null || !FAILURE_REASONS.has(r.reason)) return;
          const incident =
            current.get(start.agentId) ?? [...incidents].reverse().find((i) => i.machines.has(start.agentId));
          if (incident === undefined) return;
          incident.tasksLost++;
          // Work stops being of use when the machine dies, or when the task is given up on.
          const usefulUntil = incident.mode === 'crash' ? Math.max(incident.at, start.at) : r.t;
          incident.lostWork += Math.max(0, usefulUntil - start.at) / SECOND;
          return;
        }
        case 'master-down':
          failovers++;
          downSince = r.t;
          return;
        case 'master-elected':
          if (downSince !== undefined) downTotal += r.t - downSince;
          downSince = undefined;
          return;
        case 'run-ended':
          if (downSince !== undefined) downTotal += r.t - downSince;
          downSince = undefined;
          return;
        default:
          return;
      }
    },
    report(): FailuresReport {
      const list: IncidentReport[] = incidents.map((i) => ({
        atSeconds: i.at / SECOND,
        cause: i.cause,
        mode: i.mode,
        machines: i.machines.size,
        detectedAfterSeconds: i.detectedAt === undefined ? null : (i.detectedAt - i.at) / SECOND,
        tasksLost: i.tasksLost,
        lostTaskSeconds: i.lostWork,
        recoveredAfterSeconds: i.recoveredAt === undefined ? null : (i.recoveredAt - i.at) / SECOND,
      }));
      return {
        incidents: list,
        tasksLost: list.reduce((n, i) => n + i.tasksLost, 0),
        lostTaskSeconds: list.reduce((n, i) => n + i.lostTaskSeconds, 0),
        masterFailovers: failovers,
        masterDownSeconds: downTotal / SECOND,
      };
    },
  };
}
