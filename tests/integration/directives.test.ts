/**
 * Directives (issue 5 item 3): a leader's directive reaches the target unit live; the unit
 * acknowledges, replies and reports completion, the leader comments, urges, extends and closes,
 * each step a new message of an ordered, de-duplicated, append-only thread, live to every
 * participant. Roles and scope hold; files are type-checked and served to participants only; bad
 * input gets a Vietnamese and English message and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toVnDate } from '../../shared/calendar/index.ts';
import { connectLive } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let leader: string;
let officer: string;
let hcmOfficer: string;
let hanoiId: string;
let hcmId: string;
const day = (n: number) => toVnDate(new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  t = await startTestApp();
  leader = await t.login('lanhdao');
  officer = await t.login('canbo.hn');
  hcmOfficer = await t.login('canbo.hcm');
  const units = await t.database.pool.query<{ id: string; code: string }>(`SELECT id, code FROM units WHERE code IN ('01', '79')`);
  hanoiId = units.rows.find((u) => u.code === '01')!.id;
  hcmId = units.rows.find((u) => u.code === '79')!.id;
});
afterAll(async () => {
  await t?.close();
});

const issue = (body: Record<string, unknown> = {}, cookie = leader) =>
  t.request('POST', '/api/directives', { cookie, body: { title: 'Rà soát đơn quá hạn', content: 'Đề nghị rà soát các đơn quá hạn trong tháng và báo cáo.', priority: 'URGENT', dueDate: day(7), unitIds: [hanoiId], ...body } });
const step = (id: string, kind: string, body: Record<string, unknown> = {}, cookie = officer) => t.request('POST', `/api/directives/${id}/steps/${kind}`, { cookie, body });
const threadOf = async (id: string) => (await t.request('GET', `/api/directives/${id}`, { cookie: leader })).body.messages.map((m: { seq: number; kind: string }) => `${m.seq}:${m.kind}`);

/** Rows a refused request must not have written. */
const counts = async () => {
  const { rows } = await t.database.pool.query(`SELECT (SELECT count(*) FROM directives)::int AS d, (SELECT count(*) FROM directive_messages)::int AS m, (SELECT count(*) FROM directive_attachments)::int AS a,
    (SELECT count(*) FROM notifications)::int AS n, (SELECT count(*) FROM outbox)::int AS o, (SELECT count(*) FROM audit_log)::int AS l`);
  return rows[0];
};

/** A Hà Nội leader, made for these tests (logged in through a session row: the sealed OTP seed is bound to an account id). */
async function hanoiLeader(): Promise<string> {
  await t.database.pool.query(`INSERT INTO users (identifier_code, full_name, password_hash, role, unit_id, totp_secret_enc, totp_enabled_at)
    SELECT 'lanhdao.hn.dir', 'Lãnh đạo Hà Nội', password_hash, 'LEADER', (SELECT unit_id FROM users WHERE identifier_code = 'canbo.hn'), totp_secret_enc, totp_enabled_at
      FROM users WHERE identifier_code = 'lanhdao' AND NOT EXISTS (SELECT 1 FROM users WHERE identifier_code = 'lanhdao.hn.dir')`);
  const { rows } = await t.database.pool.query(`SELECT id FROM users WHERE identifier_code = 'lanhdao.hn.dir'`);
  const token = 'hn-leader-session-token-for-directive-tests';
  await t.database.pool.query(`INSERT INTO sessions (token_hash, user_id, expires_at, mfa_verified) VALUES (sha256($1::bytea), $2, now() + interval '1 hour', true) ON CONFLICT DO NOTHING`, [Buffer.from(token), rows[0].id]);
  return `dt_session=${token}`;
}

