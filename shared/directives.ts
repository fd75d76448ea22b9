/**
 * Directives (chỉ đạo): a leader's instruction to units, with its thread (issue 5 item 3).
 * The words, and the directive's state machine: which step each participant may take, in which
 * state. Who is a participant is decided in server/modules/access/policy.ts.
 *
 * A directive is OPEN until its leader closes it. Each target unit goes PENDING → ACKNOWLEDGED
 * (xác nhận đã nhận) → COMPLETED (báo cáo hoàn thành); it may reply at any time while the
 * directive is open. The issuing leader comments, urges (đôn đốc) a unit not yet complete,
 * extends the due date (only later) and closes. Every step is a new message of the thread:
 * nothing is edited; a correction is a new message that names the one it corrects.
 */
type Label = { vi: string; en: string };

export const DIRECTIVE_PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type DirectivePriority = (typeof DIRECTIVE_PRIORITIES)[number];
export const DIRECTIVE_PRIORITY_LABELS: Record<DirectivePriority, Label> = {
  NORMAL: { vi: 'Thường', en: 'Normal' },
  URGENT: { vi: 'Khẩn', en: 'Urgent' }
};
/** Priorities whose alerts pass quiet hours. */
export function isUrgentPriority(priority: DirectivePriority): boolean {
  return priority !== 'NORMAL';
}

export const DIRECTIVE_STATUSES = ['OPEN', 'CLOSED'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];
export const DIRECTIVE_STATUS_LABELS: Record<DirectiveStatus, Label> = {
  OPEN: { vi: 'Đang thực hiện', en: 'In progress' },
  CLOSED: { vi: 'Đã kết thúc', en: 'Closed' }
};

/** What a directive is about: a petition, a case (vụ việc), or the work of one or several units. */
export const DIRECTIVE_SUBJECT_KINDS = ['UNIT', 'PETITION', 'CASE'] as const;
export type DirectiveSubjectKind = (typeof DIRECTIVE_SUBJECT_KINDS)[number];
export const DIRECTIVE_SUBJECT_LABELS: Record<DirectiveSubjectKind, Label> = {
  UNIT: { vi: 'Công việc của đơn vị', en: 'Units’ work' },
  PETITION: { vi: 'Đơn thư', en: 'Petition' },
  CASE: { vi: 'Vụ việc', en: 'Case' }
};

export const TARGET_STATES = ['PENDING', 'ACKNOWLEDGED', 'COMPLETED'] as const;
export type TargetState = (typeof TARGET_STATES)[number];
export const TARGET_STATE_LABELS: Record<TargetState, Label> = {
  PENDING: { vi: 'Chưa xác nhận', en: 'Not acknowledged' },
  ACKNOWLEDGED: { vi: 'Đã nhận', en: 'Acknowledged' },
  COMPLETED: { vi: 'Đã hoàn thành', en: 'Completed' }
};
export function targetState(t: { acknowledgedAt: unknown; completedAt: unknown }): TargetState {
  return t.completedAt ? 'COMPLETED' : t.acknowledgedAt ? 'ACKNOWLEDGED' : 'PENDING';
}

export const MESSAGE_KINDS = ['ISSUE', 'ACKNOWLEDGE', 'REPLY', 'COMMENT', 'COMPLETE', 'URGE', 'EXTEND', 'CLOSE'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<MessageKind, Label> = {
  ISSUE: { vi: 'Ban hành chỉ đạo', en: 'Directive issued' },
  ACKNOWLEDGE: { vi: 'Xác nhận đã nhận', en: 'Acknowledge' },
  REPLY: { vi: 'Trả lời, báo cáo', en: 'Reply' },
  COMMENT: { vi: 'Cho ý kiến', en: 'Comment' },
  COMPLETE: { vi: 'Báo cáo hoàn thành', en: 'Report complete' },
  URGE: { vi: 'Đôn đốc', en: 'Urge' },
  EXTEND: { vi: 'Gia hạn', en: 'Extend' },
  CLOSE: { vi: 'Kết thúc chỉ đạo', en: 'Close' }
};
/** The steps a client may ask for (ISSUE is the creation itself). */
export const STEP_KINDS = MESSAGE_KINDS.filter((k): k is Exclude<MessageKind, 'ISSUE'> => k !== 'ISSUE');
export type StepKind = (typeof STEP_KINDS)[number];

/** Steps a target unit takes, and steps the issuing leader takes. */
export const TARGET_STEPS: readonly StepKind[] = ['ACKNOWLEDGE', 'REPLY', 'COMPLETE'];
export const ISSUER_STEPS: readonly StepKind[] = ['COMMENT', 'URGE', 'EXTEND', 'CLOSE'];
/** Steps whose text is required; steps that may carry files; steps that may correct an earlier message. */
export const TEXT_REQUIRED: readonly StepKind[] = ['REPLY', 'COMMENT'];
export const MAY_ATTACH: readonly StepKind[] = ['REPLY', 'COMMENT', 'COMPLETE'];
export const MAY_CORRECT: readonly StepKind[] = ['REPLY', 'COMMENT'];

export const DIRECTIVE_TITLE_MAX = 200;
export const DIRECTIVE_TEXT_MAX = 5000;
export const DIRECTIVE_TARGETS_MAX = 100;
export const DIRECTIVE_ATTACHMENTS_MAX = 10;
/** A due date at most this many days ahead (a directive is for action, not a plan). */
export const DIRECTIVE_DUE_MAX_DAYS = 366;

/** How the caller stands in one directive. */
export interface DirectiveStanding {
  status: DirectiveStatus;
  isIssuer: boolean;
  /** The target the caller acts for (its own unit), if any; the issuer never acts for a target. */
  target: { state: TargetState } | null;
  /** Is some target not complete yet (something to urge)? */
  anyIncomplete: boolean;
}

export type StepRefusal = 'NOT_YOURS' | 'CLOSED' | 'ALREADY' | 'NOT_ACKNOWLEDGED' | 'NOTHING_TO_URGE';

/** Why this step is refused now, or null when it is allowed. The one rule the server and the web share. */
export function stepRefusal(kind: StepKind, s: DirectiveStanding): StepRefusal | null {
  const mine = TARGET_STEPS.includes(kind) ? s.target !== null && !s.isIssuer : s.isIssuer;
  if (!mine) return 'NOT_YOURS';
  if (s.status !== 'OPEN') return 'CLOSED';
  const state = s.target?.state;
  switch (kind) {
    case 'ACKNOWLEDGE':
      return state === 'PENDING' ? null : 'ALREADY';
    case 'COMPLETE':
      return state === 'PENDING' ? 'NOT_ACKNOWLEDGED' : state === 'COMPLETED' ? 'ALREADY' : null;
    case 'URGE':
      return s.anyIncomplete ? null : 'NOTHING_TO_URGE';
    default:
      return null;
  }
}

export function allowedSteps(s: DirectiveStanding): StepKind[] {
  return STEP_KINDS.filter((k) => stepRefusal(k, s) === null);
}
