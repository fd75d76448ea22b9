/**
 * Vietnamese and English names of holidays and day kinds, and the English fallback for an
 * override an administrator entered with a Vietnamese name only.
 */
import type { DayKind, HolidayKey, OfficialDayOverride, StatutoryHoliday } from './types.ts';

export interface BilingualName {
  vi: string;
  en: string;
}

export const HOLIDAY_NAMES: Readonly<Record<StatutoryHoliday, BilingualName>> = {
  TET_DUONG_LICH: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  TET_AM_LICH: { vi: 'Tết Âm lịch', en: 'Lunar New Year' },
  GIAI_PHONG_MIEN_NAM: { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' },
  QUOC_TE_LAO_DONG: { vi: 'Ngày Quốc tế lao động (1/5)', en: 'International Labour Day (1 May)' },
  QUOC_KHANH: { vi: 'Quốc khánh (2/9)', en: 'National Day (2 September)' },
  GIO_TO_HUNG_VUONG: {
    vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    en: 'Hùng Kings Commemoration (10th day of the 3rd lunar month)'
  }
};

export const DAY_KIND_NAMES: Readonly<Record<DayKind, BilingualName>> = {
  NGHI_LE: { vi: 'Nghỉ lễ, tết', en: 'Public holiday' },
  NGHI_BU: { vi: 'Nghỉ bù', en: 'Compensatory day off' },
  NGHI_HOAN_DOI: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' },
  LAM_BU: { vi: 'Làm bù', en: 'Make-up working day' },
  NGAY_LAM_VIEC: { vi: 'Ngày làm việc', en: 'Working day' }
};

function holidayNameEn(holiday: HolidayKey | undefined): string | undefined {
  if (holiday === undefined) {
    return undefined;
  }
  return (HOLIDAY_NAMES as Record<string, BilingualName | undefined>)[holiday]?.en;
}

/** The override's English name, or one built from its kind and holiday. */
export function englishName(o: OfficialDayOverride): string {
  if (o.nameEn !== undefined && o.nameEn.trim() !== '') {
    return o.nameEn;
  }
  const holiday = holidayNameEn(o.holiday);
  if (o.kind === 'NGHI_LE') {
    return holiday ?? DAY_KIND_NAMES.NGHI_LE.en;
  }
  const kind = DAY_KIND_NAMES[o.kind].en;
  return holiday === undefined ? kind : `${kind} (${holiday})`;
}
