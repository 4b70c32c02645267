import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open as openAt } from './browser';
import { startServer, type TestServer } from './server';

// 主管单位 in the registry, in a real browser: an inspector imports sites whose supervising unit is written two
// ways (an assessed unit's name, and other text that the import keeps but lists), sees the column in the list,
// and corrects one site's 主管单位 on its page, which then says which assessed unit it links to.

describe('an inspector records the supervising unit (主管单位) of registry sites', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // this file writes (an import, an edit), so it has its own server and data dir
  let server: TestServer;
  let programmePath: string;
  const open = (target: Page, pathname: string) => openAt(target, pathname, server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await logIn(page, 'inspector', 'kaohe-inspector-2019', server.baseUrl);
    await open(page, '/registry');
    const href = await page
      .locator('main li a', { hasText: '汉中市政府网站与政务新媒体季度检查' })
      .getAttribute('href');
    if (!href) throw new Error('no Hanzhong registry');
    programmePath = href;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports 主管单位 and lists the name that is no assessed unit, with the unit it probably means', async () => {
    await open(page, `${programmePath}/import`);
    const directory = await mkdtemp(path.join(tmpdir(), 'kaohe-e2e-'));
    const file = path.join(directory, '名录.csv');
    await writeFile(
      file,
      '\uFEFF网站标识码,网站名称,首页网址,主办单位,网站类别,层级,主管单位\r\n' +
        '6107990001,汉中测试甲县人民政府,http://jia.example.gov.cn/,甲县人民政府办公室,门户网站,县,陕西省\r\n' +
        '6107990002,汉中测试乙县人民政府,http://yi.example.gov.cn/,乙县人民政府办公室,门户网站,县,陕西省人民政府\r\n',
    );
    await page.setInputFiles('input[name=file]', file);
    await page.locator('[data-testid=import-form] button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=import-applied]').textContent(), { timeout: 15_000 })
      .toContain('新增 2 条');
    const notices = page.locator('[data-testid=import-notices]');
    expect(await notices.locator('p').textContent()).toContain('1 条');
    expect(await notices.locator('tbody tr').count()).toBe(1);
    expect(await notices.locator('tbody td').allTextContents()).toEqual([
      '3',
      '主管单位',
      '主管单位“陕西省人民政府”不是考核单位，只记为文字（第 3 行），不计入任何单位的所辖合格率；如指“陕西省”，请写作“陕西省”。',
    ]);

    await open(page, `${programmePath}?q=汉中测试`);
    const headers = await page.locator('thead th').allTextContents();
    const column = headers.indexOf('主管单位');
    expect(column).toBeGreaterThan(-1);
    const cells = await page.locator(`tbody tr td:nth-child(${column + 1})`).allTextContents();
    expect(cells).toEqual(['陕西省', '陕西省人民政府']);
  });

  it('corrects a site’s 主管单位 on its page, offering the assessed units, and says which unit it links to', async () => {
    await open(page, `${programmePath}?q=6107990002`);
    await page.locator('tbody a', { hasText: '6107990002' }).click();
    await page.waitForSelector('input[name=supervisingName]');
    const input = page.locator('input[name=supervisingName]');
    expect(await input.inputValue()).toBe('陕西省人民政府');
    expect(await page.locator('[data-testid=supervising-link]').textContent()).toBe(
      '不是考核单位，只记为文字',
    );
    // the assessed units are offered as the field's suggestions
    const listId = await input.getAttribute('list');
    expect(await page.locator(`datalist#${listId} option[value="陕西省"]`).count()).toBe(1);

    await input.fill('陕西省');
    await page.locator('form[action="?/update"] button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=supervising-link]').textContent())
      .toBe('已关联考核单位：陕西省');
    expect(await page.locator('main').textContent()).toContain('已保存');

    // in English the link names the unit in both languages
    await page.locator('header form[action="/lang"] button').click();
    await expect
      .poll(() => page.locator('[data-testid=supervising-link]').textContent())
      .toBe('Linked to the assessed unit Shaanxi (陕西省)');
  });
});
