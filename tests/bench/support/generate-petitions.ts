/**
 * Bulk petitions for benchmarks: `generatePetitions(pgUrlOrPool, n, options)` inserts n realistic
 * petitions with plain SQL (INSERT … SELECT over generate_series, in batches):
 * - spread over `years` (default 10, denser towards today) and over every unit below a province
 *   (the 34 provinces and their communes; the province bodies themselves get a share too);
 * - every type and field of life, one signer, several, an organisation or anonymous;
 * - each walks a path of the state machine (shared/procedure, checked here with nextStatus) as
 *   far as its age allows: classification, acceptance, verification, decisions (right, partly,
 *   wrong), withdrawal, extension, guidance, archive, transfer out of the system with urging and
 *   replies, transfer to the province body which accepts or resolves it; the petition row holds
 *   the state, unit, closure and on-time mark of the last step, and petition_events every step;
 * - a case (vụ việc) each, and about 3 % duplicates merged into the case of the letter before
 *   them (GOP_VU_VIEC, status TRUNG_LAP);
 * - for a share of them (`withSenders`), an encrypted-shaped sender row (random bytes: nobody
 *   decrypts in a benchmark; the hashes are random, so nothing matches by accident).
 * Randomness is a hash of the petition number, so a duplicate can take its original's unit and
 * type. Speed: secondary indexes of the filled tables are dropped during the load and built again
 * afterwards; the report facts trigger is off during the load and each batch's facts are derived
 * from that batch's range of steps (report_facts_derive, the triggers' own derivation); the
 * dashboard KPI counts are rebuilt once at the end (report_kpis_rebuild). 1,000,000 petitions
 * take a few minutes on 2 cores and
 * 5,000,000 about five times that.
 */
import pg from 'pg';
import { DEMO_SUMMARIES } from '../../../server/modules/seed/demo-seed.ts';
import { ACTIONS, nextStatus, type ActionCode } from '../../../shared/procedure/state-machine.ts';
import type { PetitionStatus } from '../../../shared/procedure/states.ts';

export interface GenerateOptions {
  /** Spread received dates over this many years back from `now` (default 10). */
  years?: number;
  now?: Date;
  /** Share of petitions with a sender row (default 0.5). */
  withSenders?: number;
  /** Petitions per transaction (default 250,000). */
  batch?: number;
  /** Drop the filled tables' secondary indexes during the load and build them again after (default true). */
  rebuildIndexes?: boolean;
  log?: (message: string) => void;
}

// The demo's summaries plus a few more, so searches find common and rare words alike.
const SUMMARIES = [
  ...DEMO_SUMMARIES,
  'Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng',
  'Tố cáo doanh nghiệp xả thải chưa qua xử lý ra kênh thủy lợi',
  'Kiến nghị cấp nước sạch cho khu tái định cư',
  'Phản ánh chi trả trợ cấp xã hội chậm nhiều tháng'
];
const FIELDS = ['DAT_DAI', 'NHA_O', 'CHINH_SACH', 'THAM_NHUNG', 'TU_PHAP', 'HANH_CHINH', 'MOI_TRUONG', 'LAO_DONG', 'DANG_DOAN_THE', 'KHAC'];

interface PathStep {
  action: ActionCode;
  day: number;
  /** Taken by the unit the petition was transferred to. */
  atTarget?: boolean;
}
interface Path {
  id: number;
  types: string[];
  weight: number;
  competence: 'THUOC_THAM_QUYEN' | 'KHONG_THUOC_THAM_QUYEN';
  eligible: boolean;
  complexity?: string;
  steps: PathStep[];
}

