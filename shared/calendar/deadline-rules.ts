/**
 * Time limits of the petition procedures (DOMAIN.md §3, §1.1, §2, §5) as data, and computeDeadline.
 *
 * Every limit counts from the day after its triggering event (BLDS 2015 Điều 147 khoản 1; see
 * working-calendar.ts), except where a rule says `countFrom: 'SAME_DAY'` (a posting period that
 * includes its first day). Calendar-day limits that end on a day off roll to the next working day
 * (BLDS 2015 Điều 148 khoản 5) when `rollOverDayOff` is set; DOMAIN.md marks that practice [U].
 *
 * `verification` repeats DOMAIN.md's tag (V verified, S secondary, U unverified). `configurable`
 * rules hold a value DOMAIN.md could not confirm: an administrator may change them freely with
 * applyDeadlineSettings; changing any other rule requires citing the new legal basis.
 *
 * Luật 136/2025/QH15 (effective 01/07/2026) amends the Complaints, Denunciations and Citizen
 * Reception laws; whether it changes these limits is [U] (DOMAIN.md §0, §3): see REVIEW_136.
 */
import { CalendarError } from './errors.ts';
import { addDays, addYears, parseIsoDate, type IsoDate } from './iso-date.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export const DEADLINE_UNITS = ['WORKING_DAYS', 'CALENDAR_DAYS', 'YEARS'] as const;
export type DeadlineUnit = (typeof DEADLINE_UNITS)[number];

/** Case complexity (DOMAIN.md §9 Case.complexity; NĐ 31/2019 Điều 3 for denunciations). */
export type Complexity = 'THUONG' | 'PHUC_TAP' | 'DAC_BIET_PHUC_TAP';

export interface DeadlineCircumstances {
  /** Vùng sâu, vùng xa đi lại khó khăn (Luật KN Điều 28, 33, 37). */
  remoteArea?: boolean;
  complexity?: Complexity;
  /** Extensions granted by written decision (TC: NĐ 31/2019 Mẫu 01). */
  extensions?: number;
}

export interface DeadlineRule {
  id: string;
  label: string;
  labelEn: string;
  /** The event the limit counts from. */
  startsFrom: string;
  startsFromEn: string;
  amount: number;
  unit: DeadlineUnit;
  /** Amounts replacing `amount`: complex = PHUC_TAP or DAC_BIET_PHUC_TAP; remote = remote area. */
  variants?: { complex?: number; remote?: number; remoteComplex?: number };
  extension?: {
    amount: number;
    /** How many extensions each complexity allows. */
    maxCount: Record<Complexity, number>;
    condition: string;
    conditionEn: string;
  };
  countFrom: 'NEXT_DAY' | 'SAME_DAY';
  rollOverDayOff: boolean;
  legalBasis: string;
  verification: 'V' | 'S' | 'U';
  configurable: boolean;
  note?: string;
  effectiveFrom?: IsoDate;
  effectiveTo?: IsoDate;
}

export const REVIEW_136 =
  'Luật 136/2025/QH15 (hiệu lực 01/07/2026) sửa luật này; thay đổi thời hạn chưa kiểm chứng [U]';

const NONE: Record<Complexity, number> = { THUONG: 0, PHUC_TAP: 0, DAC_BIET_PHUC_TAP: 0 };
const ON_RECEIPT = { startsFrom: 'Ngày nhận được đơn', startsFromEn: 'Date the petition is received' };
const ON_ACCEPTANCE = { startsFrom: 'Ngày thụ lý', startsFromEn: 'Date of acceptance (thụ lý)' };
const WD = { unit: 'WORKING_DAYS', countFrom: 'NEXT_DAY', rollOverDayOff: false } as const;
const CD = { unit: 'CALENDAR_DAYS', countFrom: 'NEXT_DAY', rollOverDayOff: true } as const;

