/**
 * Bulk petitions for benchmarks: `generatePetitions(pool, n)` inserts n petitions spread over the
 * 34 provinces and their communes, ten years, every type and field, in states and deadline marks
 * consistent with the procedure (shared/procedure), with a case each and, for a share of them,
 * an encrypted-shaped sender row (random bytes: nobody decrypts in a benchmark; the hashes are
 * random too, so nothing matches by accident). Plain SQL (INSERT … SELECT generate_series) in
 * batches, so a million rows take a minute or two on 2 cores, not hours.
 */
import type pg from 'pg';
import { DEMO_SUMMARIES } from '../../../server/modules/seed/demo-seed.ts';

export interface GenerateOptions {
  /** Spread received dates over this many years back from `now` (default 10). */
  years?: number;
  now?: Date;
  /** Share of petitions with a sender row (default 0.5). */
  withSenders?: number;
  batch?: number;
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
const TYPES = ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'];
const FIELDS = ['DAT_DAI', 'NHA_O', 'CHINH_SACH', 'THAM_NHUNG', 'TU_PHAP', 'HANH_CHINH', 'MOI_TRUONG', 'LAO_DONG', 'KHAC'];
const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;

export async function generatePetitions(pool: pg.Pool, n: number, options: GenerateOptions = {}): Promise<void> {
  const years = options.years ?? 10;
  const now = options.now ?? new Date();
  const withSenders = options.withSenders ?? 0.5;
  const batch = options.batch ?? 100_000;
  const log = options.log ?? (() => {});
  const client = await pool.connect();
  try {
    // Communes of the 34 provinces, as arrays the INSERT indexes into by a random number.
    await client.query(`
      CREATE TEMP TABLE gen_units AS
        SELECT row_number() OVER (ORDER BY u.path) AS i, u.id, u.path, p.code AS province_code, u.code AS commune_code
          FROM units u JOIN units p ON p.id = u.parent_id
         WHERE p.parent_id = (SELECT id FROM units WHERE code = 'VN') AND u.code ~ '^[0-9]{5}$'`);
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM gen_units');
    const unitCount = rows[0]!.n;
    const { rows: start } = await client.query<{ max: number }>(`SELECT coalesce(max((regexp_match(code, '^G-([0-9]+)$'))[1]::int), 0) AS max FROM petitions`);
    let offset = start[0]!.max;
    for (let done = 0; done < n; done += batch) {
      const size = Math.min(batch, n - done);
      const t0 = Date.now();
      await client.query('BEGIN');
      // r1..r5: independent draws per row. Age skews recent (r^1.3); older petitions are mostly closed.
      await client.query(
        `
        WITH draws AS (
          SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
            FROM generate_series($1::int + 1, $1::int + $2::int) g
        ), shaped AS (
          SELECT d.*, u.id AS unit_id, u.path AS unit_path, u.province_code, u.commune_code,
                 $3::timestamptz - (power(d.r2, 1.3) * $4::int * 365 * interval '1 day') AS received_at,
                 (${sqlArray(TYPES)})[1 + floor(d.r3 * 4)::int] AS type
            FROM draws d JOIN gen_units u ON u.i = 1 + floor(d.r1 * $5::int)::int
        ), staged AS (
          SELECT s.*,
                 CASE WHEN s.received_at < $3::timestamptz - interval '120 days' OR s.r4 < 0.55 THEN
                        (ARRAY['KET_THUC','DA_CO_KET_LUAN','HUONG_DAN','LUU_DON','CHO_PHUC_DAP'])[1 + floor(s.r5 * 5)::int]
                      ELSE (ARRAY['NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH'])[1 + floor(s.r5 * 4)::int] END AS status
            FROM shaped s
        )
        INSERT INTO petitions (code, unit_id, unit_path, type, status, summary, received_at, created_at, source, field, sender_kind,
                               province_code, commune_code, due_date, due_at, deadline_state, closed_at, closed_on_time, result)
        SELECT 'G-' || g, unit_id, unit_path, type, status,
               (${sqlArray(SUMMARIES)})[1 + floor(r4 * ${SUMMARIES.length})::int] || ' (thôn ' || (g % 50) || ')',
               received_at, received_at, 'TRUC_TIEP', (${sqlArray(FIELDS)})[1 + floor(r2 * ${FIELDS.length})::int],
               CASE WHEN r3 < 0.05 THEN 'NAC_DANH' ELSE 'CA_NHAN' END, province_code, commune_code,
               (received_at + interval '45 days')::date,
               CASE WHEN status IN ('NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH') THEN received_at + interval '45 days' END,
               CASE WHEN status IN ('NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH') AND received_at + interval '45 days' < $3::timestamptz THEN 'OVERDUE'
                    WHEN status IN ('NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH') AND received_at + interval '40 days' < $3::timestamptz THEN 'DUE_SOON'
                    ELSE 'ON_TRACK' END,
               CASE WHEN status IN ('NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH') THEN NULL ELSE received_at + (r5 * 60) * interval '1 day' END,
               CASE WHEN status IN ('NHAN_DON','PHAN_LOAI','DANG_GIAI_QUYET','XAC_MINH') THEN NULL ELSE r5 < 0.75 END,
               CASE WHEN status IN ('KET_THUC','DA_CO_KET_LUAN') AND type IN ('KHIEU_NAI','TO_CAO') THEN (ARRAY['DUNG','DUNG_MOT_PHAN','SAI'])[1 + floor(r1 * 3)::int] END
          FROM staged`,
        [offset, size, now.toISOString(), years, unitCount]
      );
      await client.query(`
        INSERT INTO cases (code, unit_id, unit_path, type, created_at)
          SELECT 'VV-' || code, unit_id, unit_path, type, received_at FROM petitions WHERE case_id IS NULL AND code LIKE 'G-%'`);
      await client.query(`UPDATE petitions p SET case_id = c.id FROM cases c WHERE p.case_id IS NULL AND p.code LIKE 'G-%' AND c.code = 'VV-' || p.code`);
      await client.query(
        `
        INSERT INTO petition_parties (petition_id, position, role, full_name_enc, phone_enc, phone_hash, name_hash, key_id, identity_protected)
          SELECT id, 0, CASE type WHEN 'KHIEU_NAI' THEN 'NGUOI_KHIEU_NAI' WHEN 'TO_CAO' THEN 'NGUOI_TO_CAO' WHEN 'KIEN_NGHI' THEN 'NGUOI_KIEN_NGHI' ELSE 'NGUOI_PHAN_ANH' END,
                 gen_random_bytes(48), gen_random_bytes(40), gen_random_bytes(32), gen_random_bytes(32), '00000000', type = 'TO_CAO'
            FROM petitions
           WHERE code LIKE 'G-%' AND (regexp_match(code, '^G-([0-9]+)$'))[1]::int > $1::int AND random() < $2::float8`,
        [offset, withSenders]
      );
      await client.query('COMMIT');
      offset += size;
      log(`  ${(done + size).toLocaleString('en')} / ${n.toLocaleString('en')} petitions (${Date.now() - t0} ms for this batch)`);
    }
    await client.query('DROP TABLE gen_units');
    await client.query('ANALYZE petitions; ANALYZE petition_parties; ANALYZE cases');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
