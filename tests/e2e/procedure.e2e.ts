/**
 * The procedure end to end in Chromium (issue 4): an officer of Hà Nội records a petition at the
 * desk, is shown the earlier letter of the same sender (name typed without accents, phone written
 * another way), confirms it as new, classifies it and transfers it to TP Hồ Chí Minh, whose
 * officer, already on the list, sees it arrive live and accepts it. Then a transfer sent back:
 * the first officer reads why.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { logIn } from '../support/web-login.ts';

let t: TestApp;
let browser: Browser;
let hanoi: BrowserContext;
let hcmc: BrowserContext;

beforeAll(async () => {
  t = await startTestApp({ serveWeb: true });
  browser = await launchBrowser();
  hanoi = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  hcmc = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function takeAction(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.locator(`button[data-action="${action}"]`).click();
  const form = page.getByTestId('action-form');
  await form.waitFor();
  await fill?.();
  await form.getByRole('button', { name: 'Xác nhận' }).click();
  await page.getByText(/Đã thực hiện:/).waitFor();
}

describe('a petition from the reception desk to the competent unit', () => {
  it('records with a duplicate suggestion, classifies, transfers; the receiving officer sees it live and accepts it', async () => {
    const officer = await t.login('canbo.hn');
    const earlier = await t.request('POST', '/api/petitions', {
      cookie: officer,
      body: { type: 'TO_CAO', summary: 'Tố cáo cán bộ phường Bến Thành nhận tiền khi cấp phép', parties: [{ role: 'NGUOI_TO_CAO', fullName: 'Nguyễn Văn Trùng', phone: '0912 000 111' }] }
    });
    expect(earlier.status).toBe(201);

    const receiver = await hcmc.newPage();
    await logIn(receiver, t.url, 'canbo.hcm');
    await receiver.goto(`${t.url}/petitions`);
    await receiver.getByTestId('live-status').filter({ hasText: 'Trực tuyến' }).waitFor({ timeout: 10_000 });

    const page = await hanoi.newPage();
    await logIn(page, t.url, 'canbo.hn');
    await page.goto(`${t.url}/petitions/new`);
    await page.getByLabel('Loại đơn', { exact: true }).selectOption('TO_CAO');
    await page.getByLabel('Họ và tên').fill('Nguyen Van Trung');
    await page.getByLabel('Số điện thoại').fill('+84 912.000.111');
    await page.getByLabel('Tóm tắt nội dung').fill('Tiếp tục tố cáo cán bộ phường Bến Thành, TP Hồ Chí Minh nhận tiền khi cấp phép xây dựng');
    const candidate = page.getByTestId('duplicate-candidate').filter({ hasText: earlier.body.code });
    await candidate.waitFor({ timeout: 10_000 });
    expect(await candidate.textContent()).toContain('Trùng số điện thoại');
    expect(await candidate.textContent()).toContain('Trùng họ tên (không dấu)');
    await page.getByTestId('confirm-new').click();
    await page.getByText('Đã xác nhận là vụ việc mới').waitFor();
    await page.getByRole('button', { name: 'Lưu đơn' }).click();
    const saved = page.getByTestId('saved');
    await saved.waitFor();
    const code = (await saved.textContent())!.match(/01-\d{4}-\d{6}/)![0];
    expect(code).not.toBe(earlier.body.code);
    await page.getByTestId('open-saved').click();
    await page.getByTestId('petition-code').filter({ hasText: code }).waitFor();

    await takeAction(page, 'PHAN_LOAI', async () => {
      await page.getByLabel('Loại đơn', { exact: true }).selectOption('TO_CAO');
      await page.getByLabel('Thẩm quyền', { exact: true }).selectOption('KHONG_THUOC_THAM_QUYEN');
    });
    await page.getByTestId('petition-status').filter({ hasText: 'Đã phân loại, chờ xử lý' }).waitFor();
    await takeAction(page, 'CHUYEN_DON_NOI_BO', async () => {
      await page.getByTestId('unit-picker').fill('Hồ Chí Minh');
      await page.getByRole('option').filter({ hasText: 'Thành phố Hồ Chí Minh (79)' }).getByRole('button').click();
    });

    // The receiving officer's list shows it without a reload, marked as just arrived.
    const row = receiver.locator('tr', { hasText: code });
    await row.waitFor({ timeout: 5_000 });
    expect(await row.textContent()).toContain('Được chuyển đến, chờ tiếp nhận');
    await row.getByRole('link', { name: code }).click();
    await receiver.getByTestId('transferred-from').filter({ hasText: 'Thành phố Hà Nội' }).waitFor();
    await takeAction(receiver, 'TIEP_NHAN_CHUYEN');
    await receiver.getByTestId('petition-status').filter({ hasText: 'Đã phân loại, chờ xử lý' }).waitFor();
    expect(await receiver.getByTestId('history').textContent()).toContain('Tiếp nhận đơn được chuyển đến');
  });

  it('a unit sends a transfer back with its reason, and the sender reads it', async () => {
    const officer = await t.login('canbo.hn');
    const { rows } = await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = '79'`);
    const created = await t.request('POST', '/api/petitions', { cookie: officer, body: { type: 'PHAN_ANH', summary: 'Phản ánh ùn tắc giao thông trước cổng trường học' } });
    await t.request('POST', `/api/petitions/${created.body.id}/actions/PHAN_LOAI`, { cookie: officer, body: { classification: { type: 'PHAN_ANH', field: 'HANH_CHINH', competence: 'KHONG_THUOC_THAM_QUYEN', eligible: true } } });
    await t.request('POST', `/api/petitions/${created.body.id}/actions/CHUYEN_DON_NOI_BO`, { cookie: officer, body: { targetUnitId: rows[0]!.id } });

    const receiver = await hcmc.newPage();
    await receiver.goto(`${t.url}/petitions/${created.body.id}`);
    const reason = 'Địa điểm thuộc thành phố Hà Nội, không thuộc TP Hồ Chí Minh';
    await takeAction(receiver, 'TRA_LAI_CHUYEN', async () => {
      await receiver.getByLabel('Lý do').fill(reason);
    });

    const page = await hanoi.newPage();
    await page.goto(`${t.url}/petitions/${created.body.id}`);
    const banner = page.getByTestId('sent-back');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(reason);
    expect(await banner.textContent()).toContain('Thành phố Hồ Chí Minh');
  });
});
