/**
 * Alerts (thông báo, issue 5 item 4): their kinds, the words of each, and the rule of quiet hours.
 * Server (notification centre, web-push) and web (toasts, preferences) read them from here.
 */
type Label = { vi: string; en: string };

export const NOTIFICATION_KINDS = [
  'NEW_PETITION',
  'PETITION_DUE_SOON',
  'PETITION_OVERDUE',
  'DIRECTIVE',
  'DIRECTIVE_THREAD',
  'DIRECTIVE_URGED',
  'REPORT'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** What each kind is called in the preferences. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, Label> = {
  NEW_PETITION: { vi: 'Đơn mới, đơn chuyển đến trong phạm vi', en: 'New or transferred-in petitions in my scope' },
  PETITION_DUE_SOON: { vi: 'Đơn sắp đến hạn', en: 'Petitions due soon' },
  PETITION_OVERDUE: { vi: 'Đơn quá hạn', en: 'Overdue petitions' },
  DIRECTIVE: { vi: 'Chỉ đạo mới cho đơn vị', en: 'New directives to my unit' },
  DIRECTIVE_THREAD: { vi: 'Trao đổi trong chỉ đạo', en: 'Replies in my directive threads' },
  DIRECTIVE_URGED: { vi: 'Đôn đốc thực hiện chỉ đạo', en: 'Directives urged' },
  REPORT: { vi: 'Báo cáo định kỳ', en: 'Scheduled reports' }
};

/**
 * The words of a web-push: fixed per kind, so a push (which leaves our servers for Google's,
 * Mozilla's or Apple's) never carries a name, a petition's text or a directive's title.
 */
export const PUSH_TEXT: Record<NotificationKind, { title: string; body: string }> = {
  NEW_PETITION: { title: 'Đơn mới / New petition', body: 'Có đơn mới trong phạm vi của bạn. / A new petition in your scope.' },
  PETITION_DUE_SOON: { title: 'Đơn sắp đến hạn / Petition due soon', body: 'Mở Đơn Thư để xem. / Open Đơn Thư to see it.' },
  PETITION_OVERDUE: { title: 'Đơn quá hạn / Petition overdue', body: 'Mở Đơn Thư để xem. / Open Đơn Thư to see it.' },
  DIRECTIVE: { title: 'Chỉ đạo mới / New directive', body: 'Mở Đơn Thư để xem và xác nhận. / Open Đơn Thư to read and acknowledge.' },
  DIRECTIVE_THREAD: { title: 'Cập nhật chỉ đạo / Directive update', body: 'Mở Đơn Thư để xem. / Open Đơn Thư to read.' },
  DIRECTIVE_URGED: { title: 'Đôn đốc chỉ đạo / Directive urged', body: 'Mở Đơn Thư để xem. / Open Đơn Thư to read.' },
  REPORT: { title: 'Báo cáo định kỳ / Scheduled report', body: 'Báo cáo đã sẵn sàng. / Your report is ready.' }
};

/** The live event that tells one account of a new alert: ids only; the text is read through the API. */
export interface NotificationCreatedPayload {
  notificationId: string;
  kind: NotificationKind;
  urgent: boolean;
  /** The page to open, e.g. /directives/<id>. */
  link: string;
}

/** What a web-push carries (nothing personal). */
export interface PushPayload {
  kind: string;
  title: string;
  body: string;
  url: string;
  urgent: boolean;
}

/**
 * Is this hour (0-23, Vietnam time) inside the quiet hours [from, to)? A range may wrap past
 * midnight (22 → 6). No range, or from = to, means never quiet.
 */
export function isQuietHour(hour: number, from: number | null, to: number | null): boolean {
  if (from === null || to === null || from === to) return false;
  return from < to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** The hour of day in Vietnam (UTC+7, no daylight saving). */
export function vnHour(at: Date): number {
  return (at.getUTCHours() + 7) % 24;
}

/** Internal links an alert may point to (the client opens them as they are). */
export function isAppLink(link: string): boolean {
  return /^\/(?!\/)[A-Za-z0-9/_\-?=&.%]*$/.test(link);
}
