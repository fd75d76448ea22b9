/**
 * Demo data for a first start on the embedded database: the national root, the 34 provinces and
 * cities, one account of each role (README lists them) and a few hundred petitions over the last
 * year. Runs only on an empty database.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { formatPetitionCode, type PetitionType } from '../../../shared/petition.ts';
import { petitionEventsTable, petitionsTable } from '../petitions/petitions.table.ts';
import { demoCalendar, walkDemoPetition } from './demo-procedure.ts';
import { vnYear } from '../../../shared/vn-time.ts';
import type { Role } from '../../../shared/roles.ts';
import { arrayParam } from '../../db/columns.ts';
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import { mfaRequired, totpContext } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { ADMIN_DATA_KINDS, type UnitKind } from '../../../shared/unit-kinds.ts';
import { loadAdminUnits, type Province } from '../units/reference/admin-units.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { createUsersRepository } from '../users/users.repository.ts';
import { seedCommandDemo } from '../command/command-seed.ts';
import { seedReceptionDemo } from '../reception/reception.seed.ts';

export const DEMO_PASSWORD = 'DonThu@2026';

export const DEMO_ACCOUNTS: { identifierCode: string; fullName: string; role: Role; unitCode: string }[] = [
  { identifierCode: 'quantri', fullName: 'Quản trị hệ thống', role: 'ADMIN', unitCode: 'VN' },
  { identifierCode: 'lanhdao', fullName: 'Nguyễn Văn Lãnh', role: 'LEADER', unitCode: 'VN' },
  { identifierCode: 'quanly.hn', fullName: 'Trần Thị Quản', role: 'USER_MANAGER', unitCode: '01' },
  { identifierCode: 'canbo.hn', fullName: 'Lê Văn Cán', role: 'OFFICER', unitCode: '01' },
  { identifierCode: 'canbo.hcm', fullName: 'Phạm Thị Bộ', role: 'OFFICER', unitCode: '79' },
  { identifierCode: 'xem.hn', fullName: 'Hoàng Văn Xem', role: 'VIEWER', unitCode: '01' }
];

export const DEMO_SUMMARIES = [
  'Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng',
  'Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục cấp giấy chứng nhận',
  'Kiến nghị sửa chữa tuyến đường liên xã xuống cấp nghiêm trọng',
  'Phản ánh ô nhiễm tiếng ồn và khói bụi từ cơ sở sản xuất gần khu dân cư',
  'Khiếu nại việc không được hưởng chế độ chính sách người có công',
  'Tố cáo hành vi lấn chiếm đất công xây dựng trái phép',
  'Kiến nghị giải quyết dứt điểm tranh chấp ranh giới đất giữa hai hộ',
  'Phản ánh chậm trễ trong giải quyết hồ sơ đăng ký hộ tịch',
  'Đơn vừa khiếu nại việc thu hồi đất vừa tố cáo cán bộ xã và kiến nghị về chính sách hỗ trợ'
];

/** The type an official would classify each demo summary as (by its content, not its title). */
function typeOfSummary(summary: string): PetitionType {
  if (summary.startsWith('Đơn vừa')) return 'NHIEU_NOI_DUNG';
  if (summary.startsWith('Khiếu nại')) return 'KHIEU_NAI';
  if (summary.startsWith('Tố cáo')) return 'TO_CAO';
  if (summary.startsWith('Kiến nghị')) return 'KIEN_NGHI';
  return 'PHAN_ANH';
}

/** Deterministic pseudo-random numbers, so every fresh demo looks the same. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface UnitSeed {
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  /** null for the root. */
  parentCode: string | null;
  provinceCode: string | null;
}

/**
 * Central bodies under the root. Ban Tiếp công dân Trung ương belongs to Thanh tra Chính phủ
 * (Luật Tiếp công dân 2013 Điều 10).
 */
const CENTRAL_BODIES: UnitSeed[] = [
  { code: 'TTCP', name: 'Thanh tra Chính phủ', shortName: 'TTCP', kind: 'THANH_TRA', parentCode: 'VN', provinceCode: null },
  { code: 'UBKTTW', name: 'Ủy ban Kiểm tra Trung ương', shortName: 'UBKT Trung ương', kind: 'UBKT_DANG', parentCode: 'VN', provinceCode: null },
  { code: 'BTCDTW', name: 'Ban Tiếp công dân Trung ương', shortName: 'Ban TCD Trung ương', kind: 'BAN_TIEP_CONG_DAN', parentCode: 'TTCP', provinceCode: null }
];

