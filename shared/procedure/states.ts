/**
 * The states of a petition in the procedure of TT 05/2021/TT-TTCP, the Complaints Law and the
 * Denunciations Law (DOMAIN.md §1.4, derived). Codes are stored in the database; labels are what
 * officials read. A state is "open" while the petition still waits for an act of ours with a
 * deadline; closed states leave our active work (they may still be followed up).
 */
export const PETITION_STATUSES = [
  'NHAN_DON',
  'PHAN_LOAI',
  'CHUYEN_DEN',
  'DE_XUAT_THU_LY',
  'DANG_GIAI_QUYET',
  'XAC_MINH',
  'TAM_DINH_CHI',
  'DA_CO_KET_LUAN',
  'KET_THUC',
  'HUONG_DAN',
  'CHO_PHUC_DAP',
  'DA_PHUC_DAP',
  'TRA_LAI',
  'LUU_DON',
  'TRUNG_LAP',
  'KHONG_THU_LY',
  'DINH_CHI'
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const PETITION_STATUS_LABELS: Record<PetitionStatus, { vi: string; en: string }> = {
  NHAN_DON: { vi: 'Đã tiếp nhận', en: 'Received' },
  PHAN_LOAI: { vi: 'Đã phân loại, chờ xử lý', en: 'Classified, awaiting handling' },
  CHUYEN_DEN: { vi: 'Được chuyển đến, chờ tiếp nhận', en: 'Transferred in, awaiting receipt' },
  DE_XUAT_THU_LY: { vi: 'Đề xuất thụ lý', en: 'Proposed for acceptance' },
  DANG_GIAI_QUYET: { vi: 'Đã thụ lý, đang giải quyết', en: 'Accepted, being resolved' },
  XAC_MINH: { vi: 'Đang xác minh', en: 'Under verification' },
  TAM_DINH_CHI: { vi: 'Tạm đình chỉ giải quyết', en: 'Resolution suspended' },
  DA_CO_KET_LUAN: { vi: 'Đã có quyết định / kết luận, theo dõi thực hiện', en: 'Decided or concluded; implementation followed up' },
  KET_THUC: { vi: 'Kết thúc', en: 'Closed' },
  HUONG_DAN: { vi: 'Đã hướng dẫn người gửi', en: 'Sender guided to the competent body' },
  CHO_PHUC_DAP: { vi: 'Đã chuyển đơn, chờ phúc đáp', en: 'Transferred out, awaiting reply' },
  DA_PHUC_DAP: { vi: 'Đã nhận phúc đáp', en: 'Reply received' },
  TRA_LAI: { vi: 'Đã trả lại đơn', en: 'Returned to the sender' },
  LUU_DON: { vi: 'Lưu đơn', en: 'Archived' },
  TRUNG_LAP: { vi: 'Đơn trùng, đã gộp vào vụ việc', en: 'Duplicate, merged into a case' },
  KHONG_THU_LY: { vi: 'Không thụ lý', en: 'Not accepted' },
  DINH_CHI: { vi: 'Đình chỉ (rút đơn)', en: 'Discontinued (withdrawn)' }
};

/** States in which the petition still waits for our act (and so carries a due date). */
export const OPEN_STATUSES: readonly PetitionStatus[] = ['NHAN_DON', 'PHAN_LOAI', 'CHUYEN_DEN', 'DE_XUAT_THU_LY', 'DANG_GIAI_QUYET', 'XAC_MINH', 'TAM_DINH_CHI'];

export function isOpenStatus(status: PetitionStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Results of a decision on a complaint (Luật KN) or a conclusion on a denunciation (Luật TC). */
export const RESOLUTION_RESULTS = ['DUNG', 'DUNG_MOT_PHAN', 'SAI'] as const;
export type ResolutionResult = (typeof RESOLUTION_RESULTS)[number];

export const RESOLUTION_RESULT_LABELS: Record<'KHIEU_NAI' | 'TO_CAO', Record<ResolutionResult, { vi: string; en: string }>> = {
  KHIEU_NAI: {
    DUNG: { vi: 'Khiếu nại đúng', en: 'Complaint right' },
    DUNG_MOT_PHAN: { vi: 'Khiếu nại đúng một phần', en: 'Complaint partly right' },
    SAI: { vi: 'Khiếu nại sai', en: 'Complaint wrong' }
  },
  TO_CAO: {
    DUNG: { vi: 'Tố cáo đúng', en: 'Denunciation founded' },
    DUNG_MOT_PHAN: { vi: 'Tố cáo đúng một phần', en: 'Denunciation partly founded' },
    SAI: { vi: 'Tố cáo sai', en: 'Denunciation unfounded' }
  }
};
