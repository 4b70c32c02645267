import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open } from './browser';
import { minimalPdf } from './pdf';
import { startServer, type TestServer } from './server';

// The core forms with JavaScript disabled: plain HTML form posts, the server renders the result (message, field
// errors, the saved state). On its own server: it writes to the open 2020 cycle.

describe('the core forms work without JavaScript', () => {
  let server: TestServer;
  let browser: Browser;
  let fileDir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fileDir = mkdtempSync(path.join(tmpdir(), 'kaohe-nojs-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  });

  async function pageWithoutJavaScript(username: string, password: string): Promise<Page> {
    const context: BrowserContext = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, username, password, server.baseUrl, false);
    return page;
  }
  const go = (page: Page, to: string) => open(page, to, server.baseUrl, false);

  it('the assessor saves, is told what is wrong, uploads and submits', async () => {
    const page = await pageWithoutJavaScript('assessor', 'kaohe-assessor-2019');
    // no hydration marker: the page really runs without scripts
    await go(page, '/self-evaluation');
    expect(await page.locator('html[data-hydrated]').count()).toBe(0);
    expect(new URL(page.url()).pathname).toMatch(/^\/self-evaluation\/\d+\/\d+$/);
    const formUrl = page.url();

    // a bad value: refused next to its field, in Chinese, nothing saved
    const ratio = page.locator('section[data-entry="subItem:A2.1"]');
    await ratio.locator('input[name=value]').fill('很多');
    await Promise.all([page.waitForLoadState('load'), ratio.locator('button[type=submit]').click()]);
    const refused = page.locator('section[data-entry="subItem:A2.1"]');
    expect(await refused.locator('.field-error').first().textContent()).toMatch(/数/);
    expect(await refused.locator('input[name=value]').inputValue()).toBe('很多');

    // a disguised file (text named .pdf) is refused and nothing is stored
    const disguised = path.join(fileDir, '预算.pdf');
    writeFileSync(disguised, '这不是PDF文件');
    let entry = page.locator('section[data-entry="subItem:D2.1"]');
    await entry.locator('input[name=met][value=yes]').check();
    await entry.locator('input[type=file]').setInputFiles(disguised);
    await Promise.all([page.waitForLoadState('load'), entry.locator('button[type=submit]').click()]);
    entry = page.locator('section[data-entry="subItem:D2.1"]');
    expect(await entry.locator('[data-testid=file-error]').textContent()).toContain('未保存');
    expect(await entry.locator('ul.evidence li').count()).toBe(0);

    // the same entry with a real PDF: saved, the file listed
    const pdf = path.join(fileDir, 'budget.pdf');
    writeFileSync(pdf, minimalPdf('no-JS upload'));
    await entry.locator('input[name=met][value=yes]').check();
    await entry.locator('input[type=file]').setInputFiles(pdf);
    await entry.locator('input[name=fileTitle]').fill('无脚本上传的预算文件');
    await Promise.all([page.waitForLoadState('load'), entry.locator('button[type=submit]').click()]);
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('已保存草稿。');
    entry = page.locator('section[data-entry="subItem:D2.1"]');
    expect(await entry.locator('ul.evidence a').textContent()).toBe('无脚本上传的预算文件');
    expect(await entry.locator('p.muted.small').first().textContent()).toContain('已保存');

    // the page as reloaded from the server keeps it
    await page.goto(formUrl);
    expect(
      await page.locator('section[data-entry="subItem:D2.1"] input[name=met][value=yes]').isChecked(),
    ).toBe(true);

    await Promise.all([
      page.waitForLoadState('load'),
      page.locator('form[action="?/submit"] button[type=submit]').click(),
    ]);
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('已提交复核。');
    expect(await page.locator('[data-testid=submission-status]').textContent()).toBe('已提交，待复核');
    await page.context().close();
  });

  it('the reviewer accepts one entry and adjusts another with a reason', async () => {
    const page = await pageWithoutJavaScript('reviewer', 'kaohe-reviewer-2019');
    await go(page, '/review');
    await Promise.all([
      page.waitForURL(/\/review\/\d+\/\d+$/),
      page.locator('[data-testid=queue] a', { hasText: '酒泉市' }).click(),
    ]);

    let entry = page.locator('section[data-entry="subItem:A1.1"]');
    await entry.locator('input[name=decision][value=accept]').check();
    await Promise.all([page.waitForLoadState('load'), entry.locator('button[type=submit]').click()]);
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('已确认。');
    expect(await page.locator('[data-testid="decision-A1.1"]').textContent()).toContain('已确认');

    // an adjustment without a reason: refused next to the reason field
    entry = page.locator('section[data-entry="subItem:B2.1"]');
    await entry.locator('input[name=decision][value=adjust]').check();
    // without scripts the adjusted values stay folded until opened (a native <details>)
    await entry.locator('summary').click();
    await entry.locator('input[name="count.B2.1-not-published"]').fill('2');
    await Promise.all([page.waitForLoadState('load'), entry.locator('button[type=submit]').click()]);
    entry = page.locator('section[data-entry="subItem:B2.1"]');
    expect(await entry.locator('.field-error').first().textContent()).toBe('调整必须填写理由。');
    expect(await page.locator('[data-testid="decision-B2.1"]').count()).toBe(0);

    // the values typed survive the round trip; add the reason and send again
    expect(await entry.locator('input[name="count.B2.1-not-published"]').inputValue()).toBe('2');
    await entry.locator('textarea[name=reason]').fill('复核发现：第二、三季度抽查情况均未在门户网站公开。');
    await Promise.all([page.waitForLoadState('load'), entry.locator('button[type=submit]').click()]);
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('已调整并记录理由。');
    expect(await page.locator('[data-testid="decision-B2.1"]').textContent()).toContain(
      '第二、三季度抽查情况均未在门户网站公开',
    );
    await page.context().close();
  });
});
