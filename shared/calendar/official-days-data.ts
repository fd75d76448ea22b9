/**
 * Announced days off for cán bộ, công chức, viên chức (Saturday–Sunday week, QĐ 188/1999/QĐ-TTg),
 * 2025–2027. Editable data: an agency adds next year's announcement here or in its own settings.
 *
 * How the years stand (sources are press reports of the Government's letters; document numbers are
 * given where the reports name them, otherwise the URL of the report):
 * - 2025: Tết, 30/4–1/5 and 2/9 entered. 01/01 (Wed) and Giỗ Tổ 07/4 (Mon) had no swap; the
 *   computed days give them.
 * - 2026: 01/01, Tết, Giỗ Tổ and 2/9 entered. 30/4 (Thu) and 1/5 (Fri) had no swap; computed.
 * - 2027: no announcement found (searched "nghỉ Tết 2027 công chức", "Tết Đinh Mùi 2027 nghỉ mấy
 *   ngày", "phương án nghỉ Tết Âm lịch năm 2027"): computed days only. Computed Tết 2027 (Tết on
 *   Saturday 06/02, like 2020 and 2024) is 04/02–08/02 (28 Chạp … mùng 3) with nghỉ bù 09/02 and
 *   10/02 for Saturday 06/02 and Sunday 07/02: off 04/02–10/02. Replace it with the announced block
 *   (mergeOverrides) when it comes.
 *
 * New holidays enacted later go to additional-holidays-data.ts (a yearly rule), e.g. 24/11
 * "Ngày Văn hóa Việt Nam", which is there but disabled until the law is amended [U].
 *
 * An administrator's edits are layered on top with mergeOverrides(OFFICIAL_DAYS, changes).
 */
import type { OfficialDayOverride } from './types.ts';

const REF_2025_TET =
  'CV 8726/VPCP-KGVX ngày 26/11/2024; TB 6150/TB-BLĐTBXH (https://vtv9.vtv.vn/index.php/thu-tuong-dong-y-nghi-9-ngay-lien-tuc-dip-tet-nguyen-dan-at-ty-2025)';
const REF_2025_30_4 =
  'Hoán đổi 02/5 ↔ 26/4/2025 (TTXVN: https://www.vietnamplus.vn/cong-chuc-vien-chuc-duoc-nghi-the-nao-trong-dip-le-304-152025-post1033115.vnp)';
const REF_2025_2_9 =
  'TB 6150/TB-BLĐTBXH (https://giadinh.suckhoedoisong.vn/le-quoc-khanh-2-9-2025-duoc-nghi-may-ngay-172250501154904282.htm)';
const REF_2026_1_1 =
  'CV 12729/VPCP-KGVX ngày 25/12/2025 (https://tracuuquyhoach.com/tin-tuc/tin-vui-cho-nguoi-lao-dong-chinh-phu-dong-y-nghi-tet-duong-lich-4-ngay-54100289)';
const REF_2026_TET_2_9 =
  'VPCP truyền đạt ý kiến Thủ tướng, 13/10/2025 (https://tienphong.vn/thu-tuong-dong-y-nghi-9-ngay-tet-nguyen-dan-binh-ngo-post1786865.tpo; https://kienthuc.net.vn/chot-phuong-an-nghi-tet-am-lich-binh-ngo-va-quoc-khanh-nam-2026-post1576857.html)';
const REF_2026_GIO_TO =
  'BLLĐ 2019 Điều 111 khoản 3 (https://thanhnien.vn/gio-to-hung-vuong-304-15-quoc-khanh-29-nam-2026-duoc-nghi-may-ngay-185260223083506397.htm)';