/** Paths officials take (day after receipt each step happens at an ordinary pace). */
const PATHS: Path[] = [
  { id: 1, types: ['KHIEU_NAI'], weight: 45, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'DE_XUAT_THU_LY', day: 5 }, { action: 'THU_LY', day: 8 }, { action: 'XAC_MINH', day: 12 }, { action: 'KET_LUAN', day: 38 }, { action: 'KET_THUC', day: 50 }] },
  { id: 2, types: ['KHIEU_NAI'], weight: 20, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'HUONG_DAN', day: 6 }] },
  { id: 3, types: ['KHIEU_NAI'], weight: 10, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: false, steps: [{ action: 'PHAN_LOAI', day: 3 }, { action: 'LUU_DON', day: 6 }] },
  { id: 4, types: ['KHIEU_NAI'], weight: 5, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'DE_XUAT_THU_LY', day: 5 }, { action: 'KHONG_THU_LY', day: 9 }] },
  { id: 5, types: ['KHIEU_NAI'], weight: 5, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'DE_XUAT_THU_LY', day: 5 }, { action: 'THU_LY', day: 8 }, { action: 'RUT_DON', day: 20 }] },
  { id: 11, types: ['TO_CAO'], weight: 30, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'DE_XUAT_THU_LY', day: 4 }, { action: 'THU_LY', day: 7 }, { action: 'XAC_MINH', day: 10 }, { action: 'KET_LUAN', day: 35 }, { action: 'KET_THUC', day: 45 }] },
  { id: 12, types: ['TO_CAO'], weight: 25, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'CHUYEN_DON_NOI_BO', day: 5 }, { action: 'TIEP_NHAN_CHUYEN', day: 8, atTarget: true }, { action: 'DE_XUAT_THU_LY', day: 11, atTarget: true }, { action: 'THU_LY', day: 14, atTarget: true }, { action: 'XAC_MINH', day: 17, atTarget: true }, { action: 'KET_LUAN', day: 45, atTarget: true }] },
  { id: 13, types: ['TO_CAO'], weight: 20, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'CHUYEN_DON_NGOAI', day: 5 }, { action: 'DON_DOC', day: 25 }, { action: 'NHAN_PHUC_DAP', day: 40 }] },
  { id: 14, types: ['TO_CAO'], weight: 10, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: false, steps: [{ action: 'PHAN_LOAI', day: 1 }, { action: 'LUU_DON', day: 3 }] },
  { id: 15, types: ['TO_CAO'], weight: 15, competence: 'THUOC_THAM_QUYEN', eligible: true, complexity: 'PHUC_TAP', steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'DE_XUAT_THU_LY', day: 4 }, { action: 'THU_LY', day: 7 }, { action: 'XAC_MINH', day: 10 }, { action: 'GIA_HAN', day: 30 }, { action: 'KET_LUAN', day: 55 }, { action: 'KET_THUC', day: 65 }] },
  { id: 21, types: ['KIEN_NGHI', 'PHAN_ANH'], weight: 50, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'GIAO_GIAI_QUYET', day: 5 }, { action: 'TRA_LOI', day: 28 }, { action: 'KET_THUC', day: 35 }] },
  { id: 22, types: ['KIEN_NGHI', 'PHAN_ANH'], weight: 25, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 3 }, { action: 'CHUYEN_DON_NGOAI', day: 6 }, { action: 'NHAN_PHUC_DAP', day: 30 }] },
  { id: 23, types: ['KIEN_NGHI', 'PHAN_ANH'], weight: 15, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'CHUYEN_DON_NOI_BO', day: 4 }, { action: 'TIEP_NHAN_CHUYEN', day: 7, atTarget: true }, { action: 'GIAO_GIAI_QUYET', day: 10, atTarget: true }, { action: 'TRA_LOI', day: 35, atTarget: true }, { action: 'KET_THUC', day: 40, atTarget: true }] },
  { id: 24, types: ['KIEN_NGHI', 'PHAN_ANH'], weight: 10, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 2 }, { action: 'HUONG_DAN', day: 4 }] },
  { id: 31, types: ['NHIEU_NOI_DUNG'], weight: 1, competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'PHAN_LOAI', day: 3 }, { action: 'HUONG_DAN', day: 7 }] },
  // A duplicate letter, merged into the case of the letter before it.
  { id: 99, types: [], weight: 0, competence: 'THUOC_THAM_QUYEN', eligible: true, steps: [{ action: 'GOP_VU_VIEC', day: 2 }] }
];
const TYPE_SHARES: [string, number][] = [['KHIEU_NAI', 0.35], ['TO_CAO', 0.15], ['KIEN_NGHI', 0.25], ['PHAN_ANH', 0.22], ['NHIEU_NOI_DUNG', 0.03]];
const OPEN: readonly PetitionStatus[] = ['NHAN_DON', 'PHAN_LOAI', 'CHUYEN_DEN', 'DE_XUAT_THU_LY', 'DANG_GIAI_QUYET', 'XAC_MINH', 'TAM_DINH_CHI'];

