import { petitionIdOf } from '../../shared/events.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events.ts';
import { connectLive, waitFor } from '../support/live-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let officer: string;
let leader: string;

beforeAll(async () => {
  t = await startTestApp();
  officer = await t.login('canbo.hn');
  leader = await t.login('lanhdao');
});
afterAll(async () => t?.close());

async function createPetitions(n: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { status, body } = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'KHIEU_NAI', summary: `${label}: khiếu nại số ${i + 1} về thu hồi đất` } });
    expect(status).toBe(201);
    ids.push(body.id);
  }
  return ids;
}

async function unpublished(): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE published_at IS NULL');
  return Number(rows[0]!.n);
}

/** What a dashboard does after a reconnect: fetch everything after the last seq it saw. */
async function catchUp(after: string): Promise<EventEnvelope[]> {
  const { status, body } = await t.request('GET', `/api/events?after=${after}`, { cookie: leader });
  expect(status).toBe(200);
  return body.events;
}

function lastSeq(events: Iterable<EventEnvelope>): string {
  let max = 0n;
  for (const e of events) if (BigInt(e.seq) > max) max = BigInt(e.seq);
  return max.toString();
}

describe('outbox relay', () => {
  it('delivers every event exactly once (after de-duplication by id) across a broker restart', async () => {
    const live = await connectLive(t, leader, { reconnectPeriod: 100 });
    try {
      const before = await createPetitions(3, 'trước');
      await waitFor(() => before.every((id) => [...live.unique.values()].some((e) => petitionIdOf(e) === id)));
      const seenBeforeOutage = lastSeq(live.unique.values());

      await t.app.broker.stop();
      const during = await createPetitions(5, 'trong khi ngừng');
      // The relay cannot publish: the events wait in the outbox.
      await new Promise((r) => setTimeout(r, 300));
      expect(await unpublished()).toBe(5);

      await t.app.broker.start();
      await waitFor(() => live.client.connected, 10_000);
      // Published once the broker is back; the client may have missed some while reconnecting.
      const until = Date.now() + 10_000;
      while ((await unpublished()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(await unpublished()).toBe(0);

      const after = await createPetitions(2, 'sau');
      await waitFor(() => after.every((id) => [...live.unique.values()].some((e) => petitionIdOf(e) === id)));

      // Merge live deliveries with the catch-up, de-duplicated by event id, as the dashboard does.
      const merged = new Map(live.unique);
      for (const e of await catchUp(seenBeforeOutage)) merged.set(e.id, e);
      const petitionIds = [...merged.values()].map((e) => petitionIdOf(e) ?? "");
      const expected = [...before, ...during, ...after];
      for (const id of expected) expect(petitionIds.filter((p) => p === id)).toHaveLength(1);
      expect(petitionIds.filter((id) => !expected.includes(id))).toEqual([]);
      // Seqs are unique and dense: no event was skipped in the delivery order.
      const seqs = [...merged.values()].map((e) => Number(e.seq)).sort((a, b) => a - b);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs.at(-1)! - seqs[0]! + 1).toBe(seqs.length);
    } finally {
      await live.end();
    }
  });

  it('resumes from the first unsent row after the relay itself stops (a crash)', async () => {
    const live = await connectLive(t, leader);
    try {
      await t.app.relay.stop();
      const pending = await createPetitions(4, 'relay dừng');
      await new Promise((r) => setTimeout(r, 200));
      expect(await unpublished()).toBe(4);
      await t.app.relay.start();
      await waitFor(() => pending.every((id) => [...live.unique.values()].some((e) => petitionIdOf(e) === id)));
      expect(await unpublished()).toBe(0);
      for (const id of pending) expect(live.received.filter((e) => petitionIdOf(e) === id)).toHaveLength(1);
    } finally {
      await live.end();
    }
  });

  it('publishes an event only to the topic of its unit', async () => {
    const { rows } = await t.database.pool.query<{ topics: string[]; unit_path: string }>('SELECT topics, unit_path::text FROM outbox');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.topics).toEqual([`dt/u/${row.unit_path.split('.').join('/')}/ev`]);
  });

  it('answers a bad catch-up cursor with 400', async () => {
    const { status, body } = await t.request('GET', '/api/events?after=abc', { cookie: leader });
    expect(status).toBe(400);
    expect(body.error.fields[0].field).toBe('after');
  });
});
