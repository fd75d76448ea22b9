/**
 * Population of the 34 provinces and centrally-run cities (since 01/07/2025), keyed by GSO code,
 * to colour the map per 10,000 inhabitants.
 *
 * Source: the populations published with the 2025 provincial reorganisation (Nghị quyết
 * 202/2025/QH15 of 12/06/2025: "quy mô dân số" of each merged province in the Government's
 * proposal, e.g. VnExpress 12/06/2025 "Quốc hội chốt cả nước còn 34 tỉnh, thành phố": Tuyên Quang
 * 1,86 triệu, Lào Cai 1,78 triệu, Thái Nguyên 1,8 triệu, Phú Thọ 4,02 triệu, Bắc Ninh 3,6 triệu),
 * as tabulated per province by tinbds.com/danh-sach-tinh-thanh/dan-so (retrieved 2026); for the
 * 11 provinces that were not merged that table gives GSO's average population (dân số trung bình).
 * These are NOT the GSO 2024 figures summed over the 63 former provinces (no population data is
 * in server/modules/units/reference/, which the merge mapping old-to-new-provinces.json would
 * allow): when the official table is added, replace these numbers by those sums.
 * They sum to 111.45 million against 101.1 million counted by GSO's mid-term census of 01/04/2024:
 * the reorganisation's "quy mô dân số" appears to include residents counted by conversion rules
 * (e.g. temporary residents), most visibly in Hồ Chí Minh (14.0 million against 9.5). Used only to
 * normalise counts on the map (relative colours); nothing legal depends on them.
 */
export const PROVINCE_POPULATION_SOURCE = 'Quy mô dân số 34 tỉnh, thành phố theo Nghị quyết 202/2025/QH15 (tổng hợp tinbds.com)';

export const PROVINCE_POPULATION: Readonly<Record<string, number>> = {
  '01': 8_587_100, // Hà Nội
  '04': 547_900, // Cao Bằng
  '08': 1_865_270, // Tuyên Quang (+ Hà Giang)
  '11': 646_200, // Điện Biên
  '12': 489_300, // Lai Châu
  '14': 1_313_300, // Sơn La
  '15': 1_778_785, // Lào Cai (+ Yên Bái)
  '19': 1_799_489, // Thái Nguyên (+ Bắc Kạn)
  '20': 807_300, // Lạng Sơn
  '22': 1_381_200, // Quảng Ninh
  '24': 3_619_433, // Bắc Ninh (+ Bắc Giang)
  '25': 4_022_638, // Phú Thọ (+ Vĩnh Phúc, Hòa Bình)
  '31': 4_664_124, // Hải Phòng (+ Hải Dương)
  '33': 3_567_943, // Hưng Yên (+ Thái Bình)
  '37': 4_412_264, // Ninh Bình (+ Hà Nam, Nam Định)
  '38': 3_739_500, // Thanh Hóa
  '40': 3_442_000, // Nghệ An
  '42': 1_323_700, // Hà Tĩnh
  '44': 1_870_845, // Quảng Trị (+ Quảng Bình)
  '46': 1_166_500, // Huế
  '48': 3_065_628, // Đà Nẵng (+ Quảng Nam)
  '51': 2_161_755, // Quảng Ngãi (+ Kon Tum)
  '52': 3_583_693, // Gia Lai (+ Bình Định)
  '56': 2_243_554, // Khánh Hòa (+ Ninh Thuận)
  '66': 3_346_853, // Đắk Lắk (+ Phú Yên)
  '68': 3_872_999, // Lâm Đồng (+ Đắk Nông, Bình Thuận)
  '75': 4_491_408, // Đồng Nai (+ Bình Phước)
  '79': 14_002_598, // Hồ Chí Minh (+ Bình Dương, Bà Rịa - Vũng Tàu)
  '80': 3_254_170, // Tây Ninh (+ Long An)
  '82': 4_370_046, // Đồng Tháp (+ Tiền Giang)
  '86': 4_257_581, // Vĩnh Long (+ Bến Tre, Trà Vinh)
  '91': 4_952_238, // An Giang (+ Kiên Giang)
  '92': 4_199_824, // Cần Thơ (+ Sóc Trăng, Hậu Giang)
  '96': 2_606_672 // Cà Mau (+ Bạc Liêu)
};