export const DEADLINE_RULES = [
  // — Petition processing and reception —
  { id: 'XU_LY_DON', label: 'Xử lý đơn', labelEn: 'Process (classify and handle) a petition', ...ON_RECEIPT,
    amount: 10, ...WD, legalBasis: 'TT 05/2021/TT-TTCP; TTHC "Thủ tục xử lý đơn" (dichvucong.gov.vn)',
    verification: 'U', configurable: true,
    note: '10 ngày [S]; "ngày" hay "ngày làm việc" chưa kiểm chứng: mặc định 10 ngày làm việc (DOMAIN §1.1.4)' },
  { id: 'KNPA_GIAI_QUYET', label: 'Giải quyết kiến nghị, phản ánh', labelEn: 'Resolve a recommendation or reflection',
    startsFrom: 'Ngày giao giải quyết', startsFromEn: 'Date it is assigned for resolution',
    amount: 30, ...CD, legalBasis: 'Không có thời hạn luật định chung; quy chế của cơ quan', verification: 'U', configurable: true,
    note: 'Giá trị mặc định do cơ quan tự đặt (DOMAIN §1.2: KNPA tự giải quyết)' },
  { id: 'TCD_TRA_LOI', label: 'Trả lời người đến tiếp công dân', labelEn: 'Answer a visitor at citizen reception',
    startsFrom: 'Ngày nhận nội dung tại buổi tiếp', startsFromEn: 'Date the matter is received at reception',
    amount: 10, ...WD, legalBasis: 'Luật Tiếp công dân 2013 Điều 28 khoản 1', verification: 'V', configurable: false,
    note: REVIEW_136 },

  // — Complaints (Luật Khiếu nại 02/2011/QH13) —
  { id: 'KN_THOI_HIEU', label: 'Thời hiệu khiếu nại', labelEn: 'Limitation period for filing a complaint',
    startsFrom: 'Ngày nhận được hoặc biết được quyết định, hành vi hành chính',
    startsFromEn: 'Date the administrative decision or act was received or became known',
    amount: 90, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 9', verification: 'V', configurable: false,
    note: 'Không tính thời gian có trở ngại khách quan: cộng số ngày đó vào ngày bắt đầu. ' + REVIEW_136 },
  { id: 'KN_THU_LY_LAN_1', label: 'Thụ lý khiếu nại lần đầu', labelEn: 'Accept a first complaint', ...ON_RECEIPT,
    amount: 10, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 27', verification: 'U', configurable: true,
    note: 'Luật ghi "10 ngày"; TT 07/2013 ghi "ngày làm việc"; NĐ 124/2020 chưa kiểm chứng. ' + REVIEW_136 },
  { id: 'KN_GIAI_QUYET_LAN_1', label: 'Giải quyết khiếu nại lần đầu', labelEn: 'Resolve a first complaint',
    ...ON_ACCEPTANCE, amount: 30, variants: { complex: 45, remote: 45, remoteComplex: 60 }, ...CD,
    legalBasis: 'Luật Khiếu nại 2011 Điều 28', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_THOI_HIEU_LAN_2', label: 'Thời hạn khiếu nại lần hai', labelEn: 'Window for a second complaint',
    startsFrom: 'Ngày nhận quyết định giải quyết lần đầu, hoặc ngày hết hạn giải quyết lần đầu',
    startsFromEn: 'Date the first decision is received, or the first resolution deadline lapses',
    amount: 30, variants: { remote: 45 }, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 33',
    verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_THU_LY_LAN_2', label: 'Thụ lý khiếu nại lần hai', labelEn: 'Accept a second complaint', ...ON_RECEIPT,
    amount: 10, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 36', verification: 'U', configurable: true,
    note: 'Loại ngày như KN_THU_LY_LAN_1 chưa kiểm chứng. ' + REVIEW_136 },
  { id: 'KN_GIAI_QUYET_LAN_2', label: 'Giải quyết khiếu nại lần hai', labelEn: 'Resolve a second complaint',
    ...ON_ACCEPTANCE, amount: 45, variants: { complex: 60, remote: 60, remoteComplex: 70 }, ...CD,
    legalBasis: 'Luật Khiếu nại 2011 Điều 37', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_KY_LUAT_THOI_HIEU_LAN_1', label: 'Thời hiệu khiếu nại quyết định kỷ luật lần đầu',
    labelEn: 'Limitation for a first complaint against a disciplinary decision',
    startsFrom: 'Ngày nhận quyết định kỷ luật', startsFromEn: 'Date the disciplinary decision is received',
    amount: 15, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 48', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_KY_LUAT_THOI_HIEU_LAN_2', label: 'Thời hiệu khiếu nại quyết định kỷ luật lần hai',
    labelEn: 'Limitation for a second complaint against a disciplinary decision',
    startsFrom: 'Ngày nhận quyết định giải quyết lần đầu', startsFromEn: 'Date the first decision is received',
    amount: 10, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 48', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_KY_LUAT_THOI_HIEU_BUOC_THOI_VIEC', label: 'Thời hiệu khiếu nại lần hai quyết định buộc thôi việc',
    labelEn: 'Limitation for a second complaint against a dismissal',
    startsFrom: 'Ngày nhận quyết định giải quyết lần đầu', startsFromEn: 'Date the first decision is received',
    amount: 30, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 48', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_KY_LUAT_THU_LY', label: 'Thụ lý khiếu nại quyết định kỷ luật',
    labelEn: 'Accept a complaint against a disciplinary decision', ...ON_RECEIPT,
    amount: 10, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 50', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'KN_KY_LUAT_GIAI_QUYET', label: 'Giải quyết khiếu nại quyết định kỷ luật',
    labelEn: 'Resolve a complaint against a disciplinary decision', ...ON_ACCEPTANCE,
    amount: 30, variants: { complex: 45 }, ...CD, legalBasis: 'Luật Khiếu nại 2011 Điều 50',
    verification: 'V', configurable: false, note: REVIEW_136 },

  // — Denunciations (Luật Tố cáo 25/2018/QH14, NĐ 31/2019/NĐ-CP) —
  { id: 'TC_XU_LY_BAN_DAU', label: 'Xử lý ban đầu thông tin tố cáo', labelEn: 'Initial processing of a denunciation',
    ...ON_RECEIPT, amount: 7, ...WD,
    extension: { amount: 3, maxCount: { THUONG: 1, PHUC_TAP: 1, DAC_BIET_PHUC_TAP: 1 },
      condition: 'Phải xác minh ở nhiều địa điểm hoặc ủy quyền kiểm tra, xác minh (tối đa 10 ngày làm việc)',
      conditionEn: 'Verification at several sites or delegated verification (at most 10 working days)' },
    legalBasis: 'Luật Tố cáo 2018 Điều 24 khoản 1', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'TC_CHUYEN_DON', label: 'Chuyển tố cáo không thuộc thẩm quyền', labelEn: 'Transfer a denunciation outside competence',
    ...ON_RECEIPT, amount: 5, ...WD, legalBasis: 'Luật Tố cáo 2018 Điều 24 khoản 2', verification: 'V',
    configurable: false, note: 'Thông báo cho người tố cáo. ' + REVIEW_136 },
  { id: 'TC_THONG_BAO_THU_LY', label: 'Thông báo thụ lý tố cáo', labelEn: 'Notify acceptance of a denunciation',
    startsFrom: 'Ngày ra quyết định thụ lý', startsFromEn: 'Date of the acceptance decision',
    amount: 5, ...WD, legalBasis: 'Luật Tố cáo 2018 Điều 29 khoản 3', verification: 'V', configurable: false,
    note: 'Cho người tố cáo và người bị tố cáo. ' + REVIEW_136 },
  { id: 'TC_GIAI_QUYET', label: 'Giải quyết tố cáo', labelEn: 'Resolve a denunciation', ...ON_ACCEPTANCE,
    amount: 30, ...CD,
    extension: { amount: 30, maxCount: { THUONG: 0, PHUC_TAP: 1, DAC_BIET_PHUC_TAP: 2 },
      condition: 'Vụ việc phức tạp: gia hạn 1 lần; đặc biệt phức tạp: 2 lần, mỗi lần ≤ 30 ngày (quyết định gia hạn bằng văn bản)',
      conditionEn: 'Complex: one extension; especially complex: two, each ≤ 30 days (written extension decision)' },
    legalBasis: 'Luật Tố cáo 2018 Điều 30; NĐ 31/2019/NĐ-CP Điều 3', verification: 'V', configurable: false,
    note: REVIEW_136 },
  { id: 'TC_YEU_CAU_BAO_CAO_QUA_HAN', label: 'Cấp trên yêu cầu báo cáo tố cáo quá hạn',
    labelEn: 'Superior requests a report on an overdue denunciation',
    startsFrom: 'Ngày nhận tố cáo tiếp', startsFromEn: 'Date the renewed denunciation is received',
    amount: 5, ...WD, legalBasis: 'Luật Tố cáo 2018 Điều 38', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'TC_BAO_CAO_QUA_HAN', label: 'Cấp dưới báo cáo tố cáo quá hạn',
    labelEn: 'Subordinate reports on an overdue denunciation',
    startsFrom: 'Ngày nhận yêu cầu của cấp trên', startsFromEn: "Date the superior's request is received",
    amount: 5, ...WD, legalBasis: 'Luật Tố cáo 2018 Điều 38', verification: 'V', configurable: false, note: REVIEW_136 },
  { id: 'TC_CONG_KHAI_KET_LUAN', label: 'Niêm yết công khai kết luận nội dung tố cáo',
    labelEn: 'Public posting of a denunciation conclusion (last day)',
    startsFrom: 'Ngày bắt đầu niêm yết (được tính)', startsFromEn: 'First day of posting (counted)',
    amount: 15, unit: 'CALENDAR_DAYS', countFrom: 'SAME_DAY', rollOverDayOff: false,
    legalBasis: 'NĐ 31/2019/NĐ-CP Điều 6', verification: 'S', configurable: true,
    note: 'Niêm yết liên tục ít nhất 15 ngày; kết quả là ngày niêm yết cuối cùng' },

  // — Records and voter recommendations —
  { id: 'LUU_DON', label: 'Thời hạn lưu đơn', labelEn: 'Retention of archived petitions',
    startsFrom: 'Ngày lưu đơn', startsFromEn: 'Date the petition is archived',
    amount: 1, unit: 'YEARS', countFrom: 'NEXT_DAY', rollOverDayOff: false,
    legalBasis: 'TT 05/2021/TT-TTCP Điều 28', verification: 'V', configurable: false,
    note: 'Hết hạn thì thủ trưởng quyết định tiêu hủy' },
  { id: 'KNCT_TRA_LOI', label: 'Trả lời kiến nghị cử tri', labelEn: "Answer a voters' recommendation",
    startsFrom: 'Ngày nhận kiến nghị', startsFromEn: 'Date the recommendation is received',
    amount: 60, ...CD, legalBasis: 'QĐ 33/2017/QĐ-TTg Điều 12, sửa bởi QĐ 30/2020/QĐ-TTg', verification: 'V',
    configurable: false }
] as const satisfies readonly DeadlineRule[];

