/**
 * Holidays announced as policy but not (yet) in BLLĐ 2019 Điều 112 khoản 1. Editable data: when
 * the law is amended, set `enabled: true`, `effectiveFrom` and the enacting document in `legalRef`,
 * or pass a corrected list to createWorkingCalendar({ additionalHolidays }).
 *
 * 24/11 "Ngày Văn hóa Việt Nam": Nghị quyết 80-NQ/TW of the Politburo (01/2026) chose it as a paid
 * day off; Nghị quyết 30/NQ-CP (02/2026) tasks the Government with amending BLLĐ Điều 112 khoản 1
 * (press: vneconomy.vn, 26/02/2026; cafef.vn, 13/01/2026). No enacted amendment was found, so the
 * day is off by default [U]. ECOSYSTEM.md: "any new holiday such as 24/11 if enacted".
 */
import type { AdditionalHolidayRule } from './types.ts';

export const ADDITIONAL_HOLIDAYS: readonly AdditionalHolidayRule[] = [
  {
    holiday: 'VAN_HOA_VIET_NAM',
    month: 11,
    day: 24,
    name: 'Ngày Văn hóa Việt Nam (24/11)',
    nameEn: 'Vietnam Culture Day (24 November)',
    legalRef: 'NQ 80-NQ/TW; NQ 30/NQ-CP giao sửa BLLĐ 2019 Điều 112 khoản 1 (chưa ban hành)',
    verification: 'U',
    enabled: false
  }
];