/** The steps table: every path walked through the state machine, so the statuses are the real ones. */
function stepRows(): string {
  const rows: string[] = [];
  for (const path of PATHS) {
    let status: PetitionStatus = 'NHAN_DON';
    let moved = false;
    path.steps.forEach((s, i) => {
      const action = ACTIONS[s.action];
      if (!action.from.includes(status)) throw new Error(`path ${path.id}: ${s.action} not allowed from ${status}`);
      for (const type of path.types) if (!action.types.includes(type as never)) throw new Error(`path ${path.id}: ${s.action} not for ${type}`);
      const to = nextStatus(s.action, status);
      if (action.movesUnit) moved = true;
      if ((s.atTarget ?? false) !== (moved && !action.movesUnit)) throw new Error(`path ${path.id}: step ${s.action} at the wrong unit`);
      rows.push(`(${path.id}, ${i + 1}, '${s.action}', '${status}', '${to}', ${s.day}, ${s.atTarget ? 'true' : 'false'}, ${action.movesUnit ? 'true' : 'false'}, ${OPEN.includes(to) ? 'false' : 'true'})`);
      status = to;
    });
  }
  return rows.join(',\n');
}

function pathChoice(): string {
  // For each type: the path whose cumulative weight share covers the draw.
  const cases: string[] = [];
  for (const [type] of TYPE_SHARES) {
    const paths = PATHS.filter((p) => p.types.includes(type));
    const total = paths.reduce((n, p) => n + p.weight, 0);
    let acc = 0;
    const whens = paths.map((p) => {
      acc += p.weight;
      return `WHEN r_path < ${(acc / total).toFixed(6)} THEN ${p.id}`;
    });
    cases.push(`WHEN type = '${type}' THEN CASE ${whens.join(' ')} ELSE ${paths[paths.length - 1]!.id} END`);
  }
  return `CASE WHEN dup THEN 99 ${cases.join(' ')} END`;
}

const lit = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;