export type DeadlineRuleId = (typeof DEADLINE_RULES)[number]['id'];

const RULE_BY_ID: ReadonlyMap<string, DeadlineRule> = new Map(DEADLINE_RULES.map((r) => [r.id, r]));

function invalidRule(message: string, messageVi: string): CalendarError {
  return new CalendarError('calendar.invalid_rule', message, messageVi);
}

export function getDeadlineRule(id: DeadlineRuleId, rules: readonly DeadlineRule[] = DEADLINE_RULES): DeadlineRule {
  const rule = rules === DEADLINE_RULES ? RULE_BY_ID.get(id) : rules.find((r) => r.id === id);
  if (rule === undefined) {
    throw invalidRule(`Unknown deadline rule: ${id}`, `Không có quy tắc thời hạn: ${id}`);
  }
  return rule;
}

/** The number of units a case gets under `rule`: variant for its circumstances plus extensions. */
export function deadlineAmount(rule: DeadlineRule, c: DeadlineCircumstances = {}): number {
  const complex = c.complexity === 'PHUC_TAP' || c.complexity === 'DAC_BIET_PHUC_TAP';
  const v = rule.variants ?? {};
  const base =
    (c.remoteArea === true && complex ? v.remoteComplex : undefined) ??
    (c.remoteArea === true ? v.remote : undefined) ??
    (complex ? v.complex : undefined) ??
    rule.amount;
  const extensions = c.extensions ?? 0;
  const allowed = (rule.extension?.maxCount ?? NONE)[c.complexity ?? 'THUONG'];
  if (!Number.isInteger(extensions) || extensions < 0 || extensions > allowed) {
    throw invalidRule(
      `${rule.id} allows ${allowed} extension(s) for complexity ${c.complexity ?? 'THUONG'}, got ${extensions}`,
      `${rule.label}: được gia hạn tối đa ${allowed} lần với mức độ ${c.complexity ?? 'THUONG'}, nhận được ${extensions}`
    );
  }
  return base + extensions * (rule.extension?.amount ?? 0);
}

