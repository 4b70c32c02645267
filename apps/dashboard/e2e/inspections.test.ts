import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open as openAt } from './browser';
import { startServer, type TestServer } from './server';

// An inspector's quarter in a real browser: import a city's annex of results, find them in the filtered list, read
// the Jiangxi 2018 Q1 bulletin with its figures and charts, download the DOCX draft, and watch the entry form score
// live.

describe('an inspector works through a quarter', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  // this file writes (an import), so it has its own server and data dir
  let server: TestServer;
  const open = (target: Page, pathname: string) => openAt(target, pathname, server.baseUrl);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await logIn(page, 'inspector', 'kaohe-inspector-2019', server.baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The href of a quarter's page on the programme list, e.g. "/inspections/7". */
  async function quarterPath(programmeSlug: string, quarterTitle: string): Promise<string> {
    await open(page, '/inspections');
    const href = await page
      .locator(`section[data-programme="${programmeSlug}"] th a`, { hasText: quarterTitle })
      .getAttribute('href');
    if (!href) throw new Error(`no quarter ${quarterTitle} of ${programmeSlug}`);
    return href;
  }

  it("imports a city's annex (CSV) and finds the rows in the list, marked as reported", async () => {
    const quarter = await quarterPath('hanzhong-2022-q3', '2022年第三季度');
    await open(page, `${quarter}/import`);
    const directory = await mkdtemp(path.join(tmpdir(), 'kaohe-e2e-'));
    const file = path.join(directory, '附件.csv');
    await writeFile(
      file,
      '\uFEFF网站名称,首页网址,网站标识码,检查结果,存在的严重问题\r\n' +
        '“汉中市商务局”网,http://swj.hanzhong.gov.cn/,6107000034,单项否决,存在固定表述错误\r\n' +
        '汉中市人民政府,http://www.hanzhong.gov.cn/,6107000001,合格,\r\n',
    );
    await page.setInputFiles('input[name=file]', file);
    await page.selectOption('select[name=source]', 'reported');
    await page.locator('form.card button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=import-result]').textContent(), { timeout: 15_000 })
      .toContain('新增 2 条');

    // websites only: the demo also holds the counties' reported verdicts on their new-media accounts
    await open(page, `${quarter}?source=reported&type=website`);
    expect(await page.locator('[data-testid=inspection-count]').textContent()).toBe('共 2 条');
    expect(await page.locator('tbody tr .chip').allTextContents()).toEqual(['上报', '上报']);
  });

  it('reads the Jiangxi 2018 Q1 bulletin: every figure, charts beside tables, the source note', async () => {
    const quarter = await quarterPath('jiangxi-2018-q1', '2018年第一季度');
    await open(page, `${quarter}/bulletin`);
    const figure = (id: string) => page.locator(`[data-testid=figure-${id}]`).textContent();
    expect([
      await figure('running'),
      await figure('checked'),
      await figure('sampling'),
      await figure('failed'),
      await figure('pass'),
    ]).toEqual(['697', '279', '40%', '41', '85.3%']);
    expect(await page.locator('[data-testid=group-pass]').allTextContents()).toEqual([
      '88.9%',
      '94.3%',
      '54.2%',
    ]);
    expect(await page.locator('[data-testid=trigger-share]').first().textContent()).toBe('82.9%');
    expect(await page.locator('[data-testid=source-note]').textContent()).toContain('时代错置');
    const charts = page.locator('.chart[role=img]');
    expect(await charts.count()).toBe(2);
    expect(await charts.first().getAttribute('aria-describedby')).toBe('group-table');
    expect(
      await page
        .locator('.chart canvas')
        .first()
        .evaluate((canvas: HTMLCanvasElement) => canvas.width > 0),
    ).toBe(true);
    expect(await page.locator('article.draft h3').first().textContent()).toBe('一、基本情况');
    expect(await page.locator('article.draft .annex tbody tr').count()).toBe(41);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=docx-link]').click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
  });

  it('reads the Gansu 2020 Q1 bulletin: 526 sites, 26 failed, 95.1%, the six cities at 100%', async () => {
    const quarter = await quarterPath('gansu-inspections', '2020年第一季度');
    await open(page, `${quarter}/bulletin`);
    const figure = (id: string) => page.locator(`[data-testid=figure-${id}]`).textContent();
    expect([
      await figure('running'),
      await figure('checked'),
      await figure('failed'),
      await figure('pass'),
    ]).toEqual(['526', '526', '26', '95.1%']);
    expect(await page.locator('[data-testid=all-passed]').textContent()).toContain(
      '兰州市、嘉峪关市、金昌市、天水市、庆阳市、定西市',
    );
    expect(await page.locator('article.draft .annex tbody tr').count()).toBe(26);
    expect(await page.locator('article.draft .annex').textContent()).toContain('宕昌县人民政府');
    expect(
      await page
        .locator('.chart canvas')
        .first()
        .evaluate((canvas: HTMLCanvasElement) => canvas.width > 0),
    ).toBe(true);
  });

  it('scores an entry live while typing', async () => {
    const quarter = await quarterPath('hanzhong-2022-q3', '2022年第三季度');
    await open(page, `${quarter}/new`);
    const fill = async (id: string, value: string) => page.locator(`input[name="m:${id}"]`).fill(value);
    await page.locator('input[name=siteCode]').fill('6107000002');
    for (const [id, value] of [
      ['unreachableShare', '0'],
      ['homepageUpdates', '8'],
      ['staleColumns', '0'],
      ['longStaleColumns', '0'],
      ['emptyColumns', '0'],
      ['overdueMessages', '0'],
      ['guidesMissingKeyElements', '0'],
    ])
      await fill(id!, value!);
    await page.locator('input[name="m:hasConsultationChannel"]').check();
    await page.locator('input[name="m:hasOnlineService"]').check();
    await expect.poll(() => page.locator('[data-testid=live-verdict]').textContent()).toBe('合格');
    await fill('emptyColumns', '5');
    await expect.poll(() => page.locator('[data-testid=live-verdict]').textContent()).toBe('不合格');
  });
});
