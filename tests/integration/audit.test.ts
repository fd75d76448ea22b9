import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client.ts';
import { appendAudit, type AuditEntry } from '../../server/modules/audit/audit.log.ts';
import { auditRowHash, GENESIS_HASH } from '../../server/modules/audit/audit.hash.ts';
import { verifyAuditChain } from '../../server/modules/audit/audit.verify.ts';
import { bypassingTriggers, poolUrl, readRow, reinsertRow, runAuditVerifyCli } from '../support/audit-tamper.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const entry = (n: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  actorId: null,
  actorLabel: 'kiem.thu',
  action: 'test.append',
  entityType: 'test',
  entityId: String(n),
  details: { n },
  ...extra
});

async function append(e: AuditEntry): Promise<string> {
  return t.database.db.transaction(async (tx) => {
    await appendAudit(tx, e);
    const { rows } = await tx.execute<{ id: string }>(sql`SELECT max(id)::text AS id FROM audit_log`);
    return rows[0]!.id;
  });
}

async function nextIdAfter(id: string): Promise<string> {
  const { rows } = await t.database.pool.query<{ id: string }>('SELECT min(id)::text AS id FROM audit_log WHERE id > $1', [id]);
  return rows[0]!.id;
}

async function expectIntact() {
  const result = await verifyAuditChain(t.database.pool);
  expect(result).toEqual({ ok: true, rows: await t.count('audit_log') });
}

describe('appendAudit', () => {
  it('when entries are appended, each row links to the previous one and its hash recomputes', async () => {
    const ids = [await append(entry(1)), await append(entry(2)), await append(entry(3, { unitPath: 'VN.01', ip: '203.0.113.7' }))];
    const rows = await Promise.all(ids.map((id) => readRow(t.database.pool, id)));
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.prev_hash.equals(rows[i - 1]!.hash)).toBe(true);
    }
    const first = await t.database.pool.query<{ prev_hash: Buffer }>('SELECT prev_hash FROM audit_log ORDER BY id LIMIT 1');
    expect(first.rows[0]!.prev_hash.equals(GENESIS_HASH)).toBe(true);
    const last = rows[2]!;
    expect(last.hash).toHaveLength(32);
    expect(last.unit_path).toBe('VN.01');
    const { rows: texts } = await t.database.pool.query<{ at: string }>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_log WHERE id = $1`,
      [last.id]
    );
    const recomputed = auditRowHash(last.prev_hash, {
      id: last.id,
      occurredAt: texts[0]!.at,
      actorId: last.actor_id,
      actorLabel: last.actor_label,
      action: last.action,
      entityType: last.entity_type,
      entityId: last.entity_id,
      unitPath: last.unit_path,
      ip: last.ip,
      details: last.details
    });
    expect(recomputed.equals(last.hash)).toBe(true);
    await expectIntact();
  });

  it('when the transaction rolls back, its audit row goes with it', async () => {
    const before = await t.count('audit_log');
    await expect(
      t.database.db.transaction(async (tx) => {
        await appendAudit(tx, entry(10));
        throw new Error('the audited change failed');
      })
    ).rejects.toThrow('the audited change failed');
    expect(await t.count('audit_log')).toBe(before);
    await append(entry(11));
    await expectIntact();
  });

  it('when called with the pool instead of a transaction, it opens one of its own', async () => {
    const before = await t.count('audit_log');
    await appendAudit(t.database.db, entry(12));
    expect(await t.count('audit_log')).toBe(before + 1);
    await expectIntact();
  });

  it('when no actor label is given, it records the account’s identity code', async () => {
    const { rows } = await t.database.pool.query<{ id: string }>(`SELECT id FROM users WHERE identifier_code = 'canbo.hn'`);
    const id = await append({ actorId: rows[0]!.id, action: 'test.label', entityType: 'test' });
    expect((await readRow(t.database.pool, id)).actor_label).toBe('canbo.hn');
  });

  it('when details hold awkward JSON, the stored row still verifies', async () => {
    const id = await append(
      entry(20, {
        details: {
          zeta: 1,
          alpha: { 'Đơn thư': 'tố cáo — “khiếu nại”', nested: [1, 0.1, 1e21, 5e-324, -0, null, 'x'], empty: {} },
          nul: 'a\u0000b',
          lone: '\uD800',
          skipped: undefined,
          when: new Date('2026-01-02T03:04:05.678Z'),
          big: 12345678901234567890n,
          proto: JSON.parse('{"__proto__": {"x": 1}}'),
          notANumber: Number.NaN
        }
      })
    );
    const row = await readRow(t.database.pool, id);
    expect(row.details).toMatchObject({ nul: 'a\uFFFDb', lone: '\uFFFD', when: '2026-01-02T03:04:05.678Z', big: '12345678901234567890', notANumber: null });
    expect(row.details).not.toHaveProperty('skipped');
    await expectIntact();
  });

  it('refuses details keys that can only hold a secret, and writes nothing', async () => {
    const before = await t.count('audit_log');
    await expect(append(entry(30, { details: { password: 'hunter2' } }))).rejects.toThrow(/secret/);
    await expect(append(entry(31, { details: { change: { totp_secret: 'JBSWY3DP' } } }))).rejects.toThrow(/secret/);
    expect(await t.count('audit_log')).toBe(before);
  });

  it('appends inside a row-level-security transaction running as dt_scoped', async () => {
    const before = await t.count('audit_log');
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE dt_scoped`);
      await appendAudit(tx, entry(40));
    });
    expect(await t.count('audit_log')).toBe(before + 1);
    await expectIntact();
  });

  it('refuses a REPEATABLE READ transaction, whose snapshot could fork the chain', async () => {
    await expect(t.database.db.transaction((tx) => appendAudit(tx, entry(50)), { isolationLevel: 'repeatable read' })).rejects.toThrow(/READ COMMITTED/);
  });

  it('when 50 transactions append at once (some rolling back), the chain stays one valid line', async () => {
    const wide = createDatabase(poolUrl(t.database.pool), { max: 50 });
    try {
      const before = await t.count('audit_log');
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          wide.db.transaction(async (tx) => {
            await tx.execute(sql`SELECT pg_sleep(${Math.random() / 100})`);
            await appendAudit(tx, entry(100 + i, { action: 'test.concurrent' }));
            await tx.execute(sql`SELECT pg_sleep(${Math.random() / 100})`);
            if (i % 10 === 9) throw new Error('rolled back');
          })
        )
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(45);
      expect(await t.count('audit_log')).toBe(before + 45);
      const forks = await t.database.pool.query('SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1');
      expect(forks.rowCount).toBe(0);
      await expectIntact();
    } finally {
      await wide.close();
    }
  });
});