/**
 * The last day to act under `rule` for an event on `start` (inclusive: the act is on time until the
 * end of that day). Working-day limits: the n-th working day after start. Calendar-day limits:
 * start + n (start + n − 1 for SAME_DAY), rolled to the next working day if `rollOverDayOff`.
 */
export function computeDeadline(
  rule: DeadlineRule,
  start: IsoDate,
  calendar: Pick<WorkingCalendar, 'addWorkingDays' | 'workingDayOnOrAfter'>,
  circumstances: DeadlineCircumstances = {}
): IsoDate {
  const from = parseIsoDate(start);
  if ((rule.effectiveFrom !== undefined && from < rule.effectiveFrom) || (rule.effectiveTo !== undefined && from > rule.effectiveTo)) {
    throw invalidRule(
      `${rule.id} is not in force on ${from}`,
      `Quy tắc "${rule.label}" không áp dụng cho ngày ${from}`
    );
  }
  const n = deadlineAmount(rule, circumstances);
  if (rule.unit === 'WORKING_DAYS') {
    return calendar.addWorkingDays(from, n);
  }
  const offset = rule.countFrom === 'SAME_DAY' ? -1 : 0;
  const due = rule.unit === 'YEARS' ? addDays(addYears(from, n), offset) : addDays(from, n + offset);
  return rule.rollOverDayOff ? calendar.workingDayOnOrAfter(due) : due;
}

