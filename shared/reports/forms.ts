/**
 * The statistical report forms (DOMAIN.md §4). Rows and columns with their Vietnamese labels;
 * what each cell counts is defined once on the server (server/modules/reports/form-cells.ts),
 * for the figure and for the list behind it. The layouts follow the form families DOMAIN.md
 * lists from secondary sources [S] and must be checked against the TT 06/2025 appendix: they are
 * templates here, not copies of the official forms.
 */
type Label = { vi: string; en: string };

export interface FormCell {
  code: string;
  label: Label;
  /** Column group shown above the label in the exported layout. */
  group: Label;
  /** A cell that is the sum of others (no query of its own). */
  sumOf?: readonly string[];
}

export interface ReportForm {
  code: string;
  title: Label;
  cells: readonly FormCell[];
}

const G = {
  total: { vi: 'Tổng số đơn', en: 'Petitions' },
  processed: { vi: 'Đã xử lý', en: 'Processed' },
  content: { vi: 'Phân loại theo nội dung', en: 'By content' },
  result: { vi: 'Kết quả xử lý', en: 'Outcome' }
};

/** 01/XLD: xử lý đơn (processing of petitions). */
export const FORM_01_XLD: ReportForm = {
  code: '01-XLD',
  title: { vi: 'Biểu số 01/XLD: Tổng hợp kết quả xử lý đơn', en: 'Form 01/XLD: petition processing' },
  cells: [
    { code: 'TONG', label: { vi: 'Tổng số đơn', en: 'Total' }, group: G.total, sumOf: ['KY_TRUOC', 'TRONG_KY'] },
    { code: 'KY_TRUOC', label: { vi: 'Kỳ trước chuyển sang', en: 'Carried over' }, group: G.total },
    { code: 'TRONG_KY', label: { vi: 'Tiếp nhận trong kỳ', en: 'Received in the period' }, group: G.total },
    { code: 'MOT_NGUOI', label: { vi: 'Một người đứng tên', en: 'One signer' }, group: G.total },
    { code: 'NHIEU_NGUOI', label: { vi: 'Nhiều người đứng tên', en: 'Several signers' }, group: G.total },
    { code: 'KHAC', label: { vi: 'Đơn khác (tổ chức, nặc danh)', en: 'Other (organisations, anonymous)' }, group: G.total },
    { code: 'DA_XU_LY', label: { vi: 'Số đơn đã xử lý', en: 'Processed' }, group: G.processed },
    { code: 'DU_DIEU_KIEN', label: { vi: 'Đơn đủ điều kiện xử lý', en: 'Eligible' }, group: G.processed },
    { code: 'KHIEU_NAI', label: { vi: 'Khiếu nại', en: 'Complaints' }, group: G.content },
    { code: 'TO_CAO', label: { vi: 'Tố cáo', en: 'Denunciations' }, group: G.content },
    { code: 'KIEN_NGHI_PHAN_ANH', label: { vi: 'Kiến nghị, phản ánh', en: 'Recommendations, reflections' }, group: G.content },
    { code: 'NHIEU_NOI_DUNG', label: { vi: 'Nhiều nội dung', en: 'Several contents' }, group: G.content },
    { code: 'THUOC_THAM_QUYEN', label: { vi: 'Thuộc thẩm quyền', en: 'Within competence' }, group: G.result },
    { code: 'HUONG_DAN', label: { vi: 'Hướng dẫn', en: 'Guided' }, group: G.result },
    { code: 'CHUYEN_DON', label: { vi: 'Chuyển đơn', en: 'Transferred' }, group: G.result },
    { code: 'DON_DOC', label: { vi: 'Đôn đốc', en: 'Urged' }, group: G.result },
    { code: 'LUU_DON', label: { vi: 'Lưu đơn', en: 'Archived' }, group: G.result },
    { code: 'PHUC_DAP', label: { vi: 'Nhận văn bản phúc đáp', en: 'Replies received' }, group: G.result }
  ]
};

export const REPORT_FORMS: readonly ReportForm[] = [FORM_01_XLD];
