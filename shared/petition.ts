/**
 * Petition vocabulary shared by server and web. Codes are stable identifiers stored in the
 * database; labels are what officials read (Vietnamese first, English second).
 * Source: DOMAIN.md §1 (TT 05/2021/TT-TTCP Điều 6, classification by content).
 */
export const PETITION_TYPES = ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'] as const;
export type PetitionType = (typeof PETITION_TYPES)[number];

export const PETITION_TYPE_LABELS: Record<PetitionType, { vi: string; en: string }> = {
  KHIEU_NAI: { vi: 'Khiếu nại', en: 'Complaint' },
  TO_CAO: { vi: 'Tố cáo', en: 'Denunciation' },
  KIEN_NGHI: { vi: 'Kiến nghị', en: 'Recommendation' },
  PHAN_ANH: { vi: 'Phản ánh', en: 'Reflection' }
};

/** The first states of the procedure (DOMAIN.md §1.4); the full state machine comes with the procedure. */
export const PETITION_STATUSES = ['NHAN_DON', 'PHAN_LOAI'] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const PETITION_STATUS_LABELS: Record<PetitionStatus, { vi: string; en: string }> = {
  NHAN_DON: { vi: 'Đã tiếp nhận', en: 'Received' },
  PHAN_LOAI: { vi: 'Đang phân loại', en: 'Being classified' }
};

/** Limits a clerk can understand: a summary is a summary, not the whole letter (attachments carry that). */
export const PETITION_SUMMARY_MAX = 5000;
export const PETITION_SUMMARY_MIN = 10;

/** Receipt number (mã đơn): unit code, year, sequence; unique nationally because unit codes are. */
export function formatPetitionCode(unitCode: string, year: number, seq: number): string {
  return `${unitCode}-${year}-${String(seq).padStart(6, '0')}`;
}
