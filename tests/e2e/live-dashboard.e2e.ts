import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../server/modules/seed/demo-seed.ts';
import { launchBrowser } from '../support/browser.ts';
import { nextDemoOtp } from '../support/demo-login.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { logIn as logInAs } from '../support/web-login.ts';

let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  t = await startTestApp({ serveWeb: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const logIn = (page: Page, identifierCode: string) => logInAs(page, t.url, identifierCode);

const numberIn = async (page: Page, testId: string) => Number((await page.getByTestId(testId).textContent())!.replace(/\D/g, ''));

describe('login', () => {
  it('logs a leader in with OTP and lands on the live dashboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Mã định danh').fill('lanhdao');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const otp = page.getByLabel('Mã xác thực');
    await otp.waitFor();
    await otp.fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expectText(page.getByRole('alert'), /không đúng/);
    await otp.fill(await nextDemoOtp('lanhdao'));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL('**/dashboard');
    await page.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });
    await expectText(page.getByText('Nguyễn Văn Lãnh'), /Nguyễn Văn Lãnh/);
    await page.close();
  });

  it('makes a new account change its password first', async () => {
    await t.database.pool.query(`INSERT INTO users (identifier_code, full_name, password_hash, role, unit_id, must_change_password)
      SELECT 'moi.e2e', 'Cán bộ mới', password_hash, 'OFFICER', unit_id, true FROM users WHERE identifier_code = 'canbo.hn'`);
    const page = await browser.newPage();
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Mã định danh').fill('moi.e2e');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL('**/account/password');
    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('password123');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('password123');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expectText(page.getByRole('alert'), /phổ biến|bị lộ/);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Sông Hồng chảy về biển Đông');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Sông Hồng chảy về biển Đông');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.waitForURL('**/dashboard');
    await page.close();
  });
});

describe('live dashboard', () => {
  it('shows a petition created through the API within 2 s, without reload', async () => {
    const page = await browser.newPage();
    await logIn(page, 'lanhdao');
    await expectText(page.getByTestId('live-status'), /Trực tuyến|Đang kết nối/);
    await page.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });
    const totalBefore = await numberIn(page, 'kpi-total');
    // A marker that survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const officer = await t.login('canbo.hcm');
    const created = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'TO_CAO', summary: 'Tố cáo hành vi nhũng nhiễu khi làm thủ tục đất đai' }
    });
    expect(created.status).toBe(201);
    const replyAt = Date.now();

    const row = page.getByTestId('petition-list').locator('tbody tr').first();
    await row.filter({ hasText: created.body.code }).waitFor({ timeout: 2_000 });
    const latencyMs = Date.now() - replyAt;
    expect(latencyMs).toBeLessThan(2_000);
    await expectText(row, /Tố cáo/);
    await expectText(row, /Thành phố Hồ Chí Minh/);
    expect(await numberIn(page, 'kpi-total')).toBe(totalBefore + 1);
    expect(await numberIn(page, 'kpi-live')).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await page.close();
  });

  it('shows a Hà Nội officer only Hà Nội petitions, live as well', async () => {
    const page = await browser.newPage();
    await logIn(page, 'canbo.hn');
    await page.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });
    const codes = await page.getByTestId('petition-list').locator('tbody tr td.code').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code.startsWith('01-'))).toBe(true);

    const elsewhere = await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hcm'), body: { type: 'KIEN_NGHI', summary: 'Kiến nghị ở Thành phố Hồ Chí Minh' } });
    const here = await t.request('POST', '/api/petitions', { cookie: await t.login('canbo.hn'), body: { type: 'KHIEU_NAI', summary: 'Khiếu nại ở Thành phố Hà Nội về đền bù' } });
    await page.getByTestId('petition-list').locator('tbody tr').first().filter({ hasText: here.body.code }).waitFor({ timeout: 2_000 });
    expect(await page.getByText(elsewhere.body.code).count()).toBe(0);
    await page.close();
  });

  it('explains a wrong password in Vietnamese on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${t.url}/login`);
    await page.getByLabel('Mã định danh').fill('lanhdao');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expectText(page.getByRole('alert'), /không đúng/);
    expect(page.url()).toMatch(/\/login$/);
    await page.close();
  });
});

async function expectText(locator: import('playwright-core').Locator, pattern: RegExp): Promise<void> {
  await locator.first().waitFor({ timeout: 5_000 });
  const until = Date.now() + 5_000;
  let text = '';
  while (Date.now() < until) {
    text = (await locator.first().textContent()) ?? '';
    if (pattern.test(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(text).toMatch(pattern);
}