/** An administrator's setting for one rule. */
export interface DeadlineSetting {
  amount?: number;
  unit?: DeadlineUnit;
  variants?: DeadlineRule['variants'];
  /** Required to change a rule that is not `configurable`: the document that changed the limit. */
  legalBasis?: string;
  effectiveFrom?: IsoDate;
  effectiveTo?: IsoDate;
}

function checkAmount(id: string, field: string, n: number | undefined): void {
  if (n !== undefined && (!Number.isInteger(n) || n <= 0 || n > 3650)) {
    throw invalidRule(`${id}.${field} must be a positive integer, got ${n}`, `${id}.${field} phải là số nguyên dương, nhận được ${n}`);
  }
}

/** `rules` with administrator settings applied; validates every setting, returns new objects. */
export function applyDeadlineSettings(
  settings: Readonly<Record<string, DeadlineSetting>>,
  rules: readonly DeadlineRule[] = DEADLINE_RULES
): DeadlineRule[] {
  for (const id of Object.keys(settings)) {
    if (!rules.some((r) => r.id === id)) {
      throw invalidRule(`Unknown deadline rule: ${id}`, `Không có quy tắc thời hạn: ${id}`);
    }
  }
  return rules.map((rule) => {
    const s = settings[rule.id];
    if (s === undefined) {
      return rule;
    }
    if (!rule.configurable && (s.legalBasis === undefined || s.legalBasis.trim() === '')) {
      throw invalidRule(
        `${rule.id} is set by law (${rule.legalBasis}); changing it requires the new legalBasis`,
        `${rule.label} do luật định (${rule.legalBasis}); muốn đổi phải ghi văn bản căn cứ mới`
      );
    }
    checkAmount(rule.id, 'amount', s.amount);
    for (const [k, v] of Object.entries(s.variants ?? {})) {
      checkAmount(rule.id, `variants.${k}`, v);
    }
    if (s.unit !== undefined && !(DEADLINE_UNITS as readonly string[]).includes(s.unit)) {
      throw invalidRule(`${rule.id}.unit must be one of ${DEADLINE_UNITS.join(', ')}`, `${rule.id}.unit không hợp lệ`);
    }
    for (const d of [s.effectiveFrom, s.effectiveTo]) {
      if (d !== undefined) {
        parseIsoDate(d);
      }
    }
    return { ...rule, ...s, legalBasis: s.legalBasis ?? rule.legalBasis };
  });
}
