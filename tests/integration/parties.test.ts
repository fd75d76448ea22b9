import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WITHHELD } from '../../shared/identity.ts';
import { createFieldCipher, FieldCipherError } from '../../server/crypto/field-cipher.ts';
import { withScope } from '../../server/db/scoped.ts';
import { AppError } from '../../server/http/errors.ts';
import type { AuthUser } from '../../server/modules/auth/auth.types.ts';
import { createPartiesService, type PartiesService } from '../../server/modules/parties/parties.service.ts';
import type { PartyInput } from '../../server/modules/parties/parties.schemas.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TEST_SECRETS } from '../support/test-config.ts';

let t: TestApp;
let parties: PartiesService;
let officer: AuthUser;
let viewer: AuthUser;
let hcmOfficer: AuthUser;
let officerCookie: string;

const DENOUNCER = { fullName: 'Nguyễn Thị Bí Mật', idNumber: '001 190 012 345', phone: '0912 345 678', address: 'Số 7 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội' };
/** What must never be stored in clear, in the forms it could be stored in. */
const SECRET_VALUES = ['Nguyễn Thị Bí Mật', 'Bí Mật', 'nguyen thi bi mat', '001190012345', '0912345678', '912345678', 'Tràng Tiền', 'Trần Văn Bị Cáo'];

async function authUser(cookie: string): Promise<AuthUser> {
  const me = await t.request('GET', '/api/auth/me', { cookie });
  expect(me.status).toBe(200);
  return { ...me.body, sessionId: 'test' } as AuthUser;
}

async function createPetition(type: string, summary: string, cookie = officerCookie): Promise<string> {
  const { status, body } = await t.request('POST', '/api/petitions', { cookie, body: { type, summary } });
  expect(status).toBe(201);
  return body.id as string;
}