describe('the append-only trigger', () => {
  for (const statement of [
    `UPDATE audit_log SET action = 'x'`,
    `UPDATE audit_log SET details = '{}' WHERE false`,
    'DELETE FROM audit_log',
    'DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)',
    'TRUNCATE audit_log'
  ]) {
    it(`refuses «${statement}», even from the superuser`, async () => {
      const before = await t.count('audit_log');
      await expect(t.database.pool.query(statement)).rejects.toThrow(/append-only/);
      expect(await t.count('audit_log')).toBe(before);
    });
  }
});

describe('tampering is detected', () => {
  it('when one row is edited behind the trigger, verify and the CLI name that row; restored, both pass again', async () => {
    const ids = [await append(entry(200)), await append(entry(201)), await append(entry(202))];
    const target = ids[1]!;
    const original = await readRow(t.database.pool, target);
    await bypassingTriggers(t.database.pool, (c) => c.query(`UPDATE audit_log SET details = '{"n": 999}' WHERE id = $1`, [target]));
    try {
      const result = await verifyAuditChain(t.database.pool);
      expect(result).toMatchObject({ ok: false, firstBrokenId: target });
      expect(result.ok === false && result.reason).toMatch(/altered/);
      // Small batches cross batch boundaries on the way to the same row.
      expect(await verifyAuditChain(t.database.pool, { batchSize: 3 })).toMatchObject({ ok: false, firstBrokenId: target });

      const cli = await runAuditVerifyCli(['--database-url', poolUrl(t.database.pool)]);
      expect(cli.code, cli.stderr).toBe(1);
      expect(cli.stdout).toContain(`Nhật ký bị sửa tại dòng id=${target}`);
      expect(cli.stdout).toContain(`Audit log broken at row id=${target}:`);
    } finally {
      await bypassingTriggers(t.database.pool, (c) => c.query('UPDATE audit_log SET details = $2 WHERE id = $1', [target, JSON.stringify(original.details)]));
    }
    await expectIntact();
    const cli = await runAuditVerifyCli(['--database-url', poolUrl(t.database.pool)]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`Nhật ký kiểm toán toàn vẹn / Audit log intact: ${await t.count('audit_log')} rows`);
  });

  it('when an edited row is also re-hashed, the row after it is named', async () => {
    const ids = [await append(entry(300)), await append(entry(301)), await append(entry(302))];
    const target = ids[1]!;
    const original = await readRow(t.database.pool, target);
    const { rows } = await t.database.pool.query<{ at: string }>(
      `SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_log WHERE id = $1`,
      [target]
    );
    const forged = auditRowHash(original.prev_hash, {
      id: original.id,
      occurredAt: rows[0]!.at,
      actorId: original.actor_id,
      actorLabel: 'nguoi.khac',
      action: original.action,
      entityType: original.entity_type,
      entityId: original.entity_id,
      unitPath: original.unit_path,
      ip: original.ip,
      details: original.details
    });
    await bypassingTriggers(t.database.pool, (c) => c.query(`UPDATE audit_log SET actor_label = 'nguoi.khac', hash = $2 WHERE id = $1`, [target, forged]));
    try {
      const result = await verifyAuditChain(t.database.pool);
      expect(result).toMatchObject({ ok: false, firstBrokenId: ids[2] });
      expect(result.ok === false && result.reason).toMatch(new RegExp(`previous row \\(id=${target}\\)`));
    } finally {
      await bypassingTriggers(t.database.pool, (c) => c.query('UPDATE audit_log SET actor_label = $2, hash = $3 WHERE id = $1', [target, original.actor_label, original.hash]));
    }
    await expectIntact();
  });

  it('when a middle row is deleted, verify and the CLI name the row after the gap', async () => {
    const ids = [await append(entry(400)), await append(entry(401)), await append(entry(402))];
    const removed = await readRow(t.database.pool, ids[1]!);
    await bypassingTriggers(t.database.pool, (c) => c.query('DELETE FROM audit_log WHERE id = $1', [removed.id]));
    try {
      const after = await nextIdAfter(ids[0]!);
      expect(after).toBe(ids[2]);
      const result = await verifyAuditChain(t.database.pool, { batchSize: 2 });
      expect(result).toMatchObject({ ok: false, firstBrokenId: ids[2] });
      expect(result.ok === false && result.reason).toMatch(/deleted/);
      const cli = await runAuditVerifyCli(['--database-url', poolUrl(t.database.pool)]);
      expect(cli.code, cli.stderr).toBe(1);
      expect(cli.stdout).toContain(`id=${ids[2]}`);
    } finally {
      await bypassingTriggers(t.database.pool, (c) => reinsertRow(c, removed));
    }
    await expectIntact();
  });

  it('when the first rows are deleted, the new first row is named', async () => {
    const first = await t.database.pool.query<{ id: string }>('SELECT min(id)::text AS id FROM audit_log');
    const removed = await readRow(t.database.pool, first.rows[0]!.id);
    await bypassingTriggers(t.database.pool, (c) => c.query('DELETE FROM audit_log WHERE id = $1', [removed.id]));
    try {
      const result = await verifyAuditChain(t.database.pool);
      expect(result).toMatchObject({ ok: false, rows: 1, firstBrokenId: await nextIdAfter(removed.id) });
      expect(result.ok === false && result.reason).toMatch(/first row/);
    } finally {
      await bypassingTriggers(t.database.pool, (c) => reinsertRow(c, removed));
    }
    await expectIntact();
  });
});