export const OFFICIAL_DAYS: readonly OfficialDayOverride[] = [
  // 2025 — Tết Ất Tỵ: 27/01–31/01 (28 Chạp Giáp Thìn → mùng 3); off 25/01–02/02 with the weekends.
  { date: '2025-01-27', kind: 'NGHI_LE', name: 'Tết Âm lịch (28 tháng Chạp)', nameEn: 'Lunar New Year (28th day of the 12th lunar month)', legalRef: REF_2025_TET, holiday: 'TET_AM_LICH' },
  { date: '2025-01-28', kind: 'NGHI_LE', name: 'Tết Âm lịch (29 tháng Chạp)', nameEn: 'Lunar New Year (29th day of the 12th lunar month)', legalRef: REF_2025_TET, holiday: 'TET_AM_LICH' },
  { date: '2025-01-29', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 1)', nameEn: 'Lunar New Year (1st day of the 1st lunar month)', legalRef: REF_2025_TET, holiday: 'TET_AM_LICH' },
  { date: '2025-01-30', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 2)', nameEn: 'Lunar New Year (2nd day of the 1st lunar month)', legalRef: REF_2025_TET, holiday: 'TET_AM_LICH' },
  { date: '2025-01-31', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 3)', nameEn: 'Lunar New Year (3rd day of the 1st lunar month)', legalRef: REF_2025_TET, holiday: 'TET_AM_LICH' },
  // 2025 — 30/4 (Wed), 1/5 (Thu); Friday 02/5 swapped with Saturday 26/4: off 30/4–04/5.
  { date: '2025-04-26', kind: 'LAM_BU', name: 'Làm bù cho ngày 02/5', nameEn: 'Make-up working day for 2 May', legalRef: REF_2025_30_4, holiday: 'QUOC_TE_LAO_DONG' },
  { date: '2025-04-30', kind: 'NGHI_LE', name: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day (30 April)', legalRef: REF_2025_30_4, holiday: 'GIAI_PHONG_MIEN_NAM' },
  { date: '2025-05-01', kind: 'NGHI_LE', name: 'Ngày Quốc tế lao động (1/5)', nameEn: 'International Labour Day (1 May)', legalRef: REF_2025_30_4, holiday: 'QUOC_TE_LAO_DONG' },
  { date: '2025-05-02', kind: 'NGHI_HOAN_DOI', name: 'Nghỉ hoán đổi (làm bù 26/4)', nameEn: 'Swapped day off (worked on 26 April)', legalRef: REF_2025_30_4, holiday: 'QUOC_TE_LAO_DONG' },
  // 2025 — Quốc khánh: 01/9 (Mon) + 02/9 (Tue); off 30/8–02/9.
  { date: '2025-09-01', kind: 'NGHI_LE', name: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)', legalRef: REF_2025_2_9, holiday: 'QUOC_KHANH' },
  { date: '2025-09-02', kind: 'NGHI_LE', name: 'Quốc khánh (2/9)', nameEn: 'National Day (2 September)', legalRef: REF_2025_2_9, holiday: 'QUOC_KHANH' },

  // 2026 — Tết Dương lịch: 01/01 (Thu); Friday 02/01 swapped with Saturday 10/01: off 01–04/01.
  { date: '2026-01-01', kind: 'NGHI_LE', name: 'Tết Dương lịch', nameEn: "New Year's Day", legalRef: REF_2026_1_1, holiday: 'TET_DUONG_LICH' },
  { date: '2026-01-02', kind: 'NGHI_HOAN_DOI', name: 'Nghỉ hoán đổi (làm bù 10/01)', nameEn: 'Swapped day off (worked on 10 January)', legalRef: REF_2026_1_1, holiday: 'TET_DUONG_LICH' },
  { date: '2026-01-10', kind: 'LAM_BU', name: 'Làm bù cho ngày 02/01', nameEn: 'Make-up working day for 2 January', legalRef: REF_2026_1_1, holiday: 'TET_DUONG_LICH' },
  // 2026 — Tết Bính Ngọ: 16/02–20/02 (29 Chạp Ất Tỵ → mùng 4); off 14/02–22/02 with the weekends.
  { date: '2026-02-16', kind: 'NGHI_LE', name: 'Tết Âm lịch (29 tháng Chạp)', nameEn: 'Lunar New Year (29th day of the 12th lunar month)', legalRef: REF_2026_TET_2_9, holiday: 'TET_AM_LICH' },
  { date: '2026-02-17', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 1)', nameEn: 'Lunar New Year (1st day of the 1st lunar month)', legalRef: REF_2026_TET_2_9, holiday: 'TET_AM_LICH' },
  { date: '2026-02-18', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 2)', nameEn: 'Lunar New Year (2nd day of the 1st lunar month)', legalRef: REF_2026_TET_2_9, holiday: 'TET_AM_LICH' },
  { date: '2026-02-19', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 3)', nameEn: 'Lunar New Year (3rd day of the 1st lunar month)', legalRef: REF_2026_TET_2_9, holiday: 'TET_AM_LICH' },
  { date: '2026-02-20', kind: 'NGHI_LE', name: 'Tết Âm lịch (mùng 4)', nameEn: 'Lunar New Year (4th day of the 1st lunar month)', legalRef: REF_2026_TET_2_9, holiday: 'TET_AM_LICH' },
  // 2026 — Giỗ Tổ on Sunday 26/4: nghỉ bù Monday 27/4.
  { date: '2026-04-26', kind: 'NGHI_LE', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: 'Hùng Kings Commemoration (10th day of the 3rd lunar month)', legalRef: REF_2026_GIO_TO, holiday: 'GIO_TO_HUNG_VUONG' },
  { date: '2026-04-27', kind: 'NGHI_BU', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', nameEn: 'Compensatory day off for the Hùng Kings Commemoration', legalRef: REF_2026_GIO_TO, holiday: 'GIO_TO_HUNG_VUONG' },
  // 2026 — Quốc khánh: 01/9 (Tue) + 02/9 (Wed); Monday 31/8 swapped with Saturday 22/8: off 29/8–02/9.
  { date: '2026-08-22', kind: 'LAM_BU', name: 'Làm bù cho ngày 31/8', nameEn: 'Make-up working day for 31 August', legalRef: REF_2026_TET_2_9, holiday: 'QUOC_KHANH' },
  { date: '2026-08-31', kind: 'NGHI_HOAN_DOI', name: 'Nghỉ hoán đổi (làm bù 22/8)', nameEn: 'Swapped day off (worked on 22 August)', legalRef: REF_2026_TET_2_9, holiday: 'QUOC_KHANH' },
  { date: '2026-09-01', kind: 'NGHI_LE', name: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)', legalRef: REF_2026_TET_2_9, holiday: 'QUOC_KHANH' },
  { date: '2026-09-02', kind: 'NGHI_LE', name: 'Quốc khánh (2/9)', nameEn: 'National Day (2 September)', legalRef: REF_2026_TET_2_9, holiday: 'QUOC_KHANH' }
];
