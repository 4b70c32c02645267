import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open as openAt } from './browser';
import { startServer, type TestServer } from './server';

// A long registry import in a real browser: the inspector uploads 20,000 websites (a CSV generated here) with the
// upload throttled through Chromium's network emulation, and the page's progress is recorded as it changes: the
// upload percentage rising, then the server's phase with the seconds it has taken, then the result. The list then
// holds the rows. An import with errors shows the row-by-row report in Chinese and writes nothing.

const rowCount = 20_000;
/** bytes per second: about 2 MB of CSV takes a few seconds, long enough to see the bar move */
const uploadThroughput = 400 * 1024;
const hanzhongRunning = 53;

interface ProgressState {
  phase: string | null;
  text: string;
  at: number;
}

function generatedCsv(): string {
  const lines = ['网站标识码,网站名称,首页网址,主办单位,网站类别,层级,运行状态'];
  for (let i = 0; i < rowCount; i += 1) {
    const code = `98${String(i).padStart(8, '0')}`;
    lines.push(
      `${code},测试部门网站${i},https://s${i}.example.gov.cn/,测试单位${i},部门网站,${i % 2 ? '县' : '县以下'},正常运行`,
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

describe('a long registry import in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let server: TestServer;
  let directory: string;
  let registryPath: string;
  const open = (pathname: string) => openAt(page, pathname, server.baseUrl);
  const listCount = async () => {
    await open(registryPath);
    return page.locator('main p', { hasText: /^共 \d+ 条$/ }).textContent();
  };

  beforeAll(async () => {
    // this file writes (imports), so it has its own server and data dir
    server = await startServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    directory = await mkdtemp(path.join(tmpdir(), 'kaohe-e2e-import-'));
    await logIn(page, 'inspector', 'kaohe-inspector-2019', server.baseUrl);
    await open('/registry');
    const href = await page
      .locator('main li a', { hasText: '汉中市政府网站与政务新媒体季度检查' })
      .getAttribute('href');
    if (!href) throw new Error('no Hanzhong registry');
    registryPath = href;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('shows the upload rising, then the server phase with its seconds, then the counts; the list holds the rows', async () => {
    expect(await listCount()).toBe(`共 ${hanzhongRunning} 条`);
    const file = path.join(directory, '名录-2万行.csv');
    await writeFile(file, generatedCsv());
    await open(`${registryPath}/import`);
    await page.setInputFiles('input[name=file]', file);

    // every state the progress element shows, as it changes (a MutationObserver in the page)
    await page.evaluate(() => {
      const states: { phase: string | null; text: string; at: number }[] = [];
      (window as unknown as { progressStates: typeof states }).progressStates = states;
      const form = document.querySelector('[data-testid=import-form]')!;
      new MutationObserver(() => {
        const element = document.querySelector<HTMLElement>('[data-testid=import-progress]');
        const text = element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
        const last = states[states.length - 1];
        if (element && (!last || last.text !== text))
          states.push({ phase: element.dataset.phase ?? null, text, at: performance.now() });
      }).observe(form, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput,
    });
    const started = Date.now();
    await page.locator('[data-testid=import-form] button[type=submit]').click();
    const applied = page.locator('[data-testid=import-applied]');
    await applied.waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(await applied.textContent()).toContain(`导入成功：新增 ${rowCount} 条，更新 0 条，未变 0 条。`);

    const states = await page.evaluate(
      () => (window as unknown as { progressStates: ProgressState[] }).progressStates,
    );
    const uploading = states.filter((state) => state.phase === 'uploading');
    const processing = states.filter((state) => state.phase === 'processing');
    const percents = uploading.map((state) => Number(/正在上传：(\d+)%/.exec(state.text)?.[1]));
    // the bar moved: several distinct values strictly between 0 and 100, never going back
    expect(new Set(percents.filter((percent) => percent > 0 && percent < 100)).size).toBeGreaterThanOrEqual(
      3,
    );
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(uploading.at(-1)!.text).toMatch(/（\d+\.\d \/ \d+\.\d MB）/);
    // then the server's phase, after the last upload state, with the seconds it has taken
    expect(processing.length).toBeGreaterThanOrEqual(1);
    expect(processing[0]!.at).toBeGreaterThan(uploading.at(-1)!.at);
    expect(processing[0]!.text).toBe('已上传，服务器正在校验并写入……已用时 0 秒');
    // the progress element is gone once the answer is there
    expect(await page.locator('[data-testid=import-progress]').count()).toBe(0);
    console.info(
      `registry import in Chromium: ${rowCount} rows, ${uploading.length} upload states (${percents.join(', ')}%), ` +
        `${processing.length} server states (${processing.map((state) => state.text.replace(/\D+/g, ' ').trim()).join(', ')} s), ` +
        `${elapsed} ms from click to counts`,
    );

    expect(await listCount()).toBe(`共 ${hanzhongRunning + rowCount} 条`);
    await open(`${registryPath}?q=9800019999`);
    expect(await page.locator('main table tbody tr').count()).toBe(1);
    expect(await page.locator('main table tbody tr').textContent()).toContain('测试部门网站19999');
  });

  it('shows the row-by-row report in Chinese for a file with errors and writes nothing', async () => {
    const before = await listCount();
    const file = path.join(directory, '名录-有错误.csv');
    await writeFile(
      file,
      '\uFEFF网站标识码,网站名称,首页网址,网站类别,层级\r\n' +
        '9900000001,正确的网站,https://ok.example.gov.cn/,部门网站,县\r\n' +
        '12345,标识码太短,https://a.example.gov.cn/,部门网站,县\r\n' +
        '9900000001,重复的标识码,https://b.example.gov.cn/,部门网站,县\r\n' +
        '9900000003,,https://c.example.gov.cn/,部门网站,县\r\n' +
        '9900000004,层级不对,https://d.example.gov.cn/,部门网站,乡村\r\n' +
        '9900000005,网址不对,ftp://e.example.gov.cn/,部门网站,县\r\n',
    );
    await open(`${registryPath}/import`);
    await page.setInputFiles('input[name=file]', file);
    await page.locator('[data-testid=import-form] button[type=submit]').click();
    const report = page.locator('[data-testid=import-report]');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.locator('[role=alert]').textContent()).toContain(
      '名录-有错误.csv：文件中有 5 处问题，未导入任何数据。请修改后重新上传。',
    );
    const rows = await report
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
      );
    expect(rows.map(([row, column]) => [row, column])).toEqual([
      ['3', '网站标识码'],
      ['4', '网站标识码'],
      ['5', '网站名称'],
      ['6', '层级'],
      ['7', '首页网址'],
    ]);
    expect(rows[0]![2]).toBe('网站标识码应为 10 位数字，实际为“12345”。');
    expect(rows[1]![2]).toContain('与第 2 行重复');
    expect(rows[2]![2]).toBe('必填，不能为空。');
    expect(rows[3]![2]).toContain('实际为“乡村”');
    expect(rows[4]![2]).toContain('首页网址应以 http:// 或 https:// 开头');
    // nothing written: not even the good first row
    expect(await listCount()).toBe(before);
    await open(`${registryPath}?q=9900000001`);
    expect(await page.locator('main table tbody tr').count()).toBe(0);
  });
});