export async function generatePetitions(target: string | pg.Pool, n: number, options: GenerateOptions = {}): Promise<void> {
  const pool = typeof target === 'string' ? new pg.Pool({ connectionString: target, max: 2 }) : target;
  const years = options.years ?? 10;
  const now = options.now ?? new Date();
  const withSenders = options.withSenders ?? 0.5;
  const batch = options.batch ?? 250_000;
  const log = options.log ?? (() => {});
  const client = await pool.connect();
  const t0 = Date.now();
  try {
    await client.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '256MB'; SET synchronous_commit = off`);
    // Units that receive letters: the provinces and every unit below them, with the province body
    // a transfer goes to (the province's own for a commune; the root for a province).
    await client.query(`
      CREATE TEMP TABLE gen_units AS
        SELECT row_number() OVER (ORDER BY u.path) AS i, u.id, u.path, prov.code AS province_code,
               CASE WHEN u.code ~ '^[0-9]{5}$' THEN u.code END AS commune_code,
               CASE WHEN u.id = prov.id THEN root.id ELSE prov.id END AS target_id,
               CASE WHEN u.id = prov.id THEN root.path ELSE prov.path END AS target_path
          FROM units root JOIN units prov ON prov.parent_id = root.id JOIN units u ON u.path <@ prov.path
         WHERE root.code = 'VN' AND prov.code ~ '^[0-9]{2}$' AND u.valid_to IS NULL`);
    await client.query(`CREATE TEMP TABLE gen_steps (path int, seq int, action text, from_status text, to_status text, day int, at_target boolean, moves boolean, closes boolean, PRIMARY KEY (path, seq))`);
    await client.query(`INSERT INTO gen_steps VALUES ${stepRows()}`);
    await client.query(`CREATE TEMP TABLE gen_paths (path int PRIMARY KEY, competence text, eligible boolean, complexity text)`);
    await client.query(`INSERT INTO gen_paths VALUES ${PATHS.map((p) => `(${p.id}, '${p.competence}', ${p.eligible}, '${p.complexity ?? 'THUONG'}')`).join(', ')}`);
    const unitCount = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM gen_units')).rows[0]!.n;
    let offset = (await client.query<{ max: number }>(`SELECT coalesce(max((regexp_match(code, '^G-([0-9]+)$'))[1]::int), 0) AS max FROM petitions WHERE code LIKE 'G-%'`)).rows[0]!.max;

    const dropped = options.rebuildIndexes === false ? [] : await dropSecondaryIndexes(client, ['petitions', 'petition_events', 'cases', 'petition_parties', 'report_facts']);
    if (dropped.length) log(`  ${dropped.length} secondary indexes dropped for the load`);
    await client.query('ALTER TABLE petition_events DISABLE TRIGGER report_facts_on_insert');
    await client.query('ALTER TABLE petitions DISABLE TRIGGER report_kpis_insert');

    // h(g, k): a uniform draw in [0, 1) from the petition number and a salt.
    const h = (g: string, k: number) => `((hashint8((${g})::bigint * 64 + ${k}) & 2147483647)::float8 / 2147483648.0)`;
    const typeOf = (r: string) => {
      let acc = 0;
      return `CASE ${TYPE_SHARES.map(([type, share]) => `WHEN ${r} < ${(acc += share).toFixed(4)} THEN '${type}'`).join(' ')} ELSE 'PHAN_ANH' END`;
    };
    for (let done = 0; done < n; done += batch) {
      const size = Math.min(batch, n - done);
      const tb = Date.now();
      await client.query('BEGIN');
      // One row per petition: its draws, unit, type, dates and path.
      await client.query(
        `
        CREATE TEMP TABLE gen_p ON COMMIT DROP AS
        WITH base AS (
          SELECT g, g > 1 AND ${h('g', 1)} < 0.03 AND NOT (${h('g - 1', 1)} < 0.03) AS dup FROM generate_series($1::int + 1, $1::int + $2::int) g
        ), fam AS (
          SELECT g, dup, CASE WHEN dup THEN g - 1 ELSE g END AS f FROM base
        ), drawn AS (
          SELECT g, dup, f, ${typeOf(h('f', 3))} AS type,
                 $3::timestamptz - (power(${h('f', 4)}, 1.15) * $4::int * 365 * interval '1 day') AS first_received,
                 1 + floor(${h('f', 2)} * $5::int)::int AS unit_i,
                 ${h('g', 5)} AS r_path, 1 + ${h('g', 6)} * 0.8 AS pace, ${h('g', 7)} AS r_sender, ${h('g', 8)} AS r_field,
                 ${h('g', 9)} AS r_result, ${h('g', 10)} AS r_ontime, ${h('g', 11)} AS r_summary
            FROM fam
        )
        SELECT d.*, gen_random_uuid() AS id, CASE WHEN d.dup THEN NULL ELSE gen_random_uuid() END AS new_case_id,
               least($3::timestamptz, d.first_received + CASE WHEN d.dup THEN (1 + d.r_path * 9) * interval '1 day' ELSE interval '0' END) AS received_at,
               ${pathChoice()} AS path, u.id AS unit_id, u.path AS unit_path, u.province_code, u.commune_code, u.target_id, u.target_path
          FROM drawn d JOIN gen_units u ON u.i = d.unit_i`,
        [offset, size, now.toISOString(), years, unitCount]
      );
      // The steps each petition has taken by now (a prefix of its path).
      await client.query(`
        CREATE TEMP TABLE gen_e ON COMMIT DROP AS
        SELECT p.id AS petition_id, s.*, p.received_at + (s.day * p.pace) * interval '1 day' + (s.seq * interval '37 minutes') AS at
          FROM gen_p p JOIN gen_steps s ON s.path = p.path
         WHERE p.received_at + (s.day * p.pace) * interval '1 day' + (s.seq * interval '37 minutes') <= $1::timestamptz`, [now.toISOString()]);
      await client.query(`CREATE INDEX ON gen_e (petition_id, seq)`);
      await client.query(`
        INSERT INTO cases (id, code, unit_id, unit_path, type, created_at)
        SELECT new_case_id, 'VV-G-' || g, unit_id, unit_path, type, received_at FROM gen_p WHERE NOT dup`);
      // The petition as its last step left it.
      await client.query(
        `
        INSERT INTO petitions (id, code, unit_id, unit_path, type, status, summary, received_at, created_at, source, field, sender_kind, signer_count,
                               province_code, commune_code, competence, eligible, complexity, round, case_id, transferred_from_unit_id,
                               clock_start, due_rule, due_date, due_at, deadline_state, closed_at, closed_on_time, result)
        SELECT p.id, 'G-' || p.g,
               CASE WHEN mv.petition_id IS NOT NULL THEN p.target_id ELSE p.unit_id END,
               CASE WHEN mv.petition_id IS NOT NULL THEN p.target_path ELSE p.unit_path END,
               p.type, coalesce(last.to_status, 'NHAN_DON'),
               (${lit(SUMMARIES)})[1 + floor(p.r_summary * ${SUMMARIES.length})::int] || ' (thôn ' || (p.g % 50) || ')',
               p.received_at, p.received_at, CASE WHEN p.r_sender < 0.5 THEN 'TRUC_TIEP' ELSE 'BUU_CHINH' END,
               (${lit(FIELDS)})[1 + floor(p.r_field * ${FIELDS.length})::int],
               CASE WHEN p.r_sender < 0.04 THEN 'NAC_DANH' WHEN p.r_sender < 0.10 THEN 'NHIEU_NGUOI' WHEN p.r_sender < 0.14 THEN 'TO_CHUC' ELSE 'CA_NHAN' END,
               CASE WHEN p.r_sender < 0.04 THEN 0 WHEN p.r_sender < 0.10 THEN 2 + floor(p.r_result * 20)::int ELSE 1 END,
               p.province_code, p.commune_code,
               CASE WHEN cls.petition_id IS NOT NULL THEN gp.competence END, CASE WHEN cls.petition_id IS NOT NULL THEN gp.eligible END, gp.complexity, 1,
               coalesce(p.new_case_id, (SELECT c.id FROM cases c WHERE c.code = 'VV-G-' || (p.g - 1))),
               CASE WHEN mv.petition_id IS NOT NULL THEN p.unit_id END,
               CASE WHEN coalesce(last.closes, false) THEN NULL ELSE (p.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
               CASE WHEN coalesce(last.closes, false) THEN NULL ELSE 'XU_LY_DON' END,
               CASE WHEN coalesce(last.closes, false) THEN NULL ELSE (p.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 45 END,
               CASE WHEN coalesce(last.closes, false) THEN NULL ELSE p.received_at + interval '45 days' END,
               CASE WHEN coalesce(last.closes, false) OR p.received_at + interval '45 days' >= $1::timestamptz + interval '3 days' THEN 'ON_TRACK'
                    WHEN p.received_at + interval '45 days' >= $1::timestamptz THEN 'DUE_SOON' ELSE 'OVERDUE' END,
               cl.at, CASE WHEN cl.at IS NOT NULL THEN p.r_ontime < 0.8 END,
               CASE WHEN res.petition_id IS NOT NULL THEN (ARRAY['DUNG','DUNG_MOT_PHAN','SAI'])[1 + floor(p.r_result * 3)::int] END
          FROM gen_p p JOIN gen_paths gp ON gp.path = p.path
          LEFT JOIN LATERAL (SELECT e.to_status, e.closes FROM gen_e e WHERE e.petition_id = p.id ORDER BY e.seq DESC LIMIT 1) last ON true
          LEFT JOIN LATERAL (SELECT e.at FROM gen_e e WHERE e.petition_id = p.id AND e.closes ORDER BY e.seq LIMIT 1) cl ON true
          LEFT JOIN LATERAL (SELECT e.petition_id FROM gen_e e WHERE e.petition_id = p.id AND e.moves LIMIT 1) mv ON true
          LEFT JOIN LATERAL (SELECT e.petition_id FROM gen_e e WHERE e.petition_id = p.id AND e.action = 'PHAN_LOAI' LIMIT 1) cls ON true
          LEFT JOIN LATERAL (SELECT e.petition_id FROM gen_e e WHERE e.petition_id = p.id AND e.action = 'KET_LUAN' LIMIT 1) res ON true`,
        [now.toISOString()]
      );
      // Every step, in order (the intake first), by the unit that held the petition then.
      const { rows: before } = await client.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM petition_events`);
      await client.query(`
        INSERT INTO petition_events (petition_id, action, from_status, to_status, note, occurred_at, unit_path, from_unit_id, target_unit_id, target_body, document_no, document_date, decision)
        SELECT x.petition_id, x.action, x.from_status, x.to_status, x.note, x.at, x.unit_path, x.from_unit_id, x.target_unit_id, x.target_body, x.document_no, x.document_date, x.decision
          FROM (
            SELECT p.id AS petition_id, 0 AS seq, 'TIEP_NHAN' AS action, NULL::text AS from_status, 'NHAN_DON' AS to_status,
                   'Dữ liệu đo hiệu năng' AS note, p.received_at AS at, p.unit_path, NULL::uuid AS from_unit_id, NULL::uuid AS target_unit_id, NULL::text AS target_body,
                   NULL::text AS document_no, NULL::date AS document_date, NULL::jsonb AS decision
              FROM gen_p p
            UNION ALL
            SELECT p.id, e.seq, e.action, e.from_status, e.to_status, NULL, e.at,
                   CASE WHEN e.at_target THEN p.target_path ELSE p.unit_path END,
                   CASE WHEN e.moves THEN p.unit_id END, CASE WHEN e.moves THEN p.target_id END,
                   CASE WHEN e.action IN ('HUONG_DAN', 'CHUYEN_DON_NGOAI') THEN 'Cơ quan có thẩm quyền' END,
                   CASE WHEN e.action IN ('THU_LY', 'KET_LUAN', 'GIA_HAN', 'TRA_LOI') THEN e.seq || '/QĐ-' || p.g END,
                   CASE WHEN e.action IN ('THU_LY', 'KET_LUAN', 'GIA_HAN', 'TRA_LOI') THEN (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
                   CASE WHEN e.action = 'PHAN_LOAI' THEN jsonb_build_object('classification', jsonb_build_object('type', p.type, 'field', (${lit(FIELDS)})[1 + floor(p.r_field * ${FIELDS.length})::int], 'competence', gp.competence, 'eligible', gp.eligible))
                        WHEN e.action = 'KET_LUAN' THEN jsonb_build_object('result', (ARRAY['DUNG','DUNG_MOT_PHAN','SAI'])[1 + floor(p.r_result * 3)::int]) END
              FROM gen_p p JOIN gen_paths gp ON gp.path = p.path JOIN gen_e e ON e.petition_id = p.id
          ) x
         ORDER BY x.petition_id, x.seq`);
      // The report facts of this batch's petitions, derived from their steps (one contiguous range of events).
      const { rows: after } = await client.query<{ id: string }>(`SELECT coalesce(max(id), 0)::text AS id FROM petition_events`);
      await client.query(`SELECT report_facts_derive(NULL, $1::bigint, $2::bigint)`, [before[0]!.id, after[0]!.id]);
      if (withSenders > 0) {
        await client.query(
          `
          INSERT INTO petition_parties (petition_id, position, role, full_name_enc, phone_enc, phone_hash, name_hash, key_id, identity_protected)
            SELECT id, 0, CASE type WHEN 'KHIEU_NAI' THEN 'NGUOI_KHIEU_NAI' WHEN 'TO_CAO' THEN 'NGUOI_TO_CAO' WHEN 'PHAN_ANH' THEN 'NGUOI_PHAN_ANH' ELSE 'NGUOI_KIEN_NGHI' END,
                   gen_random_bytes(48), gen_random_bytes(40), gen_random_bytes(32), gen_random_bytes(32), '00000000', type = 'TO_CAO'
              FROM gen_p WHERE r_sender >= 0.04 AND ${h('g', 12)} < $1::float8`,
          [withSenders]
        );
      }
      await client.query('COMMIT');
      offset += size;
      log(`  ${(done + size).toLocaleString('en')} / ${n.toLocaleString('en')} petitions (${((Date.now() - tb) / 1000).toFixed(1)} s for this batch)`);
    }
    await client.query('ALTER TABLE petition_events ENABLE TRIGGER report_facts_on_insert');
    await client.query('ALTER TABLE petitions ENABLE TRIGGER report_kpis_insert');
    const tf = Date.now();
    await client.query('SELECT report_kpis_rebuild()');
    const facts = (await client.query<{ n: string }>('SELECT count(*) AS n FROM report_facts')).rows[0]!.n;
    log(`  ${Number(facts).toLocaleString('en')} report facts (derived batch by batch from the steps); KPI counts rebuilt (${((Date.now() - tf) / 1000).toFixed(0)} s)`);
    const ti = Date.now();
    for (const definition of dropped) await client.query(definition);
    if (dropped.length) log(`  indexes built again (${((Date.now() - ti) / 1000).toFixed(0)} s)`);
    await client.query('DROP TABLE gen_units, gen_steps, gen_paths');
    for (const table of ['petitions', 'petition_events', 'cases', 'petition_parties', 'report_facts', 'report_kpi_state', 'report_kpi_daily']) await client.query(`VACUUM ANALYZE ${table}`);
    log(`  generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    await client.query('ALTER TABLE petition_events ENABLE TRIGGER report_facts_on_insert').catch(() => {});
    await client.query('ALTER TABLE petitions ENABLE TRIGGER report_kpis_insert').catch(() => {});
    throw error;
  } finally {
    client.release();
    if (typeof target === 'string') await pool.end();
  }
}

/** Kept during the load: the look-ups the batch-by-batch derivation of report facts makes. */
const KEPT = ['petitions_case_idx', 'report_facts_case_idx', 'report_facts_petition_idx'];

/** Drops the secondary indexes (not primary keys, not unique constraints, not KEPT) and returns their definitions. */
async function dropSecondaryIndexes(client: pg.PoolClient, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
      WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique AND c.oid IS NULL AND NOT (i.indexrelid::regclass::text = ANY($2))`,
    [tables, KEPT]
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  return rows.map((r) => r.definition);
}
