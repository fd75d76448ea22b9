/**
 * Issue 4's speed targets at national scale: the officials' list and search, and the duplicate
 * check at intake, each p95 ≤ 100 ms over 1,000,000 petitions (generated). Run alone with
 * `npx tsx tests/bench/procedure.bench.ts [--petitions 1000000] [--samples 200]`, or from `npm run bench`.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/app.ts';
import { createDatabase } from '../../server/db/client.ts';
import { demoLogin } from '../support/demo-login.ts';
import { createSeededDatabase, startThrowawayCluster } from '../support/pg-cluster.ts';
import { TEST_SECRETS, testConfig } from '../support/test-config.ts';
import { generatePetitions } from './support/generate-petitions.ts';
import { percentile } from './support/percentile.ts';

export interface Timing {
  name: string;
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

async function timeIt(name: string, samples: number, run: (i: number) => Promise<void>): Promise<Timing> {
  for (let i = 0; i < 5; i++) await run(i); // warm the plan and the cache, as a working day would
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1]!, samples };
}

export async function runProcedureBench(options: { petitions: number; samples: number; log?: (m: string) => void }): Promise<Timing[]> {
  const log = options.log ?? console.log;
  const cluster = await startThrowawayCluster();
  try {
    const databaseUrl = await createSeededDatabase(cluster, 'bench_procedure', 0);
    const database = createDatabase(databaseUrl, { max: 10 });
    const t0 = Date.now();
    log(`Sinh ${options.petitions.toLocaleString('vi-VN')} đơn / generating petitions…`);
    await generatePetitions(database.pool, options.petitions, { log });
    log(`  done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const app = await buildApp({ config: testConfig({ mqttPort: 0 }), secrets: TEST_SECRETS, database, databaseUrl, serveWeb: false, logger: false });
    const url = await app.listen();
    try {
      const officer = await demoLogin(url, 'canbo.hn');
      const leader = await demoLogin(url, 'lanhdao');
      const get = async (cookie: string, path: string) => {
        const r = await fetch(url + path, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json() as Promise<{ items: { id: string }[]; nextCursor: string | null }>;
      };
      const post = async (cookie: string, path: string, body: unknown) => {
        const r = await fetch(url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (r.status !== 200) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return r.json();
      };
      const firstPage = await get(officer, '/api/petitions?limit=20');
      const words = ['dat dai', 'thu hoi', 'o nhiem', 'ho tich', 'tro cap', 'can bo dia chinh', 'nuoc sach', 'xu phat'];
      const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Hoàng Cường', 'Phạm Thu Dung'];
      const results = [
        await timeIt('list, province officer, first page', options.samples, async () => void (await get(officer, '/api/petitions?limit=20'))),
        await timeIt('list, province officer, next page (keyset)', options.samples, async () => void (await get(officer, `/api/petitions?limit=20&cursor=${firstPage.nextCursor}`))),
        await timeIt('list, national leader, overdue only', options.samples, async () => void (await get(leader, '/api/petitions?limit=20&deadline=OVERDUE'))),
        await timeIt('list, province officer, open + type + field', options.samples, async () => void (await get(officer, '/api/petitions?limit=20&open=true&type=KHIEU_NAI&field=DAT_DAI'))),
        await timeIt('search, province officer, accent-free words', options.samples, async (i) => void (await get(officer, `/api/petitions?limit=20&q=${encodeURIComponent(words[i % words.length]!)}`))),
        await timeIt('search, national leader, accent-free words', options.samples, async (i) => void (await get(leader, `/api/petitions?limit=20&q=${encodeURIComponent(words[i % words.length]!)}`))),
        await timeIt('duplicate check, province officer (sender + content + subject)', options.samples, async (i) =>
          void (await post(officer, '/api/petitions/duplicate-check', {
            parties: [{ role: 'NGUOI_KHIEU_NAI', fullName: names[i % names.length], phone: `09${String(12345678 + i).padStart(8, '0')}`, idNumber: `0010${String(80000000 + i).padStart(8, '0')}` }],
            summary: 'Khiếu nại quyết định thu hồi đất của gia đình, bồi thường chưa thỏa đáng',
            respondent: 'UBND xã',
            communeCode: '00004'
          })))
      ];
      return results;
    } finally {
      await app.close();
      await database.close();
    }
  } finally {
    await cluster.stop();
  }
}

export function printTimings(title: string, timings: Timing[], targetMs: number): void {
  console.log(`\n${title}`);
  for (const t of timings) {
    console.log(`  ${t.name.padEnd(62)} p50 ${t.p50.toFixed(1).padStart(7)} ms  p95 ${t.p95.toFixed(1).padStart(7)} ms  max ${t.max.toFixed(1).padStart(7)} ms  ${t.p95 <= targetMs ? 'OK' : `OVER ${targetMs} ms`}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { petitions: { type: 'string', default: '1000000' }, samples: { type: 'string', default: '200' } } });
  const timings = await runProcedureBench({ petitions: Number(values.petitions), samples: Number(values.samples) });
  printTimings(`Danh sách, tìm kiếm, kiểm tra trùng trên ${Number(values.petitions).toLocaleString('vi-VN')} đơn / list, search, duplicate check (target p95 ≤ 100 ms)`, timings, 100);
  process.exit(0);
}
