/**
 * The statistical report forms (DOMAIN.md §4) as data: the column headers (groups and cells with
 * their Vietnamese labels and column numbers) and, for every cell, WHAT it counts, as a query
 * definition the server compiles into one SQL predicate that serves both the figure and the list
 * behind it (server/modules/reports/form-query.ts). The rows of a form are the reporting unit's
 * own work, each unit directly under it (with its subtree), and the total.
 *
 * The layouts follow the form families DOMAIN.md lists from secondary sources [S] (codes as a
 * vendor's implementation uses them); they are configurable templates here, not copies of the
 * TT 06/2025 appendix, which must be checked before official use. Columns the procedure does not
 * record yet (money and land recovered, prior resolution status, …) are kept in the layout with
 * `query: null` and exported blank.
 */
type Label = { vi: string; en: string };

/**
 * Where a figure comes from (server/db/migrations/0013_reports.sql explains the facts):
 * - XLD: stints of letters waiting to be processed at a unit (xử lý đơn);
 * - GQ: stints of cases being resolved by a unit after acceptance (giải quyết);
 * - EVENT: single steps (urging, replies received, extensions);
 * - VISIT: lines of the reception book (reception_visits with their session);
 * - SESSION: periodic and ad-hoc receptions held (reception_sessions).
 */
export type CellSource = 'XLD' | 'GQ' | 'EVENT' | 'VISIT' | 'SESSION';

/**
 * Which rows of the source, for a period [from, until):
 * - START: open when the period starts (kỳ trước chuyển sang): in_at < from, not ended before from;
 * - IN: began in the period (received, transferred in, accepted; a step or a visit on a day of it);
 * - OUT: ended in the period (processed, resolved);
 * - END: still open when the period ends (chuyển kỳ sau): in_at < until, not ended before until;
 * - TOTAL: START or IN (everything the unit had to deal with in the period).
 */
export type CellWindow = 'START' | 'IN' | 'OUT' | 'END' | 'TOTAL';

/** What is counted: rows, distinct cases (vụ việc) per unit, or people (sum of a visit's group size). */
export type CellMeasure = 'COUNT' | 'CASES' | 'PEOPLE';

/** Filters on the facts' columns (report_facts, or the reception book for VISIT/SESSION). */
export interface CellFilter {
  typeIn?: readonly string[];
  typeOut?: readonly string[];
  senderKind?: readonly string[];
  outAction?: readonly string[];
  inAction?: readonly string[];
  eligible?: boolean;
  result?: readonly string[];
  round?: readonly number[];
  /** true: ended on time or with no time limit; false: ended late. */
  onTime?: boolean;
  sessionType?: readonly string[];
  hostMode?: readonly string[];
  visitRound?: readonly string[];
  group?: boolean;
}

export interface CellQuery {
  source: CellSource;
  window: CellWindow;
  where?: CellFilter;
  measure?: CellMeasure;
}

export interface FormCell {
  kind: 'cell';
  code: string;
  label: Label;
  /** null: a column of the official layout the system does not record (exported blank). */
  query: CellQuery | null;
  /** Why a column is blank, or how it is counted, for the footnote. */
  note?: Label;
}

export interface ColumnGroup {
  kind: 'group';
  label: Label;
  children: readonly FormColumn[];
}
export type FormColumn = FormCell | ColumnGroup;

export interface ReportForm {
  code: string;
  /** Code as printed on the form ("Biểu số 01/XLD"). */
  number: string;
  title: Label;
  columns: readonly FormColumn[];
  /** Sums that must hold on every row (checked by the tests): total = sum of parts. */
  identities: readonly { total: string; parts: readonly string[] }[];
  notes: readonly Label[];
}

const L = (vi: string, en: string): Label => ({ vi, en });
const cell = (code: string, vi: string, en: string, query: CellQuery | null, note?: Label): FormCell => ({ kind: 'cell', code, label: L(vi, en), query, note });
const group = (vi: string, en: string, children: readonly FormColumn[]): ColumnGroup => ({ kind: 'group', label: L(vi, en), children });
const NOT_RECORDED = L('Hệ thống chưa ghi nhận chỉ tiêu này; để trống', 'Not recorded by the system yet; left blank');

