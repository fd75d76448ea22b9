/**
 * What an official records at intake (issue 4 item 2; DOMAIN.md §9 Petition): where the letter
 * came from, who sent it, the field of life it concerns. Codes are stored; labels are read.
 */
type Label = { vi: string; en: string };

/** Channels a petition arrives by (TT 05/2021 Điều 5; DOMAIN.md §1.1 step 1). */
export const PETITION_SOURCES = ['TRUC_TIEP', 'BUU_CHINH', 'EMAIL', 'TRUC_TUYEN', 'CO_QUAN_CHUYEN', 'DAI_BIEU_CHUYEN', 'BAO_CHI', 'LANH_DAO_CHUYEN'] as const;
export type PetitionSource = (typeof PETITION_SOURCES)[number];
export const PETITION_SOURCE_LABELS: Record<PetitionSource, Label> = {
  TRUC_TIEP: { vi: 'Trực tiếp (tiếp công dân, hộp thư góp ý)', en: 'In person (reception desk, suggestion box)' },
  BUU_CHINH: { vi: 'Qua bưu chính', en: 'By post' },
  EMAIL: { vi: 'Thư điện tử', en: 'By email' },
  TRUC_TUYEN: { vi: 'Cổng trực tuyến', en: 'Online form' },
  CO_QUAN_CHUYEN: { vi: 'Cơ quan, tổ chức khác chuyển đến', en: 'Transferred by another body' },
  DAI_BIEU_CHUYEN: { vi: 'Đại biểu Quốc hội, HĐND chuyển đến', en: 'Forwarded by a National Assembly or People’s Council deputy' },
  BAO_CHI: { vi: 'Cơ quan báo chí chuyển đến', en: 'From the press' },
  LANH_DAO_CHUYEN: { vi: 'Lãnh đạo giao', en: 'Handed over by a leader' }
};
/** Sources that come with a forwarding document (body, number, date). */
export const FORWARDED_SOURCES: readonly PetitionSource[] = ['CO_QUAN_CHUYEN', 'DAI_BIEU_CHUYEN', 'BAO_CHI', 'LANH_DAO_CHUYEN'];

/** Who put their name to the letter (01/XLD splits "một người / nhiều người đứng tên"). */
export const SENDER_KINDS = ['CA_NHAN', 'NHIEU_NGUOI', 'TO_CHUC', 'NAC_DANH'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];
export const SENDER_KIND_LABELS: Record<SenderKind, Label> = {
  CA_NHAN: { vi: 'Một người đứng tên', en: 'One person' },
  NHIEU_NGUOI: { vi: 'Nhiều người đứng tên', en: 'Several signers' },
  TO_CHUC: { vi: 'Cơ quan, tổ chức', en: 'An organisation' },
  NAC_DANH: { vi: 'Nặc danh, mạo danh', en: 'Anonymous or pseudonymous' }
};

/** Fields of life (lĩnh vực) used to group petitions in lists and reports. */
export const PETITION_FIELDS = ['DAT_DAI', 'NHA_O', 'CHINH_SACH', 'THAM_NHUNG', 'TU_PHAP', 'HANH_CHINH', 'MOI_TRUONG', 'LAO_DONG', 'DANG_DOAN_THE', 'KHAC'] as const;
export type PetitionField = (typeof PETITION_FIELDS)[number];
export const PETITION_FIELD_LABELS: Record<PetitionField, Label> = {
  DAT_DAI: { vi: 'Đất đai', en: 'Land' },
  NHA_O: { vi: 'Nhà ở, tài sản', en: 'Housing and property' },
  CHINH_SACH: { vi: 'Chính sách, chế độ', en: 'Policies and benefits' },
  THAM_NHUNG: { vi: 'Tham nhũng, tiêu cực', en: 'Corruption' },
  TU_PHAP: { vi: 'Tư pháp', en: 'Justice' },
  HANH_CHINH: { vi: 'Hành chính', en: 'Administration' },
  MOI_TRUONG: { vi: 'Tài nguyên, môi trường', en: 'Environment' },
  LAO_DONG: { vi: 'Lao động, việc làm', en: 'Labour' },
  DANG_DOAN_THE: { vi: 'Đảng, đoàn thể', en: 'Party and mass organisations' },
  KHAC: { vi: 'Lĩnh vực khác', en: 'Other' }
};

/** Competence of the receiving body (TT 05/2021 Điều 6). */
export const COMPETENCES = ['THUOC_THAM_QUYEN', 'KHONG_THUOC_THAM_QUYEN', 'CAP_DUOI_QUA_HAN'] as const;
export type Competence = (typeof COMPETENCES)[number];
export const COMPETENCE_LABELS: Record<Competence, Label> = {
  THUOC_THAM_QUYEN: { vi: 'Thuộc thẩm quyền', en: 'Within our competence' },
  KHONG_THUOC_THAM_QUYEN: { vi: 'Không thuộc thẩm quyền', en: 'Outside our competence' },
  CAP_DUOI_QUA_HAN: { vi: 'Thuộc cấp dưới nhưng quá hạn chưa giải quyết', en: 'A subordinate’s, overdue' }
};

/** Case complexity (NĐ 31/2019 Điều 3; Luật KN Điều 28): changes the resolution time limit. */
export const COMPLEXITIES = ['THUONG', 'PHUC_TAP', 'DAC_BIET_PHUC_TAP'] as const;
export const COMPLEXITY_LABELS: Record<(typeof COMPLEXITIES)[number], Label> = {
  THUONG: { vi: 'Bình thường', en: 'Ordinary' },
  PHUC_TAP: { vi: 'Phức tạp', en: 'Complex' },
  DAC_BIET_PHUC_TAP: { vi: 'Đặc biệt phức tạp', en: 'Especially complex' }
};

/** Reasons an official archives a petition (lưu đơn, TT 05/2021 Điều 28). */
export const ARCHIVE_REASONS = ['KHONG_DU_DIEU_KIEN', 'NAC_DANH', 'DA_GIAI_QUYET', 'TRUNG_NOI_DUNG', 'KHAC'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];
export const ARCHIVE_REASON_LABELS: Record<ArchiveReason, Label> = {
  KHONG_DU_DIEU_KIEN: { vi: 'Không đủ điều kiện xử lý', en: 'Not eligible for processing' },
  NAC_DANH: { vi: 'Đơn nặc danh, mạo danh không rõ nội dung, chứng cứ', en: 'Anonymous, without clear content or evidence' },
  DA_GIAI_QUYET: { vi: 'Đã được giải quyết đúng, không có tình tiết mới', en: 'Already resolved correctly, nothing new' },
  TRUNG_NOI_DUNG: { vi: 'Trùng nội dung đã xử lý', en: 'Same content already processed' },
  KHAC: { vi: 'Lý do khác', en: 'Other reason' }
};