/** The standard bodies of a province or centrally-run city that take petitions; codes '<province>-TT' etc. */
function provinceBodies(p: Province): UnitSeed[] {
  const city = p.kind === 'tp_tw';
  const level = city ? 'thành phố' : 'tỉnh';
  const partyCommittee = city ? 'Thành ủy' : 'Tỉnh ủy';
  const body = (suffix: string, name: string, shortName: string, kind: UnitKind): UnitSeed => ({
    code: `${p.code}-${suffix}`,
    name,
    shortName,
    kind,
    parentCode: p.code,
    provinceCode: p.code
  });
  return [
    body('TT', `Thanh tra ${level} ${p.shortName}`, `Thanh tra ${p.shortName}`, 'THANH_TRA'),
    body('BTCD', `Ban Tiếp công dân ${level} ${p.shortName}`, `Ban TCD ${p.shortName}`, 'BAN_TIEP_CONG_DAN'),
    body('UBKT', `Ủy ban Kiểm tra ${partyCommittee} ${p.shortName}`, `UBKT ${partyCommittee} ${p.shortName}`, 'UBKT_DANG'),
    body('VPDDBQH', `Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân ${level} ${p.shortName}`, `VP Đoàn ĐBQH và HĐND ${p.shortName}`, 'VP_DOAN_DBQH')
  ];
}

/**
 * The unit tree of a new database: the root VN, the 34 provinces and cities (path VN.<code>), their
 * 3,321 communes, wards and special zones (VN.<province>.<commune code>), the standard bodies of each
 * province (VN.<province>.<province>_TT …) and a few central bodies (VN.TTCP, VN.TTCP.BTCDTW,
 * VN.UBKTTW). Codes may hold '-'; path labels use '_' (ltree labels are [A-Za-z0-9_]).
 * One INSERT … SELECT FROM unnest per tree level: about 3,500 rows in a few hundred milliseconds.
 * Idempotent: adds only the units whose code (or path) is not there yet, and never undoes what an
 * administrator changed (a moved, renamed or closed unit keeps its code), so it can also bring an
 * older database up to the full tree.
 */
export async function seedUnits(db: Db): Promise<void> {
  const { provinces, communes } = loadAdminUnits();
  const levels: UnitSeed[][] = [
    [{ code: 'VN', name: 'Trung ương', shortName: 'Trung ương', kind: 'TRUNG_UONG', parentCode: null, provinceCode: null }],
    [
      ...provinces.map((p) => ({ code: p.code, name: p.name, shortName: p.shortName, kind: ADMIN_DATA_KINDS[p.kind], parentCode: 'VN', provinceCode: p.code })),
      ...CENTRAL_BODIES.filter((b) => b.parentCode === 'VN')
    ],
    [
      ...communes.map((c) => ({
        code: c.code,
        name: c.name,
        shortName: c.name.replace(/^(Xã|Phường|Đặc khu) /, ''),
        kind: ADMIN_DATA_KINDS[c.kind],
        parentCode: c.provinceCode,
        provinceCode: c.provinceCode
      })),
      ...provinces.flatMap(provinceBodies),
      ...CENTRAL_BODIES.filter((b) => b.parentCode !== 'VN')
    ]
  ];
  await db.transaction(async (tx) => {
    for (const rows of levels) {
      const column = <K extends keyof UnitSeed>(key: K) => rows.map((r) => r[key]);
      await tx.execute(sql`
        INSERT INTO units (code, name, short_name, kind, parent_id, path, province_code, valid_from)
        SELECT s.code, s.name, s.short_name, s.kind, p.id,
               CASE WHEN p.id IS NULL THEN s.label::ltree ELSE p.path || s.label::ltree END,
               s.province_code, DATE '2025-07-01'
          FROM unnest(${arrayParam(column('code'), 'text')}, ${arrayParam(column('name'), 'text')}, ${arrayParam(column('shortName'), 'text')},
                      ${arrayParam(column('kind'), 'text')}, ${arrayParam(column('parentCode'), 'text')},
                      ${arrayParam(rows.map((r) => r.code.replace(/-/g, '_')), 'text')}, ${arrayParam(column('provinceCode'), 'text')})
               AS s(code, name, short_name, kind, parent_code, label, province_code)
          LEFT JOIN units p ON p.code = s.parent_code
        ON CONFLICT DO NOTHING`);
    }
  });
}

/**
 * Leaders and administrators must log in with OTP. The demo accounts share this published TOTP
 * secret so anyone can try the demo (add it to an authenticator app, or `oathtool --totp -b`).
 * Never use it for a real account.
 */
