import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, logIn, open } from './browser';

// The bonus (加分) on the self-evaluation page in Chromium: 广东省's preview of the national demo shows the same total
// as its breakdown (99 + 18 = 117), with and without JavaScript. Read-only: the shared server's published cycle.

describe('bonus entries on the self-evaluation page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function guangdongPage(javaScript: boolean): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await logIn(page, 'assessor-gd', 'kaohe-assessor-gd-2020', baseUrl(), javaScript);
    await open(page, '/self-evaluation', baseUrl(), javaScript);
    const href = await page.locator('main a[href^="/self-evaluation/"]').first().getAttribute('href');
    await open(page, href!, baseUrl(), javaScript);
    return page;
  }

  it.each([true, false])('previews 117 with the bonus and its gate (JavaScript: %s)', async (javaScript) => {
    const page = await guangdongPage(javaScript);
    expect(await page.locator('h1').textContent()).toContain('广东省');
    expect(await page.locator('[data-testid=preview-total]').textContent()).toBe('117');
    expect(await page.locator('[data-testid=preview-bonus]').textContent()).toContain(
      '高于 80 分：加分 +18 分',
    );
    const promoted = page.locator('section[data-entry="bonus:bonus.innovation.promoted"]');
    expect(await promoted.locator('input[name=count]').inputValue()).toMatch(/^\d+$/);
    expect(await promoted.textContent()).toContain('每次加 3 分，本细则最多 6 分');
    // two occurrences × 3 points = its cap of 6; a criterion that did not occur adds nothing
    expect(await page.getByTestId('bonus-awarded-bonus.innovation.promoted').textContent()).toBe('+6 分');
    expect(await page.getByTestId('bonus-awarded-bonus.integration.new-media').textContent()).toBe('+0 分');
    await page.context().close();
  });
});
