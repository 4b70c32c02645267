import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, logIn, open } from './browser';

// A leader's journey in a real browser against the built server: log in, read the rankings with their ties, drill
// into a unit, export CSV and XLSX and open them, print.

describe('a leader reads the Gansu 2019 results', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('sends an anonymous visitor to the login page', async () => {
    await page.goto(`${baseUrl()}/rankings`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('h1').textContent()).toBe('登录');
  });

  it('refuses a wrong password with a message next to the form', async () => {
    await open(page, '/login');
    const form = page.locator('section.login form');
    await form.locator('input[name=username]').fill('leader');
    await form.locator('input[name=password]').fill('wrong password');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('.form-error').textContent()).toBe('用户名或密码不正确。');
  });

  it('logs in and sees four units tied first in each group', async () => {
    await logIn(page, 'leader', 'kaohe-leader-2019');
    await open(page, '/rankings');
    expect(await page.locator('h1').textContent()).toBe('甘肃省2019年度政府网站建设管理工作考核');
    for (const [group, names] of [
      ['cities', ['金昌市', '兰州市', '天水市', '张掖市']],
      ['departments', ['省科技厅', '省林草局', '省住建厅', '省自然资源厅']],
    ] as const) {
      const table = page.locator(`#table-${group}`);
      const rows = table.locator('tbody tr');
      const firsts: string[] = [];
      for (let index = 0; index < 4; index += 1) {
        const row = rows.nth(index);
        expect((await row.locator('td').first().textContent())?.trim()).toBe('1并列');
        expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('100');
        firsts.push((await row.locator('th').textContent())?.trim() ?? '');
      }
      expect(firsts.sort()).toEqual([...names].sort());
      expect((await rows.nth(4).locator('td').first().textContent())?.trim()).toBe('5');
    }
    expect(await page.locator('.summary strong').allTextContents()).toEqual([
      '90分以上：6 个（共 14 个）',
      '90分以上：35 个（共 37 个）',
    ]);
  });

  it('draws the bar charts as labelled images beside the tables', async () => {
    const charts = page.locator('.chart[role=img]');
    expect(await charts.count()).toBe(2);
    expect(await charts.first().getAttribute('aria-label')).toMatch(/^市州得分柱状图，共 14 个单位/);
    expect(await charts.first().getAttribute('aria-describedby')).toBe('table-cities');
    const drawn = await page
      .locator('.chart canvas')
      .first()
      .evaluate((canvas: HTMLCanvasElement) => canvas.width > 0);
    expect(drawn).toBe(true);
  });

  it('filters through the URL and explains a bad filter in Chinese', async () => {
    await page.selectOption('select[name=group]', 'departments');
    await Promise.all([
      page.waitForURL(/group=departments/),
      page.locator('form.toolbar button[type=submit]').click(),
    ]);
    expect(await page.locator('section.group h2').allTextContents()).toEqual(['省直部门']);
    const response = await page.goto(`${baseUrl()}/rankings?group=nowhere`);
    expect(response?.status()).toBe(400);
    expect(await page.locator('.error-page').textContent()).toContain('筛选条件无效：分组“nowhere”不存在');
  });

  it('drills into a unit: breakdown, reviewer reasons, evidence', async () => {
    await open(page, '/rankings');
    await Promise.all([
      page.waitForURL(/\/units\/\d+/),
      page.locator('#table-cities a', { hasText: '平凉市' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('[data-testid=verified-total]').textContent()).toBe('86');
    expect(await page.locator('tr.sub').count()).toBe(18);
    const adjusted = page.locator('tr.sub.adjusted[data-subitem="A5.2"]');
    expect(await adjusted.locator('.reason').textContent()).toContain('复核发现');
    expect(await page.locator('.chart[role=img]').getAttribute('aria-label')).toContain('平凉市各方面得分率');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('tr.sub[data-subitem="D1.1"] a').first().click(),
    ]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('平凉市政府网站管理工作专题会议纪要');
  });

  it('exports a CSV that starts with the BOM and lists the ties', async () => {
    await open(page, '/rankings?group=cities');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href^="/rankings/export.csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/排名\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('分组,名次,并列,单位,得分,等次,不参与排名');
    expect(lines.filter((line) => line.startsWith('市州,1,并列,'))).toHaveLength(4);
  });

  it('exports an XLSX that opens', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href^="/rankings/export.xlsx"]').click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    const file = await readFile((await download.path())!);
    await workbook.xlsx.load(
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer,
    );
    const sheet = workbook.worksheets[0]!;
    const firstPlaces = [3, 4, 5, 6].map((row) => [
      sheet.getRow(row).getCell(2).value,
      sheet.getRow(row).getCell(5).value,
    ]);
    expect(firstPlaces).toEqual([
      [1, 100],
      [1, 100],
      [1, 100],
      [1, 100],
    ]);
  });

  it('renders the A4 print view without any canvas, and prints to PDF', async () => {
    await open(page, '/rankings/print');
    expect(await page.locator('canvas').count()).toBe(0);
    expect(await page.locator('table tbody tr').count()).toBe(51);
    expect(await page.locator('td', { hasText: /^并列第1$/ }).count()).toBe(8);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('switches to English and back', async () => {
    await open(page, '/rankings');
    await Promise.all([
      page.waitForURL(/\/rankings/),
      page.locator('header form[action="/lang"] button').click(),
    ]);
    await page.waitForSelector('html[lang=en]');
    expect(await page.locator('nav a').first().textContent()).toBe('Rankings');
    await page.locator('header form[action="/lang"] button').click();
    await page.waitForSelector('html[lang=zh-Hans-CN]');
  });

  it('switches to the national programme: 31 provinces ranked, the 328 / 91.8% panel', async () => {
    await open(page, '/rankings');
    const switcher = page.locator('nav.programmes');
    expect((await switcher.locator('a[aria-current=page]').textContent())?.replace(/\s+/g, '')).toBe(
      '省级甘肃省2019年度政府网站建设管理工作考核',
    );
    await Promise.all([
      page.waitForURL(/cycle=\d+/),
      switcher.locator('a', { hasText: '2020年政府网站与政务新媒体监管工作年度考核' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('h1').textContent()).toBe('2020年政府网站与政务新媒体监管工作年度考核');
    expect(await page.locator('[data-testid=programme-level]').textContent()).toBe('全国考核项目');
    expect(await page.locator('section.group h2').allTextContents()).toEqual(['省级政府', '国务院部门']);
    // 30 ranked by points, 海南省 vetoed and listed apart as 不合格 with its reason
    const provinces = page.locator('section.group').first();
    expect(await provinces.locator('#table-provinces tbody tr').count()).toBe(30);
    const hainan = provinces.locator('.apart li[data-unit=cn-hainan]');
    expect(await hainan.locator('[data-testid=apart-grade]').textContent()).toBe('不合格');
    expect(await hainan.textContent()).toContain(
      '国办抽查中因严重表述错误被单项否决的网站、政务新媒体数 2 个（阈值 ≥ 2 个）',
    );
    const firsts = page.locator('#table-provinces tbody tr td:first-child', { hasText: /^1并列$/ });
    expect(await firsts.count()).toBe(4);

    const websites = page.locator('#inspection-summary tr[data-target=website]');
    expect(await websites.locator('[data-testid=checked]').textContent()).toBe('328');
    expect(await websites.locator('[data-testid=portals]').textContent()).toBe('153');
    expect(await websites.locator('[data-testid=pass-rate]').textContent()).toBe('91.8%');
    const newMedia = page.locator('#inspection-summary tr[data-target=newMedia]');
    expect(await newMedia.locator('[data-testid=checked]').textContent()).toBe('728');
    expect(await newMedia.locator('[data-testid=pass-rate]').textContent()).toBe('91.9%');
  });

  it('reads a vetoed province’s breakdown and a bonus above the gate of 80', async () => {
    await Promise.all([
      page.waitForURL(/\/units\/\d+/),
      page.locator('.apart li[data-unit=cn-hainan] a').click(),
    ]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('[data-testid=verified-total]').textContent()).toBe('—');
    expect(await page.locator('[data-testid=vetoed-by]').textContent()).toContain(
      '不合格：单项否决“多个网站或政务新媒体因严重表述错误被单项否决”',
    );
    const clause = page.locator('tr[data-measurement=seriousMisstatementFailures]');
    expect(await clause.locator('td').nth(0).textContent()).toBe('1');
    expect(await clause.locator('td').nth(1).textContent()).toBe('2');
    expect(await clause.locator('.reason').textContent()).toContain('触发单项否决');
    expect(await page.locator('[data-testid=bonus-status]').textContent()).toContain('单项否决：不计加分');

    await page.goBack();
    await Promise.all([
      page.waitForURL(/\/units\/\d+/),
      page.locator('#table-provinces a', { hasText: '浙江省' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('[data-testid=verified-total]').textContent()).toBe('117');
    expect(await page.locator('[data-testid=bonus-gate]').textContent()).toContain('80 分以上方可加分');
    expect(await page.locator('[data-testid=bonus-status]').textContent()).toContain(
      '基础得分 97 分，高于 80 分：计入加分 20 分，总分 117 分。',
    );
    const promoted = page.locator('tr[data-criterion="bonus.innovation.promoted"]');
    expect(await promoted.locator('td').nth(3).textContent()).toBe('6');
  });

  it('cannot open the admin page (403)', async () => {
    const response = await page.goto(`${baseUrl()}/admin`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('.error-page').textContent()).toContain('无权访问');
  });
});
