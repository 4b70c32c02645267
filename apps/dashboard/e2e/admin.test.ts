import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open } from './browser';
import { startServer, type TestServer } from './server';

// The admin in a real browser against the built server: a taken username is refused next to its field, a new
// assessor is created and can sign in, and deactivating them signs them out at once. On its own server (it writes).

describe('the admin manages accounts', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(username: string, password: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await logIn(page, username, password, server.baseUrl);
    return page;
  }
  const go = (page: Page, to: string) => open(page, to, server.baseUrl);
  const submit = (page: Page, form: string) =>
    Promise.all([page.waitForLoadState('load'), page.locator(`${form} button[type=submit]`).click()]);

  let admin: Page;

  it('shows cycles with a link to publishing, not a status button of its own', async () => {
    admin = await pageAs('admin', 'kaohe-admin-2019');
    await go(admin, '/admin');
    expect(await admin.locator('main a[href="/publish"]').count()).toBeGreaterThan(0);
    expect(await admin.locator('main form[method=POST]').count()).toBe(0);
  });

  it('refuses a taken username next to the field and keeps what was typed', async () => {
    await go(admin, '/admin/users');
    const form = 'form[action="?/create"]';
    await admin.locator(`${form} input[name=username]`).fill('Leader');
    await admin.locator(`${form} input[name=displayName]`).fill('重名的人');
    await admin.locator(`${form} input[name=password]`).fill('a-good-long-password');
    await submit(admin, form);
    const username = admin.locator(`${form} input[name=username]`);
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await username.getAttribute('aria-describedby');
    expect(await admin.locator(`#${describedBy}`).textContent()).toBe('用户名已存在。');
    expect(await admin.locator(`${form} input[name=displayName]`).inputValue()).toBe('重名的人');
    expect(await admin.locator(`${form} input[name=password]`).inputValue()).toBe('');
  });

  it('creates an assessor for a unit, who can sign in; deactivating them signs them out at once', async () => {
    await go(admin, '/admin/users');
    const form = 'form[action="?/create"]';
    await admin.locator(`${form} input[name=username]`).fill('jinchang-assessor');
    await admin.locator(`${form} input[name=displayName]`).fill('金昌市填报员');
    await admin.locator(`${form} select[name=role]`).selectOption('assessor');
    await admin.locator(`${form} select[name=unitId]`).selectOption({ label: '金昌市（gs-jinchang）' });
    await admin.locator(`${form} input[name=password]`).fill('jinchang-password-2020');
    await submit(admin, form);
    expect(await admin.locator('p.notice[role=status]').textContent()).toBe('已创建用户 jinchang-assessor。');
    const row = admin.locator('tr', { has: admin.locator('a', { hasText: 'jinchang-assessor' }) });
    expect(await row.locator('td').nth(3).textContent()).toBe('金昌市');

    const assessor = await pageAs('jinchang-assessor', 'jinchang-password-2020');
    await go(assessor, '/');
    expect(await assessor.locator('.session').textContent()).toContain('金昌市填报员');

    await row.locator('a').click();
    await admin.waitForURL(/\/admin\/users\/\d+$/);
    await admin.waitForSelector('html[data-hydrated]');
    await submit(admin, 'form[action="?/active"]');
    expect(await admin.locator('p.notice[role=status]').textContent()).toBe(
      '已停用该账号，结束了 1 个会话。',
    );

    await assessor.goto(`${server.baseUrl}/`);
    expect(new URL(assessor.url()).pathname).toBe('/login');
  });
});