/** As the petitions service will: inside its create transaction, run as dt_scoped with the caller's scope. */
function add(user: AuthUser, petitionId: string, list: PartyInput[], service = parties) {
  return withScope(t.database.db, user.scopePaths, (tx) => service.addParties(tx, petitionId, list));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let denunciation: string;
let complaint: string;

beforeAll(async () => {
  t = await startTestApp();
  parties = createPartiesService({ db: t.database.db, cipher: createFieldCipher({ currentKey: TEST_SECRETS.dataKey }) });
  officerCookie = await t.login('canbo.hn');
  officer = await authUser(officerCookie);
  viewer = await authUser(await t.login('xem.hn'));
  hcmOfficer = await authUser(await t.login('canbo.hcm'));

  denunciation = await createPetition('TO_CAO', 'Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận');
  await add(officer, denunciation, [
    { role: 'NGUOI_TO_CAO', ...DENOUNCER },
    { role: 'NGUOI_BI_TO_CAO', fullName: 'Trần Văn Bị Cáo', address: 'UBND phường Hoàn Kiếm' }
  ]);
  // The same person, a month later, complaining; the clerk types the phone another way.
  complaint = await createPetition('KHIEU_NAI', 'Khiếu nại quyết định thu hồi đất, bồi thường chưa thỏa đáng');
  await add(officer, complaint, [{ role: 'NGUOI_KHIEU_NAI', fullName: 'NGUYEN THI BI MAT', phone: '+84912345678' }]);
});
afterAll(async () => t?.close());

describe('parties at rest', () => {
  it('stores no name, identity number, phone or address in clear, in any column of any table', async () => {
    const { rows } = await t.database.pool.query<{ row: string }>('SELECT pp::text AS row FROM petition_parties pp');
    expect(rows.length).toBe(3);
    const tables = await t.database.pool.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    );
    let everything = '';
    for (const { table_name } of tables.rows) {
      const dump = await t.database.pool.query<{ row: string }>(`SELECT x::text AS row FROM "${table_name}" x`);
      everything += dump.rows.map((r) => r.row).join('\n');
    }
    expect(everything).toContain('Tố cáo cán bộ địa chính'); // the dump does read the petitions
    for (const secret of SECRET_VALUES) {
      for (const text of [...rows.map((r) => r.row), everything]) {
        expect(text).not.toContain(secret);
        // bytea prints as hex: the UTF-8 bytes of the value must not be there either.
        expect(text).not.toContain(Buffer.from(secret).toString('hex'));
      }
    }
  });

  it('has no text column that could hold personal data, and records the key id and protection', async () => {
    const columns = await t.database.pool.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'petition_parties' ORDER BY ordinal_position"
    );
    const textColumns = columns.rows.filter((c) => c.data_type === 'text' || c.data_type.includes('char')).map((c) => c.column_name);
    expect(textColumns.sort()).toEqual(['key_id', 'role']);
    const { rows } = await t.database.pool.query<{ role: string; identity_protected: boolean; key_id: string; v: number }>(
      'SELECT role, identity_protected, key_id, get_byte(full_name_enc, 0) AS v FROM petition_parties WHERE petition_id = $1 ORDER BY position',
      [denunciation]
    );
    const keyId = createFieldCipher({ currentKey: TEST_SECRETS.dataKey }).keyId;
    expect(rows).toEqual([
      { role: 'NGUOI_TO_CAO', identity_protected: true, key_id: keyId, v: 1 },
      { role: 'NGUOI_BI_TO_CAO', identity_protected: false, key_id: keyId, v: 1 }
    ]);
  });

  it('refuses, in the database itself, a denouncer whose identity is not marked protected', async () => {
    const copy = t.database.pool.query(
      `INSERT INTO petition_parties (petition_id, position, role, full_name_enc, name_hash, key_id, identity_protected)
       SELECT petition_id, 99, role, full_name_enc, name_hash, key_id, false FROM petition_parties WHERE role = 'NGUOI_TO_CAO' LIMIT 1`
    );
    await expect(copy).rejects.toThrow(/petition_parties_denouncer_protected/);
  });

  it('when a number is invalid, refuses the parties with a message per field and writes nothing', async () => {
    const before = await t.count('petition_parties');
    const error = await rejection(
      add(officer, complaint, [
        { role: 'NGUOI_KHIEU_NAI', fullName: 'Lê Văn Tám', phone: '0412 345 678', idNumber: '12345' },
        { role: 'NGUOI_DAI_DIEN', fullName: ' ' }
      ])
    );
    expect(error.statusCode).toBe(400);
    expect(error.fields?.map((f) => f.field)).toEqual(['parties.0.idNumber', 'parties.0.phone', 'parties.1.fullName']);
    expect(error.fields?.[1]?.message).toMatch(/^Đương sự 1 – Số điện thoại: .*di động có 10 chữ số/);
    expect(error.fields?.[1]?.messageEn).toMatch(/^Party 1 – phone: /);
    expect(await t.count('petition_parties')).toBe(before);
  });

  it('cannot add parties to a petition outside the caller’s scope (row-level security)', async () => {
    const before = await t.count('petition_parties');
    // The petition does not exist for a transaction scoped to TP.HCM.
    expect((await rejection(add(hcmOfficer, denunciation, [{ role: 'NGUOI_TO_CAO', fullName: 'Người Ngoài Phạm Vi' }]))).statusCode).toBe(404);
    // Nor can a scoped transaction write a party row for it directly.
    const direct = withScope(t.database.db, hcmOfficer.scopePaths, (tx) =>
      tx.execute(sql`INSERT INTO petition_parties (petition_id, position, role, full_name_enc, name_hash, key_id)
                     VALUES (${denunciation}::uuid, 50, 'NGUOI_BI_TO_CAO', '\\x01'::bytea, decode(repeat('00', 32), 'hex'), '00000000')`)
    );
    const failure = await direct.then(() => null, (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(failure).toMatch(/row-level security/);
    expect(await t.count('petition_parties')).toBe(before);
  });
});

describe('listParties', () => {
  it('shows the officer of the unit the denouncer in clear, and audits that the identity was read', async () => {
    const auditBefore = await t.database.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'petition.read_identity'");
    const list = await parties.listParties(officer, denunciation);
    expect(list.map((p) => [p.role, p.withheld, p.fullName, p.idNumber, p.phone])).toEqual([
      ['NGUOI_TO_CAO', false, 'Nguyễn Thị Bí Mật', '001190012345', '0912345678'],
      ['NGUOI_BI_TO_CAO', false, 'Trần Văn Bị Cáo', null, null]
    ]);
    expect(list[0]!.address).toBe(DENOUNCER.address);
    expect(list[0]!.identityProtected).toBe(true);
    const audit = await t.database.pool.query<{ entity_id: string; actor_label: string; row: string }>(
      "SELECT entity_id, actor_label, a::text AS row FROM audit_log a WHERE action = 'petition.read_identity' ORDER BY id DESC"
    );
    expect(audit.rows.length).toBe((auditBefore.rows[0] as { n: number }).n + 1);
    expect(audit.rows[0]).toMatchObject({ entity_id: denunciation, actor_label: 'canbo.hn' });
    for (const secret of SECRET_VALUES) expect(audit.rows[0]!.row).not.toContain(secret);
  });

  it('withholds the denouncer from a viewer of the same unit, but shows the person denounced', async () => {
    const list = await parties.listParties(viewer, denunciation);
    expect(list[0]).toEqual({ id: list[0]!.id, position: 0, role: 'NGUOI_TO_CAO', identityProtected: true, withheld: true, fullName: WITHHELD, idNumber: null, phone: null, address: null });
    expect(list[1]).toMatchObject({ role: 'NGUOI_BI_TO_CAO', withheld: false, fullName: 'Trần Văn Bị Cáo' });
    expect(JSON.stringify(list)).not.toContain('Bí Mật');
  });

  it('withholds it from a user manager too, even within scope; the administrator reads no petition data at all', async () => {
    const manager: AuthUser = { ...officer, role: 'USER_MANAGER' };
    expect((await parties.listParties(manager, denunciation))[0]).toMatchObject({ withheld: true, fullName: WITHHELD });
    const admin: AuthUser = { ...officer, role: 'ADMIN', scopePaths: ['VN'] };
    expect((await rejection(parties.listParties(admin, denunciation))).statusCode).toBe(403);
  });

  it('shows a complainant to the viewer, and answers 404 outside the scope or for a petition that does not exist', async () => {
    expect((await parties.listParties(viewer, complaint))[0]).toMatchObject({ withheld: false, fullName: 'NGUYEN THI BI MAT', phone: '0912345678' });
    expect((await rejection(parties.listParties(hcmOfficer, denunciation))).statusCode).toBe(404);
    expect((await rejection(parties.listParties(officer, '00000000-0000-4000-8000-000000000000'))).statusCode).toBe(404);
    expect((await rejection(parties.listParties(officer, 'not-a-uuid'))).statusCode).toBe(404);
  });

  it('when a complaint is reclassified as a denunciation, its complainant is withheld from then on', async () => {
    const letter = await createPetition('KHIEU_NAI', 'Đơn ghi là khiếu nại nhưng nội dung là tố cáo hành vi nhận hối lộ');
    await add(officer, letter, [{ role: 'NGUOI_KHIEU_NAI', fullName: 'Phạm Văn Đổi' }]);
    expect((await parties.listParties(viewer, letter))[0]!.withheld).toBe(false);
    await t.database.pool.query("UPDATE petitions SET type = 'TO_CAO' WHERE id = $1", [letter]);
    expect((await parties.listParties(viewer, letter))[0]).toMatchObject({ withheld: true, identityProtected: true });
    expect((await parties.listParties(officer, letter))[0]).toMatchObject({ withheld: false, fullName: 'Phạm Văn Đổi' });
  });
});

describe('findDuplicates', () => {
  it('finds the same phone written differently (0912 345 678 vs +84912345678) by blind index', async () => {
    const byIntl = await parties.findDuplicates(officer, { phone: '+84912345678' });
    const byNational = await parties.findDuplicates(officer, { phone: '0912.345.678' });
    expect(byIntl.map((m) => m.petitionId).sort()).toEqual([denunciation, complaint].sort());
    expect(byNational).toEqual(byIntl);
    expect(byIntl.every((m) => m.matchedOn.includes('phone'))).toBe(true);
    expect(JSON.stringify(byIntl)).not.toContain('0912');
  });

  it('finds by identity number, and can leave the petition being entered out', async () => {
    const matches = await parties.findDuplicates(officer, { idNumber: '001-190-012-345', phone: '0988 000 111' });
    expect(matches).toEqual([expect.objectContaining({ petitionId: denunciation, role: 'NGUOI_TO_CAO', matchedOn: ['idNumber'] })]);
    expect(await parties.findDuplicates(officer, { idNumber: '001190012345', excludePetitionId: denunciation })).toEqual([]);
  });

  it('does not reveal to a viewer that the number belongs to a denouncer, but finds the complaint', async () => {
    const matches = await parties.findDuplicates(viewer, { phone: '0912345678' });
    expect(matches.map((m) => m.petitionId)).toEqual([complaint]);
    expect(await parties.findDuplicates(viewer, { idNumber: '001190012345' })).toEqual([]);
  });

  it('finds nothing outside the caller’s scope, and asks for a valid number', async () => {
    expect(await parties.findDuplicates(hcmOfficer, { phone: '0912345678' })).toEqual([]);
    const error = await rejection(parties.findDuplicates(officer, { phone: '12345' }));
    expect(error.fields?.[0]).toMatchObject({ field: 'phone', message: expect.stringMatching(/^Số điện thoại: /) });
    expect((await rejection(parties.findDuplicates(officer, {}))).statusCode).toBe(400);
  });
});

describe('key rotation', () => {
  it('reads and matches rows of the old key after the key changes, re-encrypts them, then needs only the new key', async () => {
    const newKey = randomBytes(32).toString('base64');
    const rotated = createPartiesService({ db: t.database.db, cipher: createFieldCipher({ currentKey: newKey, oldKeys: [TEST_SECRETS.dataKey] }) });
    // Before re-encryption: old rows open with the old key from the ring, and still match.
    expect((await rotated.listParties(officer, denunciation))[0]!.fullName).toBe('Nguyễn Thị Bí Mật');
    expect((await rotated.findDuplicates(officer, { phone: '0912 345 678' })).length).toBe(2);

    const total = await t.count('petition_parties');
    let done = 0;
    for (let n = await rotated.reencryptStale(2); n > 0; n = await rotated.reencryptStale(2)) done += n;
    expect(done).toBe(total);
    const keys = await t.database.pool.query<{ key_id: string }>('SELECT DISTINCT key_id FROM petition_parties');
    expect(keys.rows).toEqual([{ key_id: createFieldCipher({ currentKey: newKey }).keyId }]);

    const newOnly = createPartiesService({ db: t.database.db, cipher: createFieldCipher({ currentKey: newKey }) });
    expect((await newOnly.listParties(officer, denunciation))[0]!.idNumber).toBe('001190012345');
    expect((await newOnly.findDuplicates(officer, { phone: '+84 912 345 678' })).length).toBe(2);

    const oldOnly = createPartiesService({ db: t.database.db, cipher: createFieldCipher({ currentKey: TEST_SECRETS.dataKey }) });
    const error = await oldOnly.listParties(officer, denunciation).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(FieldCipherError);
    expect((error as FieldCipherError).code).toBe('unknown_key');
  });
});
