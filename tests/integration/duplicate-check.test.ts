/**
 * Duplicate check at intake among 10,000 petitions (issue 4): a re-sent letter whose sender's
 * name is typed without diacritics and whose phone is formatted differently is found, ranked
 * first, with its reasons; an unrelated letter is not flagged; a namesake alone is not enough.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../server/crypto/field-cipher.ts';
import { createPartiesService } from '../../server/modules/parties/parties.service.ts';
import { TEST_SECRETS } from '../support/test-config.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let original: { id: string; code: string; caseId: string };

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quốc', 'Ngọc'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan', 'Mai', 'Nam', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Uyên', 'Vinh', 'Yến'];
const TOPICS = [
  'Phản ánh ô nhiễm tiếng ồn từ xưởng cơ khí',
  'Kiến nghị sửa chữa cầu dân sinh xuống cấp',
  'Tố cáo cán bộ thu tiền sai quy định khi cấp phép xây dựng',
  'Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự đô thị',
  'Phản ánh chậm chi trả trợ cấp người cao tuổi',
  'Kiến nghị cấp nước sạch cho khu dân cư mới',
  'Tố cáo doanh nghiệp xả thải ra kênh thủy lợi',
  'Khiếu nại việc tính thuế sử dụng đất phi nông nghiệp'
];

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  // 10,000 earlier petitions of Hà Nội with their (encrypted, hashed) senders, written as the
  // intake writes them: the parties service seals and indexes each one.
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const { rows: units } = await t.database.pool.query<{ id: string; path: string }>(`SELECT id, path::text FROM units WHERE code = '01'`);
  const topics = `ARRAY[${TOPICS.map((topic) => `'${topic}'`).join(', ')}]`;
  const wards = `ARRAY['Ba Đình', 'Hoàn Kiếm', 'Tây Hồ', 'Long Biên', 'Cầu Giấy', 'Đống Đa']`;
  const { rows: ids } = await t.database.pool.query<{ id: string; type: string }>(
    `INSERT INTO petitions (code, unit_id, unit_path, type, status, summary, received_at, province_code)
     SELECT 'DUP-' || g, $1::uuid, $2::ltree, (ARRAY['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'])[1 + g % 4], 'NHAN_DON',
            (${topics})[1 + g % ${TOPICS.length}] || ' tại tổ dân phố số ' || (g % 97) || ', phường ' || (${wards})[1 + g % 6],
            now() - (g % 700) * interval '1 day', '01'
       FROM generate_series(1, 10000) g
     RETURNING id, type`,
    [units[0]!.id, units[0]!.path]
  );
  const parties = createPartiesService({ db: t.database.db, cipher: createFieldCipher({ currentKey: TEST_SECRETS.dataKey }) });
  await t.database.db.transaction(async (tx) => {
    for (const row of ids) {
      const phone = `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
      const idNumber = `001${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      await parties.addParties(tx, row.id, [
        { role: row.type === 'TO_CAO' ? 'NGUOI_TO_CAO' : row.type === 'KHIEU_NAI' ? 'NGUOI_KHIEU_NAI' : 'NGUOI_KIEN_NGHI', fullName: `${pick(SURNAMES)} ${pick(MIDDLE)} ${pick(GIVEN)}`, phone, idNumber }
      ]);
    }
  });

  const created = await t.request('POST', '/api/petitions', {
    cookie: officer,
    body: {
      type: 'KHIEU_NAI',
      summary: 'Khiếu nại việc UBND xã Tân Lập thu hồi đất nông nghiệp của gia đình nhưng không bồi thường, hỗ trợ',
      respondent: 'UBND xã Tân Lập',
      communeCode: '00004',
      parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912 345 678', address: 'Thôn Đông, xã Tân Lập' }]
    }
  });
  expect(created.status).toBe(201);
  original = created.body;
  // A namesake with nothing else in common.
  await t.request('POST', '/api/petitions', {
    cookie: officer,
    body: { type: 'KIEN_NGHI', summary: 'Kiến nghị lắp đèn chiếu sáng ngõ 12 phố Hàng Bông', parties: [{ role: 'NGUOI_KIEN_NGHI', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0977000111' }] }
  });
}, 120_000);
afterAll(async () => t?.close());

describe('POST /api/petitions/duplicate-check over 10,000 petitions', () => {
  it('finds the re-sent letter: name without diacritics, phone written another way; ranked first, with its reasons', async () => {
    expect(await t.count('petitions')).toBeGreaterThan(10_000);
    const { status, body } = await t.request('POST', '/api/petitions/duplicate-check', {
      cookie: officer,
      body: {
        parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'nguyen thi hong nhung', phone: '+84 912.345.678' }],
        summary: 'Tiếp tục khiếu nại UBND xã Tân Lập thu hồi đất nông nghiệp không bồi thường cho gia đình',
        respondent: 'UBND xa Tan Lap',
        communeCode: '00004'
      }
    });
    expect(status).toBe(200);
    const first = body.candidates[0];
    expect(first.petitionId).toBe(original.id);
    expect(first.caseId).toBe(original.caseId);
    expect(first.reasons).toEqual(expect.arrayContaining(['PHONE', 'NAME', 'CONTENT', 'RESPONDENT', 'LOCALITY']));
    expect(first.score).toBeGreaterThanOrEqual(1);
  });

  it('does not flag an unrelated letter, nor the namesake on a name alone', async () => {
    const unrelated = await t.request('POST', '/api/petitions/duplicate-check', {
      cookie: officer,
      body: {
        parties: [{ role: 'NGUOI_PHAN_ANH', fullName: 'Trần Quốc Khánh', phone: '0988 765 432' }],
        summary: 'Đề nghị xem xét tuyến xe buýt số 34 thường xuyên bỏ bến vào giờ cao điểm buổi sáng',
        respondent: 'Công ty vận tải hành khách'
      }
    });
    expect(unrelated.status).toBe(200);
    expect(unrelated.body.candidates.map((c: { petitionId: string }) => c.petitionId)).not.toContain(original.id);
    expect(unrelated.body.candidates).toEqual([]);

    const sameNameOnly = await t.request('POST', '/api/petitions/duplicate-check', {
      cookie: officer,
      body: { parties: [{ role: 'NGUOI_KIEN_NGHI', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0911111111' }], summary: 'Đề nghị hỗ trợ học bổng cho học sinh nghèo vượt khó năm học mới' }
    });
    expect(sameNameOnly.body.candidates).toEqual([]);
  });

  it('joins the new letter to the case it confirms, or opens a new case when confirmed as new', async () => {
    const joined = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'KHIEU_NAI', summary: 'Tiếp tục khiếu nại UBND xã Tân Lập thu hồi đất', caseId: original.caseId, parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Nguyen Thi Hong Nhung', phone: '0912345678' }] }
    });
    expect(joined.status).toBe(201);
    expect(joined.body.caseId).toBe(original.caseId);
    const fresh = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: 'Khiếu nại mới hoàn toàn về thuế đất' } });
    expect(fresh.body.caseId).not.toBe(original.caseId);
    const sameCase = await t.request('GET', `/api/petitions?caseId=${original.caseId}`, { cookie: officer });
    expect(sameCase.body.items.map((p: { id: string }) => p.id).sort()).toEqual([original.id, joined.body.id].sort());
  });

  it('an officer of another province is never shown Hà Nội’s letters as duplicates', async () => {
    const hcmc = await t.login('canbo.hcm');
    const { body } = await t.request('POST', '/api/petitions/duplicate-check', { cookie: hcmc, body: { parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' }] } });
    expect(body.candidates).toEqual([]);
  });

  it('bad input: a window of 0 months or an unknown field is refused with a clear message', async () => {
    const zero = await t.request('POST', '/api/petitions/duplicate-check', { cookie: officer, body: { windowMonths: 0 } });
    expect(zero.status).toBe(400);
    expect(zero.body.error.message).toMatch(/không hợp lệ|kiểm tra/);
    const extra = await t.request('POST', '/api/petitions/duplicate-check', { cookie: officer, body: { hack: true } });
    expect(extra.status).toBe(400);
  });

  it('the officials’ search finds a letter typed without accents, by a word of its content or its receipt number', async () => {
    const byWords = await t.request('GET', `/api/petitions?q=${encodeURIComponent('tan lap thu hoi')}&limit=10`, { cookie: officer });
    expect(byWords.body.items.map((p: { id: string }) => p.id)).toContain(original.id);
    const byCode = await t.request('GET', `/api/petitions?q=${encodeURIComponent(original.code)}`, { cookie: officer });
    expect(byCode.body.items.map((p: { id: string }) => p.id)).toEqual([original.id]);
    const literal = await t.request('GET', `/api/petitions?q=${encodeURIComponent('100%_')}`, { cookie: officer });
    expect(literal.status).toBe(200);
    expect(literal.body.items).toEqual([]);
    const count = await t.request('GET', `/api/petitions/count?q=${encodeURIComponent('tan lap')}`, { cookie: officer });
    expect(count.body.count).toBeGreaterThanOrEqual(2);
  });
});
