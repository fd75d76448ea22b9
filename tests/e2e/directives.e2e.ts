/**
 * Directives end to end in Chromium with two browser contexts (issue 5): the leader issues a
 * directive to Hà Nội; the Hà Nội officer, already logged in, sees the alert within 1 s (measured
 * by the browser: the leader's request start to the toast's appearance, both on the same clock),
 * acknowledges and replies with a file; the leader's thread shows the acknowledgement and the
 * reply live, in order. The officer's dashboard shows what waited for them at login, and the bell
 * counts the new alert.
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('a directive between a leader and a unit', () => {
  it('alerts the unit within 1 s; acknowledgement and reply appear live in the leader’s thread, in order', async () => {
    const officerContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const leaderContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const officer = await officerContext.newPage();
    await logIn(officer, t.url, 'canbo.hn');
    await officer.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });
    // What waited at login is on the dashboard.
    await officer.getByTestId('login-summary').getByRole('heading', { name: 'Việc đang chờ bạn' }).waitFor();

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
    const response = await replied;
    expect(response.status()).toBe(201);
    // When the leader's browser sent the directive (ms since the epoch, the browser's own clock).
    const issuedAt = response.request().timing().startTime;

    const toast = officer.getByTestId('alert-toast').filter({ hasText: 'Chỉ đạo mới cho đơn vị của bạn' });
    await toast.waitFor({ timeout: 5_000 });
    // When the officer's page showed it (performance.timeOrigin + performance.now(), same machine clock).
    const shownAt = Number(await toast.getAttribute('data-shown-at'));
    const alertedAfter = shownAt - issuedAt;
    console.log(`alert shown ${alertedAfter.toFixed(0)} ms after the leader sent the directive`);
    expect(alertedAfter).toBeGreaterThan(0);
    expect(alertedAfter).toBeLessThan(1_000);
    // The bell counts it.
    await officer.getByTestId('unread-count').waitFor();

    await leader.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    await leader.getByTestId('thread').locator('li[data-kind="ISSUE"]').waitFor();

    await toast.getByRole('link', { name: 'Mở' }).click();
    await officer.waitForURL(/\/directives\/[0-9a-f-]{36}$/);
    await officer.locator('button[data-step="ACKNOWLEDGE"]').click();
    await officer.getByTestId('acknowledged').waitFor();
    await officer.getByLabel('Nội dung trả lời, báo cáo').fill('Đã rà soát 12 đơn, 3 đơn đang xác minh, báo cáo chi tiết gửi kèm.');
    await officer.getByLabel('Tệp đính kèm (PDF, ảnh)').setInputFiles({ name: 'bao-cao-ra-soat.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer.getByTestId('pending-files').filter({ hasText: 'bao-cao-ra-soat.pdf' }).waitFor();
    await officer.locator('button[data-step="REPLY"]').click();

    // The leader did not reload: the acknowledgement and the reply arrive live, in order.
    await leader.getByTestId('acknowledged').waitFor({ timeout: 5_000 });
    const reply = leader.getByTestId('thread').locator('li[data-kind="REPLY"]');
    await reply.waitFor({ timeout: 5_000 });
    const kinds = await leader.getByTestId('thread').locator(':scope > li').evaluateAll((items) => items.map((li) => `${li.getAttribute('data-seq')}:${li.getAttribute('data-kind')}`));
    expect(kinds).toEqual(['1:ISSUE', '2:ACKNOWLEDGE', '3:REPLY']);
    expect(await reply.textContent()).toContain('Đã rà soát 12 đơn');
    await reply.getByRole('link', { name: 'bao-cao-ra-soat.pdf' }).waitFor();
    // The leader hears of the unit's steps too.
    await leader.getByTestId('alert-toast').first().waitFor({ timeout: 5_000 });
    await officerContext.close();
    await leaderContext.close();
  });
});
