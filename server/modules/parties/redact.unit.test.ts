import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { PARTY_REDACT_CENSOR, PARTY_REDACT_PATHS, redactForLog } from './redact.ts';

const party = { role: 'NGUOI_TO_CAO' as const, fullName: 'Nguyễn Thị Bí Mật', idNumber: '001090012345', phone: '0912 345 678', address: 'Số 1 Tràng Tiền' };
const SECRETS = [party.fullName, party.idNumber, party.phone, party.address, '+84912345678'];

function logged(write: (log: pino.Logger) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += chunk.toString();
      done();
    }
  });
  const log = pino({ redact: { paths: [...PARTY_REDACT_PATHS], censor: PARTY_REDACT_CENSOR } }, sink);
  write(log);
  return out;
}

describe('party redaction in logs', () => {
  test('when a request body, an input or a party is logged, no personal value of a party is written', () => {
    const out = logged((log) => {
      log.info({ req: { method: 'POST', url: '/api/petitions', body: { type: 'TO_CAO', parties: [party, { ...party, role: 'NGUOI_BI_TO_CAO' }] } } }, 'request');
      log.error({ input: { summary: 'Tố cáo', parties: [party] } }, 'create failed');
      log.info({ party }, 'one party');
      log.info({ parties: [party] }, 'parties');
      log.info({ body: { phone: '+84912345678', idNumber: party.idNumber } }, 'duplicate check');
    });
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).toContain('redacted');
    // What is not personal stays readable.
    expect(out).toContain('NGUOI_BI_TO_CAO');
    expect(out).toContain('/api/petitions');
  });

  test('redactForLog names the fields given, not their values', () => {
    const line = redactForLog({ ...party, address: '' });
    expect(line).toEqual({ role: 'NGUOI_TO_CAO', has: ['fullName', 'idNumber', 'phone'] });
    for (const secret of SECRETS) expect(JSON.stringify(line)).not.toContain(secret);
  });
});