describe('a directive and its thread', () => {
  it('reaches the unit live; the acknowledgement and the reply reach the leader live, in order, with no text in any event', async () => {
    const officerLive = await connectLive(t, officer);
    const leaderLive = await connectLive(t, leader);
    try {
      const issued = await issue();
      expect(issued.status).toBe(201);
      const id = issued.body.id;
      expect(issued.body).toMatchObject({ status: 'OPEN', priority: 'URGENT', subject: { kind: 'UNIT' }, targets: [{ unitId: hanoiId, state: 'PENDING' }], isIssuer: true, allowedSteps: ['COMMENT', 'URGE', 'EXTEND', 'CLOSE'] });
      // The officer's unit topic carries the directive; its own topic carries the alert.
      await officerLive.waitFor(() => [...officerLive.unique.values()].some((e) => e.type === 'directive.issued' && e.payload.directiveId === id), 2_000);
      await officerLive.waitFor(() => [...officerLive.unique.values()].some((e) => e.type === 'notification.created' && e.payload.kind === 'DIRECTIVE' && e.payload.link === `/directives/${id}`), 2_000);

      const asOfficer = await t.request('GET', `/api/directives/${id}`, { cookie: officer });
      expect(asOfficer.body).toMatchObject({ isIssuer: false, actingForUnitId: hanoiId, allowedSteps: ['ACKNOWLEDGE', 'REPLY'] });
      expect((await step(id, 'ACKNOWLEDGE')).status).toBe(200);
      const replied = await step(id, 'REPLY', { body: 'Đã rà soát 12 đơn, 3 đơn đang xử lý tiếp.', idempotencyKey: 'reply-0001' });
      expect(replied.status).toBe(200);
      expect(replied.body.allowedSteps).toEqual(['REPLY', 'COMPLETE']);

      // Unit events and the leader's own user events: the same steps, ordered by seq.
      const threadEvents = () => [...leaderLive.unique.values()].filter((e) => e.type === 'directive.message' && e.payload.directiveId === id);
      await leaderLive.waitFor(() => new Set(threadEvents().map((e) => (e.payload as { seq: number }).seq)).size >= 3, 2_000);
      const order = [...new Map(threadEvents().map((e) => [(e.payload as { seq: number }).seq, (e.payload as { kind: string }).kind])).entries()];
      expect(order).toEqual([[1, 'ISSUE'], [2, 'ACKNOWLEDGE'], [3, 'REPLY']]);
      expect(threadEvents().some((e) => e.unitPath === '')).toBe(true); // a user event
      expect(await threadOf(id)).toEqual(['1:ISSUE', '2:ACKNOWLEDGE', '3:REPLY']);
      const thread = await t.request('GET', `/api/directives/${id}`, { cookie: leader });
      expect(thread.body.targets[0].state).toBe('ACKNOWLEDGED');
      expect(thread.body.messages[2]).toMatchObject({ body: 'Đã rà soát 12 đơn, 3 đơn đang xử lý tiếp.', unitName: 'Thành phố Hà Nội' });
      // Nothing of the text travels in events.
      const wire = JSON.stringify([...leaderLive.received, ...officerLive.received]);
      expect(wire).not.toContain('rà soát');
      expect(wire).not.toContain('Rà soát');
    } finally {
      await officerLive.end();
      await leaderLive.end();
    }
  });

  it('follows the state machine: complete after acknowledging, urge what is incomplete, extend only later, close for good', async () => {
    const id = (await issue({ unitIds: [hanoiId, hcmId], priority: 'NORMAL' })).body.id;
    const complete = await step(id, 'COMPLETE', { body: 'Xong' });
    expect(complete.status).toBe(409);
    expect(complete.body.error).toMatchObject({ code: 'directives.not_acknowledged', message: expect.stringMatching(/xác nhận/), messageEn: expect.stringMatching(/Acknowledge/) });
    expect((await step(id, 'ACKNOWLEDGE')).status).toBe(200);
    expect((await step(id, 'ACKNOWLEDGE')).body.error.code).toBe('directives.already_done');
    // Each target acts for its own unit only.
    expect((await step(id, 'ACKNOWLEDGE', {}, hcmOfficer)).status).toBe(200);
    expect((await step(id, 'COMPLETE', { body: 'Đã hoàn thành rà soát.' })).body.targets.map((x: { state: string }) => x.state)).toEqual(['COMPLETED', 'ACKNOWLEDGED']);

    // Urged: only the unit not complete hears of it, as an urgent alert.
    const before = await t.database.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'DIRECTIVE_URGED'`);
    expect((await step(id, 'URGE', { body: 'Đề nghị khẩn trương' }, leader)).status).toBe(200);
    const urged = await t.database.pool.query(`SELECT u.identifier_code, n.urgent FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'DIRECTIVE_URGED' ORDER BY n.id DESC LIMIT 5`);
    expect(urged.rows.length - before.rows[0].n).toBeGreaterThan(0);
    expect(urged.rows.map((r) => r.identifier_code)).toContain('canbo.hcm');
    expect(urged.rows.map((r) => r.identifier_code)).not.toContain('canbo.hn');
    expect(urged.rows.every((r) => r.urgent)).toBe(true);

    const earlier = await step(id, 'EXTEND', { dueDate: day(3) }, leader);
    expect(earlier.body.error.code).toBe('directives.bad_extension');
    const extended = await step(id, 'EXTEND', { dueDate: day(14), body: 'Gia hạn để tổng hợp' }, leader);
    expect(extended.body.dueDate).toBe(day(14));
    expect(extended.body.messages.at(-1).body).toMatch(/Hạn mới: \d{2}\/\d{2}\/\d{4}/);

    // The leader's steps are the leader's; the units' are the units'.
    expect((await step(id, 'URGE', {}, officer)).status).toBe(403);
    expect((await step(id, 'REPLY', { body: 'Lãnh đạo tự trả lời' }, leader)).status).toBe(403);

    const closed = await step(id, 'CLOSE', { body: 'Kết thúc' }, leader);
    expect(closed.body).toMatchObject({ status: 'CLOSED', allowedSteps: [] });
    expect((await step(id, 'REPLY', { body: 'Muộn' })).body.error.code).toBe('directives.closed');
    expect((await step(id, 'COMMENT', { body: 'Thêm ý' }, leader)).status).toBe(409);

    const { rows: audit } = await t.database.pool.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [id]);
    expect(audit.map((r) => r.action)).toEqual(['directive.issue', 'directive.acknowledge', 'directive.acknowledge', 'directive.complete', 'directive.urge', 'directive.extend', 'directive.close']);
    expect(await threadOf(id)).toEqual(['1:ISSUE', '2:ACKNOWLEDGE', '3:ACKNOWLEDGE', '4:COMPLETE', '5:URGE', '6:EXTEND', '7:CLOSE']);
    // The thread cannot be edited, even by the database's owner: a correction is a new message.
    await expect(t.database.pool.query(`UPDATE directive_messages SET body = 'sửa' WHERE directive_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('stores a message retried with the same key once, and a retried issue once', async () => {
    const id = (await issue()).body.id;
    const sends = await Promise.all([0, 1, 2].map(() => step(id, 'REPLY', { body: 'Báo cáo gửi lại do mạng chập chờn', idempotencyKey: 'retry-abcdef' })));
    expect(sends.map((s) => s.status)).toEqual([200, 200, 200]);
    const { rows } = await t.database.pool.query(`SELECT count(*)::int AS n FROM directive_messages WHERE directive_id = $1 AND kind = 'REPLY'`, [id]);
    expect(rows[0].n).toBe(1);
    // Another key is another message.
    await step(id, 'REPLY', { body: 'Báo cáo bổ sung', idempotencyKey: 'retry-123456' });
    expect(await threadOf(id)).toEqual(['1:ISSUE', '2:REPLY', '3:REPLY']);

    const before = await t.count('directives');
    const [a, b] = await Promise.all([issue({ idempotencyKey: 'issue-key-0001' }), issue({ idempotencyKey: 'issue-key-0001' })]);
    expect(a.body.id).toBe(b.body.id);
    expect(await t.count('directives')).toBe(before + 1);
  });

  it('keeps the thread append-only: a correction is a new message naming the one it corrects', async () => {
    const id = (await issue()).body.id;
    await step(id, 'REPLY', { body: 'Đã xử lý 21 đơn.' });
    const corrected = await step(id, 'REPLY', { body: 'Đính chính: đã xử lý 12 đơn.', correctsSeq: 2 });
    expect(corrected.status).toBe(200);
    expect(corrected.body.messages.map((m: { seq: number; body: string; correctsSeq: number | null }) => [m.seq, m.body, m.correctsSeq])).toEqual([
      [1, 'Đề nghị rà soát các đơn quá hạn trong tháng và báo cáo.', null],
      [2, 'Đã xử lý 21 đơn.', null],
      [3, 'Đính chính: đã xử lý 12 đơn.', 2]
    ]);
    // Only one's own reply or comment may be corrected.
    expect((await step(id, 'REPLY', { body: 'Sửa chỉ đạo', correctsSeq: 1 })).body.error.code).toBe('directives.bad_correction');
    expect((await step(id, 'COMMENT', { body: 'Sửa báo cáo của đơn vị', correctsSeq: 2 }, leader)).body.error.code).toBe('directives.bad_correction');
  });

  it('lets in participants only: out of scope 404, wrong role 403, a viewer of the scope reads but cannot act', async () => {
    const id = (await issue()).body.id;
    const [admin, viewer, hnLeader] = [await t.login('quantri'), await t.login('xem.hn'), await hanoiLeader()];
    const before = await counts();
    for (const cookie of [hcmOfficer, admin]) {
      const read = await t.request('GET', `/api/directives/${id}`, { cookie });
      expect(read.status).toBe(404);
      expect(read.body.error).toMatchObject({ code: 'directives.not_found', message: expect.stringMatching(/Không tìm thấy/), messageEn: expect.stringMatching(/No such directive/) });
      expect((await step(id, 'REPLY', { body: 'Đơn vị khác chen vào' }, cookie)).status).toBe(404);
      expect((await t.request('GET', '/api/directives', { cookie })).body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    }
    expect((await t.request('GET', `/api/directives/${id}`, { cookie: viewer })).body.allowedSteps).toEqual([]);
    expect((await step(id, 'ACKNOWLEDGE', {}, viewer)).status).toBe(403);
    // Officers do not issue; a leader issues only inside its own subtree.
    expect((await issue({}, officer)).status).toBe(403);
    const outside = await issue({ unitIds: [hcmId] }, hnLeader);
    expect(outside.body.error.code).toBe('directives.bad_targets');
    expect(await counts()).toEqual(before);

    // Boxes: what was sent to my unit, what I issued.
    const inbox = await t.request('GET', '/api/directives?box=inbox&status=open', { cookie: officer });
    expect(inbox.body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect((await t.request('GET', '/api/directives?box=issued', { cookie: officer })).body.items).toEqual([]);
    const issued = await t.request('GET', '/api/directives?box=issued&limit=5', { cookie: leader });
    expect(issued.body.items[0]).toMatchObject({ id, isIssuer: true, targets: [{ unitName: 'Thành phố Hà Nội', state: 'PENDING' }] });
  });
});

describe('what a directive is about', () => {
  it('on a petition goes to the petition’s unit; on a case to the case’s unit; a subject out of scope is refused', async () => {
    const petition = await t.request('POST', '/api/petitions', { cookie: hcmOfficer, body: { type: 'KIEN_NGHI', summary: 'Kiến nghị sửa chữa cầu dân sinh bị xuống cấp' } });
    expect(petition.status).toBe(201);
    const onPetition = await issue({ unitIds: undefined, petitionId: petition.body.id, title: 'Xử lý kiến nghị cầu dân sinh' });
    expect(onPetition.status).toBe(201);
    expect(onPetition.body).toMatchObject({ subject: { kind: 'PETITION', id: petition.body.id, code: petition.body.code }, targets: [{ unitId: hcmId }] });

    const { rows } = await t.database.pool.query(`SELECT c.id, c.code FROM cases c JOIN petitions p ON p.case_id = c.id WHERE p.id = $1`, [petition.body.id]);
    const onCase = await issue({ unitIds: undefined, caseId: rows[0].id, title: 'Chỉ đạo giải quyết dứt điểm vụ việc' });
    expect(onCase.status).toBe(201);
    expect(onCase.body).toMatchObject({ subject: { kind: 'CASE', id: rows[0].id, code: rows[0].code }, targets: [{ unitId: hcmId }] });
    // The HCM officer sees both; the Hà Nội officer neither.
    const hcmList = (await t.request('GET', '/api/directives?box=inbox', { cookie: hcmOfficer })).body.items.map((d: { id: string }) => d.id);
    expect(hcmList).toEqual(expect.arrayContaining([onPetition.body.id, onCase.body.id]));
    expect((await t.request('GET', `/api/directives/${onCase.body.id}`, { cookie: officer })).status).toBe(404);

    const before = await counts();
    const hnLeader = await hanoiLeader();
    for (const body of [{ petitionId: petition.body.id }, { caseId: rows[0].id }, { caseId: '00000000-0000-4000-8000-000000000000' }]) {
      const refused = await issue({ unitIds: undefined, ...body }, hnLeader);
      expect(refused.status, JSON.stringify(body)).toBe(404);
      expect(refused.body.error.code).toBe('directives.subject_not_found');
    }
    expect((await issue({ petitionId: petition.body.id, caseId: rows[0].id })).body.error.code).toBe('directives.one_subject');
    expect(await counts()).toEqual(before);
  });
});

describe('files in the thread', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const upload = async (id: string, bytes: Buffer, name: string, cookie = officer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const response = await fetch(`${t.url}/api/directives/${id}/attachments`, { method: 'POST', headers: { cookie }, body: form });
    return { status: response.status, body: await response.json() };
  };

  it('sends a PDF with a reply, kept by content hash and served to participants only; refuses what is not PDF or image', async () => {
    const id = (await issue()).body.id;
    const file = await upload(id, PDF, 'bao-cao-ra-soat.pdf');
    expect(file.status).toBe(201);
    expect(file.body).toMatchObject({ fileName: 'bao-cao-ra-soat.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
    // Waiting: seen by its author only until sent.
    expect((await t.request('GET', `/api/directives/${id}`, { cookie: leader })).body.pendingAttachments).toEqual([]);
    const sent = await step(id, 'REPLY', { body: 'Gửi kèm báo cáo rà soát.', attachmentIds: [file.body.id] });
    expect(sent.body.messages.at(-1).attachments).toEqual([expect.objectContaining({ id: file.body.id, fileName: 'bao-cao-ra-soat.pdf' })]);

    const asLeader = await fetch(`${t.url}${file.body.url}`, { headers: { cookie: leader } });
    expect(asLeader.status).toBe(200);
    expect(asLeader.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await asLeader.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await fetch(`${t.url}${file.body.url}`, { headers: { cookie: hcmOfficer } })).status).toBe(404);
    // A file already sent cannot ride on another message.
    expect((await step(id, 'REPLY', { body: 'Gửi lại tệp cũ', attachmentIds: [file.body.id] })).body.error.code).toBe('directives.bad_attachments');

    const before = await counts();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
    const refused = [
      [await upload(id, exe, 'bao-cao.pdf'), 415, 'files.bad_type'],
      [await upload(id, Buffer.from('Chỉ là văn bản thường, không phải PDF'), 'ghi-chu.pdf'), 415, 'files.bad_type'],
      [await upload(id, Buffer.alloc(0), 'rong.pdf'), 400, 'files.empty'],
      [await upload(id, Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]), 'qua-lon.pdf'), 413, 'files.too_large'],
      [await upload(id, PDF, 'chen-ngang.pdf', hcmOfficer), 404, 'directives.not_found']
    ] as const;
    for (const [reply, status, code] of refused) {
      expect(reply.status).toBe(status);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựỏóòõọíìỉĩịúùủũụýỳỷỹỵé]/);
      expect(reply.body.error.messageEn).toMatch(/[a-z]/);
    }
    expect(await counts()).toEqual(before);
  });
});

