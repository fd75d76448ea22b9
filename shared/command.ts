/**
 * The command centre's figures (issue 5 items 1–2), shared by the server that computes them and
 * the wall screen that shows them. A snapshot is the current state of one scope (a set of unit
 * subtrees): the server publishes one per unit path, retained, on snapshotTopic(path) in
 * shared/topics.ts, and answers GET /api/command/snapshot with the caller's whole scope.
 * Snapshots hold counts only: no petition content and no personal data.
 */
import type { UnitPath } from './unit-path.ts';

/** "Received this month" and friends count in Vietnamese calendar days (shared/vn-time.ts). */
export const TREND_DAYS = 30;

export interface CommandFigures {
  receivedToday: number;
  receivedThisMonth: number;
  /** Open: no step of ours is closed yet (closed_at IS NULL). */
  inProcess: number;
  /** Open and due within the configured working days (3 by default): deadline_state = 'DUE_SOON'. */
  dueSoon: number;
  /** Open and past its last day: deadline_state = 'OVERDUE'. */
  overdue: number;
  /** Closed this (Vietnamese) year with a known on-time flag. */
  closedThisYear: number;
  closedOnTimeThisYear: number;
  /** Percent, one decimal, of closedThisYear that closed on time; null when nothing closed yet. */
  onTimeRate: number | null;
}

export interface ProvinceFigures {
  open: number;
  overdue: number;
}

export interface CommandSnapshot {
  /** The unit subtrees the figures cover. */
  scope: UnitPath[];
  /** When the server counted (ISO instant). */
  computedAt: string;
  /** The Vietnamese day the day/month/year figures refer to (YYYY-MM-DD). */
  day: string;
  figures: CommandFigures;
  /** Every petition in scope by status code (shared/procedure/states.ts). */
  byStatus: Record<string, number>;
  /**
   * Open and overdue petitions per province (2-digit GSO code) of the unit holding them. Only
   * provinces inside the scope appear; petitions of central bodies (VN.TTCP …) have no province.
   */
  byProvince: Record<string, ProvinceFigures>;
  /** Received per day for the TREND_DAYS days ending on `day` (oldest first). */
  trend: number[];
  /** Received in the last TREND_DAYS days, by type and by field ('' = field not recorded). */
  byType: Record<string, number>;
  byField: Record<string, number>;
}

/** One row of the deadline warning list (GET /api/command/deadlines): no summary, no names. */
export interface DeadlineItem {
  petitionId: string;
  code: string;
  type: string;
  status: string;
  unitName: string;
  provinceCode: string | null;
  dueDate: string;
  dueAt: string;
  state: 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';
  /** Working days from today to the last day: 0 = due today, negative = that many working days late. */
  workingDaysLeft: number;
}

export type TrafficLight = 'red' | 'amber' | 'green';

export function trafficLight(state: DeadlineItem['state']): TrafficLight {
  return state === 'OVERDUE' ? 'red' : state === 'DUE_SOON' ? 'amber' : 'green';
}

/** One unit of a drill-down (GET /api/command/drilldown): the units directly below a unit. */
export interface DrilldownItem {
  unitPath: UnitPath;
  unitName: string;
  open: number;
  overdue: number;
  receivedThisMonth: number;
}

/** An official online now (GET /api/command/presence): officials' names, never citizens'. */
export interface PresenceEntry {
  userId: string;
  fullName: string;
  role: string;
  unitName: string;
  /** ISO instant of the oldest open connection. */
  since: string;
}

/** The 2-digit province code of a unit path ('VN.01.00004' → '01'), or null (root, central bodies). */
export function provinceOfPath(path: UnitPath): string | null {
  const second = path.split('.')[1];
  return second !== undefined && /^\d{2}$/.test(second) ? second : null;
}

/** Drop paths inside another path of the list, so no subtree is counted twice. */
export function minimalScope(paths: readonly UnitPath[]): UnitPath[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q}.`))).sort();
}

export function onTimeRate(closed: number, onTime: number): number | null {
  return closed === 0 ? null : Math.round((onTime / closed) * 1000) / 10;
}

/** Count per 10,000 inhabitants (unrounded: a few letters in a big province are well below 0.1); null when the population is unknown. */
export function perTenThousand(count: number, population: number | undefined): number | null {
  return population && population > 0 ? (count / population) * 10_000 : null;
}

export function emptyFigures(): CommandFigures {
  return { receivedToday: 0, receivedThisMonth: 0, inProcess: 0, dueSoon: 0, overdue: 0, closedThisYear: 0, closedOnTimeThisYear: 0, onTimeRate: null };
}
