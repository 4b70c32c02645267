import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open } from './browser';

// The quarters a fed sub-item comes from, named in the page's language: 兰州市's open 2020 self-evaluation takes
// A2.1 from the Gansu 2020 Q1 inspection (demo/gansu-inspections.ts), titled 2020年第一季度 / 2020 Q1.

describe('feed sources on the self-evaluation page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(page, 'assessor', 'kaohe-assessor-2019');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names the source quarter in Chinese, and by its English title on the English page', async () => {
    await open(page, '/self-evaluation');
    await page.waitForURL(/\/self-evaluation\/\d+\/\d+$/);
    const sources = page.locator('[data-testid="feed-A2.1"] [data-testid=feed-sources]');
    expect(await sources.textContent()).toContain('2020年第一季度');

    await Promise.all([
      page.waitForSelector('html[lang=en]'),
      page.locator('header form[action="/lang"] button').click(),
    ]);
    const english = await sources.textContent();
    expect(english).toContain('2020 Q1');
    expect(english).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
