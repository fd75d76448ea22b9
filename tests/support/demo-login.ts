/**
 * Logging in as a demo account from tests and the benchmark, OTP included: leaders and
 * administrators answer 202 and need a TOTP code from the published demo secret. The server
 * refuses a time step twice, so we remember the steps used per account and take the next one
 * the server still accepts (it allows one step of clock drift each way).
 */
import { generate } from 'otplib';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../../server/modules/seed/demo-seed.ts';

const STEP_SECONDS = 30;
const lastStepUsed = new Map<string, number>();

/** A TOTP code for the demo secret at a step not yet used for this account (waits if need be). */
export async function nextDemoOtp(identifierCode: string): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / STEP_SECONDS);
    const step = Math.max(current, (lastStepUsed.get(identifierCode) ?? -1) + 1);
    if (step <= current + 1) {
      lastStepUsed.set(identifierCode, step);
      return generate({ secret: DEMO_TOTP_SECRET, epoch: step * STEP_SECONDS });
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Log in (with OTP when asked); returns the Cookie header value. */
export async function demoLogin(baseUrl: string, identifierCode: string, password = DEMO_PASSWORD): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  let response = await post('/api/auth/login', { identifierCode, password });
  if (response.status === 202) {
    const { challenge } = (await response.json()) as { challenge: string };
    response = await post('/api/auth/login/otp', { challenge, code: await nextDemoOtp(identifierCode) });
  }
  if (response.status !== 200) throw new Error(`login ${identifierCode} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('dt_session='));
  return cookie!.split(';')[0]!;
}
