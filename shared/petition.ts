/**
 * Petition vocabulary shared by server and web. Codes are stable identifiers stored in the
 * database; labels are what officials read (Vietnamese first, English second).
 * Source: DOMAIN.md §1 (TT 05/2021/TT-TTCP Điều 6, classification by content).
 */
export const PETITION_TYPES = ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH', 'NHIEU_NOI_DUNG'] as const;
export type PetitionType = (typeof PETITION_TYPES)[number];

export const PETITION_TYPE_LABELS: Record<PetitionType, { vi: string; en: string }> = {
  KHIEU_NAI: { vi: 'Khiếu nại', en: 'Complaint' },
  TO_CAO: { vi: 'Tố cáo', en: 'Denunciation' },
  KIEN_NGHI: { vi: 'Kiến nghị', en: 'Recommendation' },
  PHAN_ANH: { vi: 'Phản ánh', en: 'Reflection' },
  NHIEU_NOI_DUNG: { vi: 'Đơn có nhiều nội dung', en: 'Several contents' }
};

/** The states of the procedure are defined once, in shared/procedure/states.ts. */
export { PETITION_STATUSES, PETITION_STATUS_LABELS, type PetitionStatus } from './procedure/states.ts';

/** Limits a clerk can understand: a summary is a summary, not the whole letter (attachments carry that). */
export const PETITION_SUMMARY_MAX = 5000;
export const PETITION_SUMMARY_MIN = 10;

/** Receipt number (mã đơn): unit code, year, sequence; unique nationally because unit codes are. */
export function formatPetitionCode(unitCode: string, year: number, seq: number): string {
  return `${unitCode}-${year}-${String(seq).padStart(6, '0')}`;
}