export const DEMO_TOTP_SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BAJJ2W24DT';

export async function seedDemo(db: Db, options: { petitions?: number; now?: Date; cipher: FieldCipher }): Promise<{ seeded: boolean }> {
  const usersRepo = createUsersRepository(db);
  if (await usersRepo.findByIdentifierCode(DEMO_ACCOUNTS[0]!.identifierCode)) return { seeded: false };
  await seedUnits(db);
  const units = createUnitsRepository(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const unit = await units.findByCode(account.unitCode);
    const user = await usersRepo.insert({ ...account, passwordHash, unitId: unit!.id, passwordChangedAt: new Date() });
    if (mfaRequired({ role: account.role, unitRequiresMfa: false })) {
      await usersRepo.update(user.id, {
        totpSecretEnc: options.cipher.encrypt(DEMO_TOTP_SECRET, totpContext(user.id)),
        totpEnabledAt: new Date()
      });
    }
  }
  await seedCommandDemo(db);

  const count = options.petitions ?? 300;
  const now = options.now ?? new Date();
  const random = mulberry32(20260701);
  const provinces = (await units.listChildren((await units.findByCode('VN'))!.id)).filter((u) => u.kind === 'TINH' || u.kind === 'TP_TRUC_THUOC_TW');
  const hanoi = provinces.find((p) => p.code === '01')!;
  const hcmc = provinces.find((p) => p.code === '79')!;
  const inForce = demoCalendar();
  const counters = new Map<string, number>();
  // Big cities receive more letters: 30 % of the draws go to Hà Nội and TP.HCM.
  const draws = Array.from({ length: count }, () => {
    const summary = DEMO_SUMMARIES[Math.floor(random() * DEMO_SUMMARIES.length)]!;
    return {
      unit: random() < 0.3 ? (random() < 0.5 ? hanoi : hcmc) : provinces[Math.floor(random() * provinces.length)]!,
      // Over the last year, denser towards today (r² skews to recent), so the demo has a live "today".
      receivedAt: new Date(now.getTime() - Math.floor(random() ** 2 * 365 * 86_400_000)),
      type: typeOfSummary(summary),
      summary
    };
  }).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const petitions = draws.map((draw) => {
    const year = vnYear(draw.receivedAt);
    const key = `${draw.unit.id}:${year}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const walked = walkDemoPetition(inForce, draw, now, random);
    return {
      steps: walked.steps,
      row: {
        ...walked.row,
        code: formatPetitionCode(draw.unit.code, year, seq),
        unitId: draw.unit.id,
        unitPath: draw.unit.path,
        provinceCode: draw.unit.provinceCode,
        summary: draw.summary
      } as typeof petitionsTable.$inferInsert
    };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < petitions.length; i += 200) {
      const chunk = petitions.slice(i, i + 200);
      const inserted = await tx.insert(petitionsTable).values(chunk.map((p) => p.row)).returning({ id: petitionsTable.id, code: petitionsTable.code });
      const events = chunk.flatMap((p, j) => [
        { petitionId: inserted[j]!.id, action: 'TIEP_NHAN', toStatus: 'NHAN_DON', note: 'Dữ liệu mẫu / demo data', occurredAt: p.row.receivedAt, unitPath: p.row.unitPath },
        ...p.steps.map((step) => ({
          petitionId: inserted[j]!.id,
          action: step.action,
          fromStatus: step.fromStatus,
          toStatus: step.toStatus,
          occurredAt: step.at,
          unitPath: p.row.unitPath,
          documentNo: step.documentNo,
          documentDate: step.documentDate,
          targetBody: step.targetBody
        }))
      ]);
      for (let k = 0; k < events.length; k += 500) await tx.insert(petitionEventsTable).values(events.slice(k, k + 500));
    }
    for (const [key, last] of counters) {
      const [unitId, year] = key.split(':');
      await tx.execute(sql`INSERT INTO petition_counters (unit_id, year, last) VALUES (${unitId}::uuid, ${Number(year)}, ${last})`);
    }
    // Every demo letter is its own case.
    await tx.execute(sql`INSERT INTO cases (code, unit_id, unit_path, type, created_at) SELECT 'VV-' || code, unit_id, unit_path, type, received_at FROM petitions WHERE case_id IS NULL`);
    await tx.execute(sql`UPDATE petitions p SET case_id = c.id FROM cases c WHERE p.case_id IS NULL AND c.code = 'VV-' || p.code`);
  });
  await seedReceptionDemo(db, { cipher: options.cipher, now });
  return { seeded: true };
}
