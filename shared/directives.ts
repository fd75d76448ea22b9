/**
 * Directives (chỉ đạo): a leader's instruction to units, with its thread (issue 5 item 3).
 * Who may take which step is decided in server/modules/access/policy.ts; the words are here.
 */
type Label = { vi: string; en: string };

export const DIRECTIVE_PRIORITIES = ['NORMAL', 'URGENT'] as const;
export type DirectivePriority = (typeof DIRECTIVE_PRIORITIES)[number];
export const DIRECTIVE_PRIORITY_LABELS: Record<DirectivePriority, Label> = {
  NORMAL: { vi: 'Thường', en: 'Normal' },
  URGENT: { vi: 'Khẩn', en: 'Urgent' }
};

export const MESSAGE_KINDS = ['ISSUE', 'ACKNOWLEDGE', 'REPLY', 'COMMENT', 'COMPLETE', 'URGE', 'EXTEND', 'CLOSE'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_KIND_LABELS: Record<MessageKind, Label> = {
  ISSUE: { vi: 'Ban hành chỉ đạo', en: 'Directive issued' },
  ACKNOWLEDGE: { vi: 'Đã nhận chỉ đạo', en: 'Acknowledged' },
  REPLY: { vi: 'Báo cáo, trả lời', en: 'Reply' },
  COMMENT: { vi: 'Ý kiến', en: 'Comment' },
  COMPLETE: { vi: 'Báo cáo hoàn thành', en: 'Reported complete' },
  URGE: { vi: 'Đôn đốc', en: 'Urged' },
  EXTEND: { vi: 'Gia hạn', en: 'Extended' },
  CLOSE: { vi: 'Kết thúc chỉ đạo', en: 'Closed' }
};

/** Steps a target unit takes, and steps the issuing leader takes. */
export const TARGET_STEPS: readonly MessageKind[] = ['ACKNOWLEDGE', 'REPLY', 'COMPLETE'];
export const ISSUER_STEPS: readonly MessageKind[] = ['COMMENT', 'URGE', 'EXTEND', 'CLOSE'];

export const DIRECTIVE_TEXT_MAX = 5000;
