/**
 * The administration area in Chromium: the administrator (with OTP) creates an account and reads
 * its one-time password, and adds a department under a province; the new account's first login
 * goes straight to the password change.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { logIn } from '../support/web-login.ts';

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

describe('administration', () => {
  it('creates an account; its first login must change the password', async () => {
    const page = await browser.newPage();
    await logIn(page, t.url, 'quantri');
    await page.getByRole('navigation', { name: 'Khu vực làm việc' }).getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByLabel('Mã định danh', { exact: true }).fill('canbo.e2e');
    await page.getByLabel('Họ và tên', { exact: true }).fill('Cán Bộ Thử');
    await page.getByLabel('Vai trò', { exact: true }).last().selectOption('OFFICER');
    await page.getByTestId('unit-picker').fill('Hà Nội');
    await page.getByRole('option').filter({ hasText: 'Thành phố Hà Nội (01)' }).getByRole('button').click();
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.locator('tr[data-account="canbo.e2e"]').waitFor();
    await page.locator('tr[data-account="canbo.e2e"]').getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const message = await page.getByTestId('admin-message').filter({ hasText: 'Mật khẩu tạm' }).textContent();
    const password = message!.match(/[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}/)![0];

    const newcomer = await browser.newPage();
    await newcomer.goto(`${t.url}/login`);
    await newcomer.getByLabel('Mã định danh').fill('canbo.e2e');
    await newcomer.getByLabel('Mật khẩu').fill(password);
    await newcomer.getByRole('button', { name: 'Đăng nhập' }).click();
    await newcomer.waitForURL('**/account/password');
    const { rows } = await t.database.pool.query(`SELECT action FROM audit_log WHERE action LIKE 'account.%' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['account.create', 'account.reset_password']));
  });

  it('adds a department under a province', async () => {
    const page = await browser.newPage();
    await logIn(page, t.url, 'quantri');
    await page.goto(`${t.url}/admin/units`);
    await page.getByRole('searchbox', { name: 'Tìm đơn vị theo tên hoặc mã' }).fill('Thành phố Hà Nội');
    await page.getByRole('button', { name: /^Thành phố Hà Nội \(01\)/ }).click();
    await page.getByLabel('Mã đơn vị').fill('01-SXD-E2E');
    await page.getByLabel('Tên đơn vị').fill('Sở Xây dựng Hà Nội (thử)');
    await page.getByLabel('Loại cơ quan').selectOption('SO_NGANH');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('button', { name: 'Sở Xây dựng Hà Nội (thử)' }).waitFor();
    const { rows } = await t.database.pool.query(`SELECT name FROM units WHERE code = '01-SXD-E2E'`);
    expect(rows[0].name).toBe('Sở Xây dựng Hà Nội (thử)');
  });
});
