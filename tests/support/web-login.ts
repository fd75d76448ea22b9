/** Log a demo account in through the real login page (with the OTP step for leaders and admins). */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import { nextDemoOtp } from './demo-login.ts';

export async function logIn(page: Page, baseUrl: string, identifierCode: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL('**/login');
  await page.getByLabel('Mã định danh').fill(identifierCode);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // Leaders and administrators are asked for a code from their authenticator app.
  const otp = page.getByLabel('Mã xác thực');
  await Promise.race([otp.waitFor({ timeout: 10_000 }), page.waitForURL('**/dashboard', { timeout: 10_000 })]);
  if (await otp.isVisible()) {
    await otp.fill(await nextDemoOtp(identifierCode));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await page.waitForURL('**/dashboard');
}
