/**
 * The public look-up (issue 4 item 8): what a citizen sees about their own petition, in words
 * for citizens, never the internal state names.
 */
import type { PetitionStatus } from './procedure/states.ts';

type Label = { vi: string; en: string };

const RECEIVED: Label = { vi: 'Đã tiếp nhận, đang xem xét', en: 'Received, being examined' };
const IN_PROGRESS: Label = { vi: 'Đang giải quyết', en: 'Being resolved' };
const DONE: Label = { vi: 'Đã có kết quả', en: 'Resolved' };

export const PUBLIC_STATUS: Record<PetitionStatus, Label> = {
  NHAN_DON: RECEIVED,
  PHAN_LOAI: RECEIVED,
  CHUYEN_DEN: { vi: 'Đã được chuyển đến cơ quan có thẩm quyền', en: 'Passed to the competent body' },
  DE_XUAT_THU_LY: RECEIVED,
  DANG_GIAI_QUYET: IN_PROGRESS,
  XAC_MINH: IN_PROGRESS,
  TAM_DINH_CHI: { vi: 'Tạm dừng giải quyết', en: 'Resolution suspended' },
  DA_CO_KET_LUAN: DONE,
  KET_THUC: DONE,
  HUONG_DAN: { vi: 'Đã hướng dẫn gửi đơn đến cơ quan có thẩm quyền', en: 'Guided to the competent body' },
  CHO_PHUC_DAP: { vi: 'Đã chuyển đến cơ quan có thẩm quyền', en: 'Transferred to the competent body' },
  DA_PHUC_DAP: { vi: 'Đã chuyển đến cơ quan có thẩm quyền', en: 'Transferred to the competent body' },
  TRA_LAI: { vi: 'Đã trả lại đơn', en: 'Returned to the sender' },
  LUU_DON: { vi: 'Đã xử lý xong (lưu đơn)', en: 'Processed (archived)' },
  TRUNG_LAP: { vi: 'Đã gộp với đơn cùng nội dung', en: 'Merged with a letter on the same matter' },
  KHONG_THU_LY: { vi: 'Không thụ lý (đã thông báo lý do)', en: 'Not accepted (reasons notified)' },
  DINH_CHI: { vi: 'Đã dừng do người gửi rút đơn', en: 'Stopped: withdrawn by the sender' }
};

export function publicStatus(status: string): Label {
  return PUBLIC_STATUS[status as PetitionStatus] ?? IN_PROGRESS;
}

/** The URL printed as a QR code on the receipt: the look-up page with the receipt number filled in. */
export function lookupUrl(publicOrigin: string, code: string): string {
  return `${publicOrigin.replace(/\/$/, '')}/tra-cuu?ma=${encodeURIComponent(code)}`;
}

/** The citizen proves the letter is theirs with the last 4 digits of their phone or identity number. */
export const LOOKUP_DIGITS = 4;