describe('nasty input', () => {
  it('is refused with a Vietnamese and an English message, naming the field, and writes nothing', async () => {
    const id = (await issue()).body.id;
    const before = await counts();
    const issues: [Record<string, unknown>, string, string?][] = [
      [{ dueDate: '2020-01-01' }, 'directives.bad_due_date', 'dueDate'],
      [{ dueDate: '2026-02-30' }, 'directives.bad_due_date', 'dueDate'],
      [{ dueDate: day(800) }, 'directives.bad_due_date', 'dueDate'],
      [{ dueDate: '01/02/2027' }, 'common.validation', 'dueDate'],
      [{ unitIds: ['00000000-0000-4000-8000-000000000000'] }, 'directives.bad_targets', 'unitIds'],
      [{ unitIds: [] }, 'common.validation', 'unitIds'],
      [{ unitIds: ['01'] }, 'common.validation', 'unitIds'],
      [{ unitIds: undefined }, 'directives.bad_targets', 'unitIds'],
      [{ content: '   \u200b\u200b   ' }, 'directives.text_required', 'content'],
      [{ content: 'Nội dung có ký tự rỗng \u0000 giữa chừng' }, 'directives.bad_text', 'content'],
      [{ title: 'Tiêu đề \u202Egnảđ ođ' }, 'directives.bad_text', 'title'],
      [{ content: 'x'.repeat(5001) }, 'common.validation', 'content'],
      [{ priority: 'SIEU_KHAN' }, 'common.validation', 'priority'],
      [{ idempotencyKey: 'khóa có dấu cách' }, 'common.validation', 'idempotencyKey'],
      [{ extra: 'field' }, 'common.validation']
    ];
    for (const [body, code, field] of issues) {
      const reply = await issue(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code, JSON.stringify(body)).toBe(code);
      expect(reply.body.error.message).toMatch(/[^\x00-\x7f]/); // Vietnamese
      expect(reply.body.error.messageEn).toMatch(/[a-z]/);
      if (field) expect(reply.body.error.fields.map((f: { field: string }) => f.field.split('.')[0]), JSON.stringify(body)).toContain(field);
    }
    const steps: [string, Record<string, unknown>, number, string][] = [
      ['REPLY', {}, 400, 'directives.text_required'],
      ['REPLY', { body: ' \n\t ' }, 400, 'directives.text_required'],
      ['REPLY', { body: 'Báo cáo \u0007 chuông' }, 400, 'directives.bad_text'],
      ['REPLY', { body: 'Trả lời', attachmentIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'directives.bad_attachments'],
      ['REPLY', { body: 'Trả lời', correctsSeq: 99 }, 400, 'directives.bad_correction'],
      ['ACKNOWLEDGE', { attachmentIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'directives.no_attachments'],
      ['ISSUE', { body: 'Ban hành lại' }, 400, 'common.validation'],
      ['DELETE', {}, 400, 'common.validation'],
      ['REPLY', { body: 'Trả lời', seq: 1 }, 400, 'common.validation']
    ];
    for (const [kind, body, status, code] of steps) {
      const reply = await step(id, kind, body);
      expect(reply.status, `${kind} ${JSON.stringify(body)}`).toBe(status);
      expect(reply.body.error.code, `${kind} ${JSON.stringify(body)}`).toBe(code);
      expect(reply.body.error.messageEn).toMatch(/[a-z]/);
    }
    expect((await step(id, 'EXTEND', { dueDate: '2027-13-01' }, leader)).body.error.code).toBe('directives.bad_due_date');
    expect((await step(id, 'EXTEND', {}, leader)).body.error.code).toBe('directives.bad_due_date');
    expect((await t.request('GET', '/api/directives/khong-phai-uuid', { cookie: leader })).status).toBe(400);
    expect((await t.request('POST', `/api/directives/${id}/steps/REPLY`, { cookie: officer, rawBody: '{"body": "thiếu ngoặc"', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect(await counts()).toEqual(before);

    // Text is kept as sent (no markup is interpreted), in one Unicode form.
    const decomposed = 'Ho\u0300a\u0300n tha\u0300nh <script>alert(1)</script>';
    const kept = await step(id, 'REPLY', { body: decomposed });
    expect(kept.body.messages.at(-1).body).toBe(decomposed.normalize('NFC'));
  });
});
