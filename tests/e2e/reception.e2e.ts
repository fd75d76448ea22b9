/**
 * Citizen reception in Chromium (issue 4 item 1): an officer of Hà Nội opens the reception page,
 * starts a visit at the desk, types the visitor and what they bring, asks for the petition to be
 * created with the visit, and reads the receipt number the page shows; the book lists the line.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatVn, toVnDate } from '../../shared/calendar/index.ts';
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

describe('the reception desk', () => {
  it('records a visit with its petition and shows the receipt number', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await logIn(page, t.url, 'canbo.hn');
    await page.goto(`${t.url}/reception`);
    await page.getByTestId('start-visit').click();
    await page.waitForURL('**/reception/visit');

    // The visitor's name field has the focus: the clerk types straight away.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('visitor-name-0');
    await page.keyboard.type('Hoàng Thị Tiếp');
    expect(await page.getByTestId('visitor-name-0').inputValue()).toBe('Hoàng Thị Tiếp');
    await page.getByTestId('visitor-phone-0').fill('0912 345 888');
    await page.getByTestId('visit-summary').fill('Khiếu nại việc UBND phường chậm cấp giấy phép xây dựng nhà ở riêng lẻ');
    await page.getByTestId('create-petition').check();
    await page.getByTestId('petition-type').selectOption('KHIEU_NAI');
    expect(await page.getByTestId('outcome-NHAN_DON').isChecked()).toBe(true);
    await page.getByTestId('submit-visit').click();

    const receipt = page.getByTestId('receipt-number');
    await receipt.waitFor({ timeout: 10_000 });
    const code = (await receipt.textContent())!.trim();
    expect(code).toMatch(/^01-\d{4}-\d{6}$/);
    expect(await page.getByTestId('visit-saved').textContent()).toMatch(/Đã ghi vào sổ tiếp công dân, số thứ tự \d+\/\d{4}/);

    // The petition exists under that number, and the book shows the line with it in column 8.
    const officer = await t.login('canbo.hn');
    const list = await t.request('GET', `/api/petitions?q=${encodeURIComponent(code)}`, { cookie: officer });
    expect(list.body.items.map((p: { code: string }) => p.code)).toContain(code);
    await page.goto(`${t.url}/reception/book`);
    const row = page.getByTestId('book-row').filter({ hasText: code });
    await row.waitFor({ timeout: 10_000 });
    const cells = await row.locator('td').allTextContents();
    expect(cells).toHaveLength(12);
    expect(cells[1]).toBe(formatVn(toVnDate(new Date())));
    expect(cells[2]).toBe('Hoàng Thị Tiếp');
    expect(cells[7]).toBe(`Tiếp nhận đơn, mã đơn ${code}`);
    await context.close();
  });
});
