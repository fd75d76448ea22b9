/**
 * Demo petitions that have walked the real procedure: each follows a path of the state machine
 * (shared/procedure) as far as its age allows, with the deadline clock moved by the same
 * function the server uses (nextClock), so the demo shows due-soon, overdue and closed cases.
 */
import { DEADLINE_RULES, OFFICIAL_DAYS, createWorkingCalendar, toVnDate } from '../../../shared/calendar/index.ts';
import type { PetitionType } from '../../../shared/petition.ts';
import { PETITION_FIELDS, PETITION_SOURCES } from '../../../shared/procedure/intake.ts';
import { intakeRule, nextStatus, type ActionCode } from '../../../shared/procedure/state-machine.ts';
import { isOpenStatus, type PetitionStatus } from '../../../shared/procedure/states.ts';
import type { CalendarInForce } from '../calendar/calendar.service.ts';
import { startClock } from '../petitions/petition-clock.ts';
import { nextClock } from '../petitions/petition-procedure.service.ts';
import type { PetitionRow } from '../petitions/petitions.table.ts';

const DAY = 86_400_000;

/** Paths officials commonly take, with the day (after receipt) each step happens. */
const PATHS: Record<PetitionType, { weight: number; steps: [ActionCode, number][] }[]> = {
  KHIEU_NAI: [
    { weight: 6, steps: [['PHAN_LOAI', 2], ['DE_XUAT_THU_LY', 5], ['THU_LY', 8], ['XAC_MINH', 12], ['KET_LUAN', 36], ['KET_THUC', 50]] },
    { weight: 2, steps: [['PHAN_LOAI', 2], ['HUONG_DAN', 6]] },
    { weight: 1, steps: [['PHAN_LOAI', 3], ['LUU_DON', 5]] }
  ],
  TO_CAO: [
    { weight: 5, steps: [['PHAN_LOAI', 2], ['DE_XUAT_THU_LY', 4], ['THU_LY', 7], ['XAC_MINH', 10], ['KET_LUAN', 35], ['KET_THUC', 45]] },
    { weight: 2, steps: [['PHAN_LOAI', 2], ['CHUYEN_DON_NGOAI', 5]] },
    { weight: 1, steps: [['PHAN_LOAI', 1], ['LUU_DON', 3]] }
  ],
  KIEN_NGHI: [
    { weight: 5, steps: [['PHAN_LOAI', 2], ['GIAO_GIAI_QUYET', 5], ['TRA_LOI', 28], ['KET_THUC', 35]] },
    { weight: 2, steps: [['PHAN_LOAI', 3], ['CHUYEN_DON_NGOAI', 6]] }
  ],
  PHAN_ANH: [
    { weight: 5, steps: [['PHAN_LOAI', 2], ['GIAO_GIAI_QUYET', 4], ['TRA_LOI', 25], ['KET_THUC', 30]] },
    { weight: 1, steps: [['PHAN_LOAI', 2], ['HUONG_DAN', 4]] }
  ],
  NHIEU_NOI_DUNG: [{ weight: 1, steps: [['PHAN_LOAI', 3], ['HUONG_DAN', 7]] }]
};

export interface DemoStep {
  action: ActionCode;
  fromStatus: PetitionStatus;
  toStatus: PetitionStatus;
  at: Date;
  documentNo: string | null;
  documentDate: string | null;
  targetBody: string | null;
}

export interface DemoPetition {
  row: Partial<PetitionRow>;
  steps: DemoStep[];
}

export function demoCalendar(): CalendarInForce {
  return { calendar: createWorkingCalendar({ overrides: OFFICIAL_DAYS }), rules: DEADLINE_RULES };
}

function pick<T extends { weight: number }>(items: readonly T[], r: number): T {
  const total = items.reduce((n, i) => n + i.weight, 0);
  let x = r * total;
  for (const item of items) if ((x -= item.weight) < 0) return item;
  return items[items.length - 1]!;
}

/** One petition's state after walking its path up to `now` (steps later than now are not taken). */
export function walkDemoPetition(inForce: CalendarInForce, draw: { type: PetitionType; receivedAt: Date }, now: Date, random: () => number): DemoPetition {
  const path = pick(PATHS[draw.type], random());
  // Some officials are slower: stretch a path by up to 60 %, so some cases run late.
  const pace = 1 + random() * 0.6;
  let status: PetitionStatus = 'NHAN_DON';
  let row: Partial<PetitionRow> = {
    type: draw.type,
    status,
    receivedAt: draw.receivedAt,
    remoteArea: false,
    complexity: random() < 0.15 ? 'PHUC_TAP' : 'THUONG',
    round: 1,
    closedAt: null,
    pausedAt: null,
    field: PETITION_FIELDS[Math.floor(random() * PETITION_FIELDS.length)]!,
    source: PETITION_SOURCES[Math.floor(random() * 4)]!,
    ...startClock(inForce, intakeRule({ type: draw.type, round: 1 }), toVnDate(draw.receivedAt))
  };
  const steps: DemoStep[] = [];
  // Some cases stall at an open step (an official on leave, a verification that drags on): the
  // deadline passes and the command centre shows them overdue.
  const stallAfter = random() < 0.15 ? 1 + Math.floor(random() * Math.max(1, path.steps.length - 2)) : Infinity;
  for (const [index, [action, day]] of path.steps.entries()) {
    if (index >= stallAfter) break;
    const at = new Date(draw.receivedAt.getTime() + Math.round(day * pace * DAY) + Math.floor(random() * 8) * 3_600_000);
    if (at > now) break;
    const today = toVnDate(at);
    const to = nextStatus(action, status);
    const decision = action === 'THU_LY' || action === 'KET_LUAN' || action === 'TRA_LOI' ? { no: `${Math.floor(random() * 900) + 100}/QĐ`, date: today } : null;
    const changes = nextClock(inForce, action, row as PetitionRow, { type: draw.type, round: 1, complexity: row.complexity! }, today, decision?.date);
    if (!isOpenStatus(to) && !row.closedAt) {
      row.closedAt = at;
      row.closedOnTime = row.dueDate ? today <= row.dueDate : null;
    }
    if (action === 'KET_LUAN') row.result = (['DUNG', 'DUNG_MOT_PHAN', 'SAI'] as const)[Math.floor(random() * 3)]!;
    row = { ...row, ...changes, status: to };
    steps.push({
      action,
      fromStatus: status,
      toStatus: to,
      at,
      documentNo: decision?.no ?? null,
      documentDate: decision?.date ?? null,
      targetBody: action === 'HUONG_DAN' || action === 'CHUYEN_DON_NGOAI' ? 'Tòa án nhân dân khu vực' : null
    });
    status = to;
  }
  // Where the open step's day has passed (or is within 3 working days), the watcher would have said so.
  if (!row.closedAt && row.dueDate) {
    const today = toVnDate(now);
    row.deadlineState = today > row.dueDate ? 'OVERDUE' : inForce.calendar.addWorkingDays(today, 3) >= row.dueDate ? 'DUE_SOON' : 'ON_TRACK';
  }
  return { row, steps };
}
