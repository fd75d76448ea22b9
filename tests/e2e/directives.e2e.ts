/**
 * Directives end to end in Chromium with two browser contexts (issue 5): a leader issues a
 * directive to Hà Nội; the Hà Nội officer, already logged in, sees the alert within 1 s,
 * acknowledges and replies; the leader's thread shows the acknowledgement and the reply live, in order.
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

describe('a directive between a leader and a unit', () => {
  it('alerts the unit within 1 s; acknowledgement and reply appear live in the leader’s thread, in order', async () => {
    const officerContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const leaderContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const officer = await officerContext.newPage();
    await logIn(officer, t.url, 'canbo.hn');
    await officer.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });

    const leader = await leaderContext.newPage();
    await logIn(leader, t.url, 'lanhdao');
    await leader.goto(`${t.url}/directives`);
    await leader.getByRole('button', { name: 'Ban hành chỉ đạo' }).click();
    await leader.getByLabel('Tiêu đề').fill('Rà soát đơn tố cáo quá hạn');
    await leader.getByLabel('Nội dung chỉ đạo').fill('Đề nghị Thành phố Hà Nội rà soát các đơn tố cáo quá hạn và báo cáo trước thứ Sáu.');
    await leader.getByLabel('Độ khẩn').selectOption('URGENT');
    await leader.getByTestId('unit-picker').fill('Hà Nội');
    await leader.getByRole('option').filter({ hasText: 'Thành phố Hà Nội (01)' }).getByRole('button').click();
    const replied = leader.waitForResponse((r) => r.url().endsWith('/api/directives') && r.request().method() === 'POST');
    await leader.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await replied;
    const issuedAt = Date.now();

    const toast = officer.getByTestId('alert-toast').filter({ hasText: 'Chỉ đạo mới cho đơn vị của bạn' });
    await toast.waitFor({ timeout: 5_000 });
    const alertedAfter = Date.now() - issuedAt;
    console.log(`alert shown ${alertedAfter} ms after the directive was issued`);
    expect(alertedAfter).toBeLessThan(1_000);

    await leader.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    await leader.getByTestId('thread').locator('li[data-kind="ISSUE"]').waitFor();

    await toast.getByRole('link', { name: 'Mở' }).click();
    await officer.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    await officer.locator('button[data-step="ACKNOWLEDGE"]').click();
    await officer.getByTestId('acknowledged').waitFor();
    await officer.getByLabel('Nội dung trả lời, báo cáo').fill('Đã rà soát 12 đơn, 3 đơn đang xác minh, báo cáo chi tiết gửi kèm.');
    await officer.locator('button[data-step="REPLY"]').click();

    // The leader did not reload: the acknowledgement and the reply arrive live, in order.
    await leader.getByTestId('acknowledged').waitFor({ timeout: 5_000 });
    await leader.getByTestId('thread').locator('li[data-kind="REPLY"]').waitFor({ timeout: 5_000 });
    const kinds = await leader.getByTestId('thread').locator('li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-seq')}:${li.getAttribute('data-kind')}`));
    expect(kinds).toEqual(['1:ISSUE', '2:ACKNOWLEDGE', '3:REPLY']);
    expect(await leader.getByTestId('thread').locator('li[data-kind="REPLY"]').textContent()).toContain('Đã rà soát 12 đơn');
    // The leader hears of the unit's steps too.
    await leader.getByTestId('alert-toast').first().waitFor({ timeout: 5_000 });
  });
});