describe('the audit API', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await t.login('quantri');
  });

  it('refuses visitors (401) and every role but the administrator (403)', async () => {
    for (const path of ['/api/audit', '/api/audit/verify']) {
      expect((await t.request('GET', path)).status).toBe(401);
      for (const account of ['canbo.hn', 'quanly.hn', 'xem.hn']) {
        const { status, body } = await t.request('GET', path, { cookie: await t.login(account) });
        expect(status, `${account} ${path}`).toBe(403);
        expect(body.error.code).toBe('auth.forbidden');
        expect(body.error.message).toBe('Bạn không có quyền thực hiện việc này.');
      }
    }
  });

  it('lists entries newest first, page by page, filtered by action and actor', async () => {
    const ids = [
      await append(entry(500, { action: 'test.api_one', actorLabel: 'api.a' })),
      await append(entry(501, { action: 'test.api_two', actorLabel: 'api.b' })),
      await append(entry(502, { action: 'test.api_one', actorLabel: 'api.b' }))
    ];
    const page1 = await t.request('GET', '/api/audit?limit=2', { cookie: admin });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(BigInt(page1.body.items[0].id)).toBeGreaterThan(BigInt(page1.body.items[1].id));
    expect(page1.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(page1.body.items[0].occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const page2 = await t.request('GET', `/api/audit?limit=2&before=${page1.body.nextBefore}`, { cookie: admin });
    expect(BigInt(page2.body.items[0].id)).toBeLessThan(BigInt(page1.body.items[1].id));

    const one = await t.request('GET', '/api/audit?action=test.api_one', { cookie: admin });
    expect(one.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[0]]);
    const prefix = await t.request('GET', '/api/audit?action=test.api_*&limit=200', { cookie: admin });
    expect(prefix.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    const byActor = await t.request('GET', '/api/audit?actorLabel=api.b', { cookie: admin });
    expect(byActor.body.items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    expect(byActor.body.items[0]).toMatchObject({ action: 'test.api_one', entityType: 'test', entityId: '502', details: { n: 502 } });
    expect(byActor.body.nextBefore).toBeNull();
    // '_' in a prefix is a character, not a LIKE wildcard.
    expect((await t.request('GET', '/api/audit?action=test.api_t*', { cookie: admin })).body.items).toHaveLength(1);
  });

  it('records logins, and verifies the chain on request', async () => {
    const logins = await t.request('GET', '/api/audit?actorLabel=quantri&limit=200', { cookie: admin });
    expect(logins.body.items.some((i: { action: string }) => i.action.startsWith('auth.login'))).toBe(true);
    const { status, body } = await t.request('GET', '/api/audit/verify', { cookie: admin });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, rows: await t.count('audit_log') });
  });

  it('rejects a page size over 200 and a malformed cursor', async () => {
    const big = await t.request('GET', '/api/audit?limit=500', { cookie: admin });
    expect(big.status).toBe(400);
    expect(big.body.error.fields[0].field).toBe('limit');
    expect((await t.request('GET', '/api/audit?before=abc', { cookie: admin })).status).toBe(400);
    expect((await t.request('GET', '/api/audit?before=99999999999999999999', { cookie: admin })).status).toBe(400);
  });

  it('has no route that writes', async () => {
    const auditRoutes = t.app.routes.filter((r) => r.url.startsWith('/api/audit'));
    expect(auditRoutes.map((r) => r.url).sort()).toEqual(expect.arrayContaining(['/api/audit', '/api/audit/verify']));
    expect(auditRoutes.every((r) => r.method === 'GET' || r.method === 'HEAD')).toBe(true);
    const before = await t.count('audit_log');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const { status } = await t.request(method, '/api/audit', { cookie: admin, body: { action: 'forged', entityType: 'x' } });
      expect(status, method).toBe(404);
    }
    expect(await t.count('audit_log')).toBe(before);
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = await t.request('GET', '/api/docs/json');
    const list = body.paths['/api/audit'].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['action', 'actorLabel', 'before', 'limit']);
    expect(list.responses['200']).toBeDefined();
    expect(list.responses['403']).toBeDefined();
    expect(body.paths['/api/audit/verify'].get.responses['200']).toBeDefined();
    expect(Object.keys(body.paths['/api/audit'])).toEqual(['get']);
  });
});