const XLD = (window: CellWindow, where?: CellFilter, measure?: CellMeasure): CellQuery => ({ source: 'XLD', window, where, measure });
const PROCESSED = (where?: CellFilter, measure?: CellMeasure) => XLD('OUT', where, measure);
const ELIGIBLE = (where?: CellFilter) => PROCESSED({ eligible: true, ...where });

/** 01/XLD: xử lý đơn (processing of petitions, TT 05/2021). */
export const FORM_01_XLD: ReportForm = {
  code: '01-XLD',
  number: '01/XLD',
  title: L('Biểu số 01/XLD: Tổng hợp kết quả xử lý đơn', 'Form 01/XLD: petition processing'),
  columns: [
    group('Tiếp nhận', 'Received', [
      cell('TONG', 'Tổng số đơn', 'Total petitions', XLD('TOTAL')),
      cell('KY_TRUOC', 'Kỳ trước chuyển sang', 'Carried over', XLD('START'), L('Đơn đơn vị đã nhận trước kỳ, chưa xử lý tại ngày đầu kỳ', 'Received before the period, not yet processed on its first day')),
      group('Tiếp nhận trong kỳ', 'Received in the period', [
        cell('TRONG_KY', 'Tổng', 'Total', XLD('IN'), L('Nhận trực tiếp, qua bưu chính, được chuyển đến hoặc trả lại trong kỳ (theo ngày nhận đơn)', 'Received, transferred in or sent back in the period (by date of receipt)')),
        cell('MOT_NGUOI', 'Một người đứng tên', 'One signer', XLD('IN', { senderKind: ['CA_NHAN'] })),
        cell('NHIEU_NGUOI', 'Nhiều người đứng tên', 'Several signers', XLD('IN', { senderKind: ['NHIEU_NGUOI'] })),
        cell('KHAC', 'Đơn khác (cơ quan, tổ chức; nặc danh)', 'Other (organisations, anonymous)', XLD('IN', { senderKind: ['TO_CHUC', 'NAC_DANH'] }))
      ])
    ]),
    group('Đã xử lý', 'Processed', [
      cell('DA_XU_LY', 'Số đơn đã xử lý', 'Processed', PROCESSED()),
      group('Đơn đủ điều kiện xử lý', 'Eligible for processing', [
        cell('DU_DK_DON', 'Số đơn', 'Petitions', ELIGIBLE()),
        cell('DU_DK_VU_VIEC', 'Số vụ việc', 'Cases', PROCESSED({ eligible: true }, 'CASES'), L('Vụ việc khác nhau của các đơn đủ điều kiện đã xử lý (đơn trùng gộp vào một vụ việc)', 'Distinct cases of the eligible petitions processed (duplicates merged into one case)'))
      ])
    ]),
    group('Phân loại đơn đủ điều kiện theo nội dung', 'Eligible petitions by content', [
      cell('KHIEU_NAI', 'Khiếu nại', 'Complaints', ELIGIBLE({ typeOut: ['KHIEU_NAI'] })),
      cell('TO_CAO', 'Tố cáo', 'Denunciations', ELIGIBLE({ typeOut: ['TO_CAO'] })),
      cell('KIEN_NGHI_PHAN_ANH', 'Kiến nghị, phản ánh', 'Recommendations, reflections', ELIGIBLE({ typeOut: ['KIEN_NGHI', 'PHAN_ANH'] })),
      cell('NHIEU_NOI_DUNG', 'Nhiều nội dung', 'Several contents', ELIGIBLE({ typeOut: ['NHIEU_NOI_DUNG'] }))
    ]),
    group('Theo tình trạng giải quyết', 'By prior resolution', [
      cell('DA_GQ_TRUOC', 'Đã được giải quyết', 'Already resolved', null, NOT_RECORDED),
      cell('DANG_GQ_TRUOC', 'Đang giải quyết', 'Being resolved', null, NOT_RECORDED),
      cell('CHUA_GQ_TRUOC', 'Chưa được giải quyết', 'Not yet resolved', null, NOT_RECORDED)
    ]),
    group('Kết quả xử lý', 'Outcome of processing', [
      group('Thuộc thẩm quyền', 'Within competence', [
        cell('TTQ_KHIEU_NAI', 'Khiếu nại (đề xuất thụ lý)', 'Complaints (proposed for acceptance)', PROCESSED({ outAction: ['DE_XUAT_THU_LY'], typeOut: ['KHIEU_NAI'] })),
        cell('TTQ_TO_CAO', 'Tố cáo (đề xuất thụ lý)', 'Denunciations (proposed for acceptance)', PROCESSED({ outAction: ['DE_XUAT_THU_LY'], typeOut: ['TO_CAO'] })),
        cell('TTQ_KNPA', 'Kiến nghị, phản ánh (giao giải quyết)', 'Recommendations, reflections (assigned)', PROCESSED({ outAction: ['GIAO_GIAI_QUYET'] }))
      ]),
      group('Không thuộc thẩm quyền', 'Outside competence', [
        cell('HUONG_DAN', 'Hướng dẫn', 'Guided', PROCESSED({ outAction: ['HUONG_DAN'] })),
        cell('CHUYEN_DON', 'Chuyển đơn', 'Transferred', PROCESSED({ outAction: ['CHUYEN_DON_NOI_BO', 'CHUYEN_DON_NGOAI'] }))
      ]),
      group('Khác', 'Other', [
        cell('TRA_LAI', 'Trả lại đơn', 'Returned', PROCESSED({ outAction: ['TRA_LAI_DON', 'TRA_LAI_CHUYEN'] })),
        cell('LUU_DON', 'Lưu đơn', 'Archived', PROCESSED({ outAction: ['LUU_DON'] })),
        cell('GOP_VU_VIEC', 'Đơn trùng, gộp vụ việc', 'Duplicates merged', PROCESSED({ outAction: ['GOP_VU_VIEC'] })),
        cell('RUT_DON', 'Rút đơn', 'Withdrawn', PROCESSED({ outAction: ['RUT_DON'] }))
      ])
    ]),
    group('Theo dõi đơn đã chuyển', 'Follow-up of transfers', [
      cell('DON_DOC', 'Số lần đôn đốc', 'Urgings', { source: 'EVENT', window: 'IN', where: { inAction: ['DON_DOC'] } }),
      cell('PHUC_DAP', 'Văn bản phúc đáp nhận được', 'Replies received', { source: 'EVENT', window: 'IN', where: { inAction: ['NHAN_PHUC_DAP'] } })
    ]),
    cell('CHUA_XU_LY', 'Đơn chưa xử lý chuyển kỳ sau', 'Not yet processed, carried forward', XLD('END'))
  ],
  identities: [
    { total: 'TONG', parts: ['KY_TRUOC', 'TRONG_KY'] },
    { total: 'TONG', parts: ['DA_XU_LY', 'CHUA_XU_LY'] },
    { total: 'TRONG_KY', parts: ['MOT_NGUOI', 'NHIEU_NGUOI', 'KHAC'] },
    { total: 'DU_DK_DON', parts: ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI_PHAN_ANH', 'NHIEU_NOI_DUNG'] },
    { total: 'DA_XU_LY', parts: ['TTQ_KHIEU_NAI', 'TTQ_TO_CAO', 'TTQ_KNPA', 'HUONG_DAN', 'CHUYEN_DON', 'TRA_LAI', 'LUU_DON', 'GOP_VU_VIEC', 'RUT_DON'] }
  ],
  notes: [
    L('Mỗi đơn vị tính việc của chính mình: đơn chuyển giữa hai đơn vị được tính là "chuyển đơn" ở đơn vị chuyển và "tiếp nhận" ở đơn vị nhận; dòng tổng là tổng các dòng.', 'Each unit counts its own work: a letter transferred between two units is "transferred" at the sender and "received" at the receiver; the total row is the sum of the rows.')
  ]
};

const GQ = (type: string, window: CellWindow, where?: CellFilter, measure?: CellMeasure): CellQuery => ({ source: 'GQ', window, where: { typeIn: [type], ...where }, measure });

/** 01/KQGQ: complaints resolved within competence (Luật Khiếu nại). */
export const FORM_01_KQGQ: ReportForm = {
  code: '01-KQGQ',
  number: '01/KQGQ',
  title: L('Biểu số 01/KQGQ: Tổng hợp kết quả giải quyết khiếu nại', 'Form 01/KQGQ: complaints resolved'),
  columns: [
    group('Đơn, vụ việc thuộc thẩm quyền phải giải quyết', 'To be resolved within competence', [
      cell('TONG_DON', 'Tổng số đơn', 'Petitions', GQ('KHIEU_NAI', 'TOTAL')),
      cell('TONG_VU_VIEC', 'Tổng số vụ việc', 'Cases', GQ('KHIEU_NAI', 'TOTAL', {}, 'CASES')),
      cell('KY_TRUOC', 'Kỳ trước chuyển sang', 'Carried over', GQ('KHIEU_NAI', 'START'), L('Đã thụ lý trước kỳ, chưa giải quyết xong tại ngày đầu kỳ', 'Accepted before the period, unresolved on its first day')),
      cell('THU_LY_MOI', 'Thụ lý mới trong kỳ', 'Accepted in the period', GQ('KHIEU_NAI', 'IN'))
    ]),
    group('Đã giải quyết', 'Resolved', [
      cell('DA_GQ', 'Tổng số', 'Total', GQ('KHIEU_NAI', 'OUT')),
      cell('RUT_DON', 'Rút đơn (đình chỉ)', 'Withdrawn', GQ('KHIEU_NAI', 'OUT', { outAction: ['RUT_DON'] })),
      cell('BANG_QD', 'Bằng quyết định giải quyết', 'By a decision', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'] }))
    ]),
    group('Kết quả giải quyết lần đầu', 'First-round results', [
      cell('L1_DUNG', 'Khiếu nại đúng', 'Right', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'], round: [1], result: ['DUNG'] })),
      cell('L1_SAI', 'Khiếu nại sai', 'Wrong', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'], round: [1], result: ['SAI'] })),
      cell('L1_DUNG_MOT_PHAN', 'Khiếu nại đúng một phần', 'Partly right', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'], round: [1], result: ['DUNG_MOT_PHAN'] }))
    ]),
    group('Kết quả giải quyết lần hai', 'Second-round results', [
      cell('L2_CONG_NHAN', 'Công nhận quyết định lần đầu', 'First decision upheld', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'], round: [2], result: ['SAI'] }), L('Khiếu nại lần hai sai: giữ nguyên quyết định lần đầu', 'Second complaint wrong: the first decision stands')),
      cell('L2_HUY_SUA', 'Hủy, sửa quyết định lần đầu', 'First decision annulled or amended', GQ('KHIEU_NAI', 'OUT', { outAction: ['KET_LUAN'], round: [2], result: ['DUNG', 'DUNG_MOT_PHAN'] }))
    ]),
    group('Kiến nghị thu hồi cho Nhà nước, trả lại cho công dân', 'Recovery and restitution', [
      cell('TIEN', 'Tiền (triệu đồng)', 'Money (million VND)', null, NOT_RECORDED),
      cell('DAT', 'Đất (m²)', 'Land (m²)', null, NOT_RECORDED),
      cell('NGUOI_DUOC_TRA', 'Số người được trả lại quyền lợi', 'People whose rights were restored', null, NOT_RECORDED)
    ]),
    group('Kiến nghị xử lý', 'Recommended action', [
      cell('XL_HANH_CHINH', 'Xử lý hành chính (người)', 'Administrative (people)', null, NOT_RECORDED),
      cell('CHUYEN_DIEU_TRA', 'Chuyển cơ quan điều tra (vụ)', 'To investigators (cases)', null, NOT_RECORDED)
    ]),
    group('Thời hạn giải quyết', 'Time limit', [
      cell('DUNG_HAN', 'Đúng hạn', 'On time', GQ('KHIEU_NAI', 'OUT', { onTime: true })),
      cell('QUA_HAN', 'Quá hạn', 'Late', GQ('KHIEU_NAI', 'OUT', { onTime: false }))
    ]),
    cell('CHUA_GQ', 'Chưa giải quyết xong, chuyển kỳ sau', 'Unresolved, carried forward', GQ('KHIEU_NAI', 'END'))
  ],
  identities: [
    { total: 'TONG_DON', parts: ['KY_TRUOC', 'THU_LY_MOI'] },
    { total: 'TONG_DON', parts: ['DA_GQ', 'CHUA_GQ'] },
    { total: 'DA_GQ', parts: ['RUT_DON', 'BANG_QD'] },
    { total: 'BANG_QD', parts: ['L1_DUNG', 'L1_SAI', 'L1_DUNG_MOT_PHAN', 'L2_CONG_NHAN', 'L2_HUY_SUA'] },
    { total: 'DA_GQ', parts: ['DUNG_HAN', 'QUA_HAN'] }
  ],
  notes: [L('Đơn khiếu nại đã có quyết định thụ lý của đơn vị (Luật Khiếu nại Điều 27, 36).', 'Complaints the unit accepted (Complaints Law art. 27, 36).')]
};

/** 03/KQGQ: denunciations resolved (Luật Tố cáo). */
export const FORM_03_KQGQ: ReportForm = {
  code: '03-KQGQ',
  number: '03/KQGQ',
  title: L('Biểu số 03/KQGQ: Tổng hợp kết quả giải quyết tố cáo', 'Form 03/KQGQ: denunciations resolved'),
  columns: [
    group('Đơn, vụ việc thuộc thẩm quyền phải giải quyết', 'To be resolved within competence', [
      cell('TONG_DON', 'Tổng số đơn', 'Petitions', GQ('TO_CAO', 'TOTAL')),
      cell('TONG_VU_VIEC', 'Tổng số vụ việc', 'Cases', GQ('TO_CAO', 'TOTAL', {}, 'CASES')),
      cell('KY_TRUOC', 'Kỳ trước chuyển sang', 'Carried over', GQ('TO_CAO', 'START')),
      cell('THU_LY_MOI', 'Thụ lý mới trong kỳ', 'Accepted in the period', GQ('TO_CAO', 'IN'))
    ]),
    group('Đã giải quyết', 'Resolved', [
      cell('DA_GQ', 'Tổng số', 'Total', GQ('TO_CAO', 'OUT')),
      cell('RUT_TO_CAO', 'Rút toàn bộ tố cáo (đình chỉ)', 'Withdrawn', GQ('TO_CAO', 'OUT', { outAction: ['RUT_DON'] })),
      cell('BANG_KL', 'Bằng kết luận nội dung tố cáo', 'By a conclusion', GQ('TO_CAO', 'OUT', { outAction: ['KET_LUAN'] }))
    ]),
    group('Kết quả giải quyết', 'Results', [
      cell('TC_DUNG', 'Tố cáo đúng', 'Founded', GQ('TO_CAO', 'OUT', { outAction: ['KET_LUAN'], result: ['DUNG'] })),
      cell('TC_DUNG_MOT_PHAN', 'Tố cáo đúng một phần', 'Partly founded', GQ('TO_CAO', 'OUT', { outAction: ['KET_LUAN'], result: ['DUNG_MOT_PHAN'] })),
      cell('TC_SAI', 'Tố cáo sai', 'Unfounded', GQ('TO_CAO', 'OUT', { outAction: ['KET_LUAN'], result: ['SAI'] }))
    ]),
    group('Kiến nghị thu hồi, xử lý', 'Recovery and action recommended', [
      cell('TIEN', 'Thu hồi tiền (triệu đồng)', 'Money recovered (million VND)', null, NOT_RECORDED),
      cell('DAT', 'Thu hồi đất (m²)', 'Land recovered (m²)', null, NOT_RECORDED),
      cell('XL_HANH_CHINH', 'Xử lý hành chính (người)', 'Administrative (people)', null, NOT_RECORDED),
      cell('CHUYEN_DIEU_TRA', 'Chuyển cơ quan điều tra (vụ)', 'To investigators (cases)', null, NOT_RECORDED)
    ]),
    group('Thời hạn giải quyết', 'Time limit', [
      cell('DUNG_HAN', 'Đúng hạn', 'On time', GQ('TO_CAO', 'OUT', { onTime: true })),
      cell('QUA_HAN', 'Quá hạn', 'Late', GQ('TO_CAO', 'OUT', { onTime: false })),
      cell('GIA_HAN', 'Số quyết định gia hạn', 'Extensions', { source: 'EVENT', window: 'IN', where: { inAction: ['GIA_HAN'], typeIn: ['TO_CAO'] } })
    ]),
    cell('CHUA_GQ', 'Chưa giải quyết xong, chuyển kỳ sau', 'Unresolved, carried forward', GQ('TO_CAO', 'END'))
  ],
  identities: [
    { total: 'TONG_DON', parts: ['KY_TRUOC', 'THU_LY_MOI'] },
    { total: 'TONG_DON', parts: ['DA_GQ', 'CHUA_GQ'] },
    { total: 'DA_GQ', parts: ['RUT_TO_CAO', 'BANG_KL'] },
    { total: 'BANG_KL', parts: ['TC_DUNG', 'TC_DUNG_MOT_PHAN', 'TC_SAI'] },
    { total: 'DA_GQ', parts: ['DUNG_HAN', 'QUA_HAN'] }
  ],
  notes: [L('Tố cáo đã có quyết định thụ lý của đơn vị (Luật Tố cáo Điều 29, 30).', 'Denunciations the unit accepted (Denunciations Law art. 29, 30).')]
};

const V = (window: CellWindow, where: CellFilter, measure: CellMeasure = 'COUNT'): CellQuery => ({ source: 'VISIT', window, where, measure });
const ALL_SESSIONS: CellFilter = {};
const REGULAR: CellFilter = { sessionType: ['THUONG_XUYEN'] };
const HEAD: CellFilter = { sessionType: ['DINH_KY', 'DOT_XUAT'], hostMode: ['THU_TRUONG'] };
const DELEGATE: CellFilter = { sessionType: ['DINH_KY', 'DOT_XUAT'], hostMode: ['UY_QUYEN'] };
const leaderGroup = (prefix: string, vi: string, en: string, where: CellFilter) =>
  group(vi, en, [
    cell(`${prefix}_KY`, 'Số kỳ tiếp', 'Receptions held', { source: 'SESSION', window: 'IN', where }),
    cell(`${prefix}_LUOT`, 'Lượt', 'Visits', V('IN', where)),
    cell(`${prefix}_NGUOI`, 'Người', 'People', V('IN', where, 'PEOPLE')),
    cell(`${prefix}_VU_VIEC`, 'Vụ việc', 'Matters', V('IN', where, 'CASES')),
    cell(`${prefix}_DOAN`, 'Đoàn đông người', 'Groups', V('IN', { ...where, group: true }))
  ]);

/** 01/TCD: citizen reception (regular, periodic and ad hoc; Luật Tiếp công dân, TT 04/2021). */
export const FORM_01_TCD: ReportForm = {
  code: '01-TCD',
  number: '01/TCD',
  title: L('Biểu số 01/TCD: Tổng hợp kết quả tiếp công dân', 'Form 01/TCD: citizen reception'),
  columns: [
    group('Tổng số', 'Total', [
      cell('LUOT', 'Lượt', 'Visits', V('IN', ALL_SESSIONS)),
      cell('NGUOI', 'Người', 'People', V('IN', ALL_SESSIONS, 'PEOPLE')),
      cell('VU_VIEC', 'Vụ việc', 'Matters', V('IN', ALL_SESSIONS, 'CASES'), L('Vụ việc của đơn được ghi nhận khi tiếp; lượt tiếp không kèm đơn là một vụ việc', 'The case of the petition recorded at the visit; a visit without a petition is one matter'))
    ]),
    group('Tiếp thường xuyên', 'Regular reception', [
      cell('TX_LUOT', 'Lượt', 'Visits', V('IN', REGULAR)),
      cell('TX_NGUOI', 'Người', 'People', V('IN', REGULAR, 'PEOPLE')),
      group('Vụ việc', 'Matters', [
        cell('TX_VV_LAN_DAU', 'Tiếp lần đầu', 'First visit', V('IN', { ...REGULAR, visitRound: ['LAN_DAU'] }, 'CASES')),
        cell('TX_VV_NHIEU_LAN', 'Tiếp nhiều lần', 'Repeat visits', V('IN', { ...REGULAR, visitRound: ['NHIEU_LAN'] }, 'CASES'))
      ]),
      group('Đoàn đông người', 'Groups', [
        cell('TX_DOAN', 'Số đoàn', 'Groups', V('IN', { ...REGULAR, group: true })),
        cell('TX_DOAN_NGUOI', 'Người', 'People', V('IN', { ...REGULAR, group: true }, 'PEOPLE'))
      ])
    ]),
    group('Tiếp định kỳ và đột xuất của Thủ trưởng', 'Periodic and ad-hoc reception by heads', [
      leaderGroup('TT', 'Thủ trưởng tiếp', 'By the head', HEAD),
      leaderGroup('UQ', 'Ủy quyền tiếp', 'By a delegate', DELEGATE)
    ])
  ],
  identities: [{ total: 'LUOT', parts: ['TX_LUOT', 'TT_LUOT', 'UQ_LUOT'] }, { total: 'NGUOI', parts: ['TX_NGUOI', 'TT_NGUOI', 'UQ_NGUOI'] }],
  notes: [L('Theo sổ tiếp công dân (TT 04/2021 Mẫu số 03); lượt tính theo ngày tiếp, kỳ tiếp là buổi tiếp đã diễn ra.', 'From the reception book (TT 04/2021 form 03); visits by their date, receptions that took place.')]
};

export const REPORT_FORMS: readonly ReportForm[] = [FORM_01_XLD, FORM_01_KQGQ, FORM_03_KQGQ, FORM_01_TCD];

/** The cells of a form in column order (leaves of the header tree). */
export function formCells(form: ReportForm): FormCell[] {
  const out: FormCell[] = [];
  const walk = (columns: readonly FormColumn[]) => {
    for (const c of columns) c.kind === 'cell' ? out.push(c) : walk(c.children);
  };
  walk(form.columns);
  return out;
}

/** Cells that carry a figure (a query); the others are blank columns of the official layout. */
export function countedCells(form: ReportForm): FormCell[] {
  return formCells(form).filter((c) => c.query !== null);
}

/** Depth of the header tree (rows of headers above the column numbers). */
export function headerDepth(columns: readonly FormColumn[]): number {
  return Math.max(...columns.map((c) => (c.kind === 'cell' ? 1 : 1 + headerDepth(c.children))));
}

/** Each header cell with its place in a grid of `headerDepth` rows (for merged XLSX/PDF headers). */
export interface HeaderBox {
  label: Label;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  code?: string;
}
export function headerLayout(form: ReportForm): { depth: number; boxes: HeaderBox[]; cells: FormCell[] } {
  const depth = headerDepth(form.columns);
  const boxes: HeaderBox[] = [];
  const width = (c: FormColumn): number => (c.kind === 'cell' ? 1 : c.children.reduce((n, k) => n + width(k), 0));
  const place = (columns: readonly FormColumn[], row: number, col: number) => {
    for (const c of columns) {
      const w = width(c);
      if (c.kind === 'cell') boxes.push({ label: c.label, row, col, rowSpan: depth - row, colSpan: 1, code: c.code });
      else {
        boxes.push({ label: c.label, row, col, rowSpan: 1, colSpan: w });
        place(c.children, row + 1, col);
      }
      col += w;
    }
  };
  place(form.columns, 0, 0);
  return { depth, boxes, cells: formCells(form) };
}
