/** The /reports page in Chromium: a form's figures per unit, and the list behind one of them with as many rows. */
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

describe('reports', () => {
  it('shows form 01/XLD for the officer’s unit and opens the list behind a figure', async () => {
    const page = await browser.newPage();
    await logIn(page, t.url, 'canbo.hn');
    await page.goto(`${t.url}/reports`);
    await page.getByLabel('Kỳ báo cáo').selectOption('YEAR');
    await page.getByRole('button', { name: 'Xem số liệu' }).click();
    // The reporting year runs from the 15 December before it (TT 01/2024 cut-off).
    await page.getByText(/Từ ngày 15\/12\/\d{4} đến ngày 14\/12\/\d{4}/).waitFor();
    // Rows: Hà Nội itself, its communes, the total; every figure opens its list.
    await page.getByRole('rowheader', { name: 'Thành phố Hà Nội (trực tiếp)' }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'Tổng cộng' }).count()).toBe(1);
    const total = page.getByTestId('report-table').locator('button[data-cell="TONG"][data-row="total"]');
    const figure = Number((await total.textContent())!.replace(/\D/g, ''));
    expect(figure).toBeGreaterThan(0);
    await total.click();
    const heading = page.getByRole('heading', { name: /Danh sách: Tổng số đơn — Tổng cộng/ });
    await heading.waitFor();
    expect(await heading.textContent()).toContain(`(${figure})`);
    expect(await page.getByTestId('report-list').locator('tbody tr').count()).toBe(figure);
    // The analytics charts are drawn (canvas) and the downloads are offered.
    expect(await page.locator('.charts canvas').count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole('link', { name: 'Tải PDF để ký' }).getAttribute('href')).toMatch(/\/api\/reports\/01-XLD\/export\.pdf\?period=YEAR/);
    await page.screenshot({ path: '/tmp/reports-page.png', fullPage: false });
  });
});
