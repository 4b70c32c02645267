import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, open } from './browser';
import { minimalPdf } from './pdf';
import { startServer, type TestServer } from './server';

// The whole journey of issue 5 in Chromium, on its own server and database (it changes data the leader's test reads):
// 兰州市's assessor finishes the open 2020 self-evaluation with a real PDF and submits → the admin closes
// self-evaluation → the reviewer adjusts one sub-item with a reason and verifies → the admin publishes → the leader
// sees 兰州市 ranked with its verified score and the reason in its breakdown → the audit log has every step.

const adjustedSubItem = 'A5.2';
const adjustmentReason = '复核发现：2020年有1条网民留言超过1个月才办结（旅程测试）。';

describe('the 2020 journey: self-evaluation → review → publication → ranking', () => {
  let server: TestServer;
  let browser: Browser;
  let fileDir: string;
  let cycleId = 0;
  let unitId = 0;
  let pdfPath = '';
  let pdfBytes: Buffer;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fileDir = mkdtempSync(path.join(tmpdir(), 'kaohe-journey-'));
    pdfBytes = minimalPdf('Lanzhou 2020 website budget');
    pdfPath = path.join(fileDir, '兰州市2020年度网站运维经费预算.pdf');
    writeFileSync(pdfPath, pdfBytes);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  });

  async function pageAs(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await logIn(page, username, password, server.baseUrl);
    return page;
  }
  const go = (page: Page, to: string) => open(page, to, server.baseUrl);

  it('the assessor fills the last sub-item, uploads a PDF and submits', async () => {
    const page = await pageAs('assessor', 'kaohe-assessor-2019');
    // the only open cycle of the unit: straight to its form
    await go(page, '/self-evaluation');
    const match = /\/self-evaluation\/(\d+)\/(\d+)$/.exec(new URL(page.url()).pathname);
    expect(match).not.toBeNull();
    cycleId = Number(match![1]);
    unitId = Number(match![2]);
    expect(await page.locator('h1').textContent()).toContain('兰州市');
    expect(await page.locator('[data-testid=submission-status]').textContent()).toBe('草稿');

    // submitting with D2.1 still empty is refused, naming it
    await page.locator('form[action="?/submit"] button[type=submit]').click();
    await expect.poll(() => page.locator('p.form-error[role=alert]').first().textContent()).toContain('D2.1');
    expect(await page.locator('section[data-entry="subItem:D2.1"]').getAttribute('class')).toContain(
      'missing',
    );

    const entry = page.locator('section[data-entry="subItem:D2.1"]');
    await entry.locator('input[name=met][value=yes]').check();
    expect(await page.locator('[data-testid=preview-total]').textContent()).toBe('100');
    await entry.locator('summary').click();
    await entry.locator('input[type=file]').setInputFiles(pdfPath);
    await entry.locator('input[name=fileTitle]').fill('兰州市2020年度政府网站运维经费预算');
    await entry.locator('textarea[name=note]').fill('经费已列入2020年度部门预算。');
    await entry.locator('button[type=submit]', { hasText: '保存' }).click();
    await expect.poll(() => page.locator('p.notice[role=status]').textContent()).toBe('已保存草稿。');
    const link = entry.locator('ul.evidence a', { hasText: '兰州市2020年度政府网站运维经费预算' });
    await link.waitFor();

    // the stored file is the PDF, byte for byte, served as a download
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(Buffer.compare(await readFile((await download.path())!), pdfBytes)).toBe(0);

    await page.locator('form[action="?/submit"] button[type=submit]').click();
    await expect
      .poll(() => page.locator('[data-testid=submission-status]').textContent())
      .toBe('已提交，待复核');
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('已提交复核。');
    expect(await page.locator('form[action="?/save"] button[type=submit]').count()).toBe(0);
    await page.context().close();
  });

  it('the admin closes self-evaluation: the cycle goes to review', async () => {
    const page = await pageAs('admin', 'kaohe-admin-2019');
    await go(page, '/publish');
    const card = page.locator(`section.cycle[data-cycle="${cycleId}"]`);
    expect(await card.locator('[data-testid=cycle-status]').textContent()).toBe('自查自评中');
    await card.locator('button[type=submit]', { hasText: '截止自查自评' }).click();
    await expect.poll(() => card.locator('[data-testid=cycle-status]').textContent()).toBe('复核中');
    await page.context().close();
  });

  it('before publication the leader finds 兰州市 listed apart, not verified', async () => {
    const page = await pageAs('leader', 'kaohe-leader-2019');
    await go(page, `/rankings?cycle=${cycleId}`);
    expect(await page.locator('#table-cities tr[data-unit="gs-lanzhou"]').count()).toBe(0);
    const apart = page.locator('ul.apart li[data-unit="gs-lanzhou"]');
    expect(await apart.textContent()).toContain('尚未复核');
    await page.context().close();
  });

  it('the reviewer adjusts one sub-item with a reason, accepts the rest and verifies', async () => {
    const page = await pageAs('reviewer', 'kaohe-reviewer-2019');
    await go(page, '/review');
    await Promise.all([
      page.waitForURL(new RegExp(`/review/${cycleId}/${unitId}$`)),
      page.locator('[data-testid=queue] a', { hasText: '兰州市' }).click(),
    ]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('[data-testid=self-total]').textContent()).toBe('100');

    const entry = page.locator(`section[data-entry="subItem:${adjustedSubItem}"]`);
    await entry.locator('input[name=decision][value=adjust]').check();
    // an adjustment without a reason is refused next to the field
    await entry.locator(`input[name="count.${adjustedSubItem}-late"]`).fill('1');
    await entry.locator('button[type=submit]').click();
    await expect.poll(() => entry.locator('.field-error').first().textContent()).toBe('调整必须填写理由。');
    await entry.locator('textarea[name=reason]').fill(adjustmentReason);
    await entry.locator('button[type=submit]').click();
    await expect
      .poll(() => entry.locator(`[data-testid="decision-${adjustedSubItem}"]`).textContent())
      .toContain(adjustmentReason);

    await page.locator('form[action="?/acceptRemaining"] button[type=submit]').click();
    await expect
      .poll(() => page.locator('p.notice[role=status]').textContent())
      .toMatch(/^已确认其余 \d+ 项。$/);
    // the adjustment stands
    expect(await entry.locator(`[data-testid="decision-${adjustedSubItem}"]`).textContent()).toContain(
      '已调整',
    );
    expect(await page.locator('[data-testid=verified-total]').textContent()).toBe('98');

    await page.locator('form[action="?/verify"] button[type=submit]').click();
    await expect
      .poll(() => page.locator('p.notice[role=status]').textContent())
      .toBe('已完成复核，结果进入排名。');
    await page.context().close();
  });

  it('the admin publishes: results frozen as revision 1', async () => {
    const page = await pageAs('admin', 'kaohe-admin-2019');
    await go(page, '/publish');
    const card = page.locator(`section.cycle[data-cycle="${cycleId}"]`);
    await card.locator('button[type=submit]', { hasText: '发布' }).click();
    await expect.poll(() => card.locator('[data-testid=cycle-status]').textContent()).toBe('已发布');
    expect(await card.locator('[data-testid=revision-1]').textContent()).toContain('修订版 1');
    await page.context().close();
  });

  it('the leader sees 兰州市 ranked with its verified score, and the reason in its breakdown', async () => {
    const page = await pageAs('leader', 'kaohe-leader-2019');
    await go(page, `/rankings?cycle=${cycleId}`);
    expect(await page.locator('ul.apart li[data-unit="gs-lanzhou"]').count()).toBe(0);
    const rows = page.locator('#table-cities tbody tr');
    const totals = (await rows.locator('td:nth-of-type(2)').allTextContents()).map((text) =>
      Number(text.trim()),
    );
    const row = page.locator('#table-cities tr[data-unit="gs-lanzhou"]');
    expect((await row.locator('td').nth(1).textContent())?.trim()).toBe('98');
    // competition ranking: one more than the units above it
    const expectedRank = totals.filter((total) => total > 98).length + 1;
    expect((await row.locator('td').first().textContent())?.trim()).toMatch(
      new RegExp(`^${expectedRank}(并列)?$`),
    );

    await Promise.all([page.waitForURL(/\/units\/\d+/), row.locator('a').click()]);
    await page.waitForSelector('html[data-hydrated]');
    expect(await page.locator('[data-testid=verified-total]').textContent()).toBe('98');
    const adjusted = page.locator(`tr.sub.adjusted[data-subitem="${adjustedSubItem}"]`);
    expect(await adjusted.locator('.reason').textContent()).toBe(adjustmentReason);
    expect(await page.locator('tr.sub.adjusted').count()).toBe(1);
    await page.context().close();
  });

  it('the audit log shows every step with before and after', async () => {
    const page = await pageAs('admin', 'kaohe-admin-2019');
    const row = (action: string) => page.locator(`[data-testid=audit] tr[data-action="${action}"]`);
    const cells = async (action: string) => {
      const found = row(action).first();
      await found.waitFor();
      return {
        before: (await found.locator('td').nth(4).textContent()) ?? '',
        after: (await found.locator('td').nth(5).textContent()) ?? '',
        reason: (await found.locator('td').nth(6).textContent()) ?? '',
        who: (await found.locator('td').nth(1).textContent()) ?? '',
      };
    };

    await go(page, `/audit?id=${cycleId}/${unitId}/subItem:D2.1`);
    const save = await cells('selfEvaluation.save');
    expect(save.who).toContain('assessor');
    expect(save.before).toBe('—');
    expect(save.after).toContain('"met": true');

    await go(page, '/audit?entity=evidence&action=evidence.upload');
    const upload = await cells('evidence.upload');
    expect(upload.after).toContain('application/pdf');
    expect(upload.after).toContain(`"sizeBytes": ${pdfBytes.byteLength}`);

    await go(page, `/audit?entity=submission&id=${cycleId}/${unitId}`);
    const verify = await cells('submission.verify');
    expect(verify.before).toContain('"status": "submitted"');
    expect(verify.after).toContain('"status": "verified"');
    const submit = await cells('submission.submit');
    expect(submit.before).toContain('"status": "draft"');
    expect(submit.after).toContain('"status": "submitted"');

    await go(page, `/audit?action=review.adjust&id=${cycleId}/${unitId}/subItem:${adjustedSubItem}`);
    const adjust = await cells('review.adjust');
    expect(adjust.who).toContain('reviewer');
    expect(adjust.before).toContain('selfEvaluation');
    expect(adjust.after).toContain('"A5.2-late": 1');
    expect(adjust.reason).toBe(adjustmentReason);

    await go(page, `/audit?entity=cycle&id=${cycleId}`);
    const statuses = row('cycle.status');
    expect(await statuses.count()).toBe(2);
    const published = statuses.nth(0);
    expect(await published.locator('td').nth(4).textContent()).toContain('"status": "review"');
    expect(await published.locator('td').nth(5).textContent()).toContain('"status": "published"');
    expect(await published.locator('td').nth(5).textContent()).toContain('"revision": 1');
    const closed = statuses.nth(1);
    expect(await closed.locator('td').nth(4).textContent()).toContain('"status": "open"');
    expect(await closed.locator('td').nth(5).textContent()).toContain('"status": "review"');
    await page.context().close();
  });

  it('shows the same pages in English', async () => {
    const page = await pageAs('admin', 'kaohe-admin-2019');
    await go(page, '/publish');
    await Promise.all([
      page.waitForURL(/\/publish/),
      page.locator('header form[action="/lang"] button').click(),
    ]);
    await page.waitForSelector('html[lang=en]');
    expect(await page.locator('h1').textContent()).toBe('Publishing results');
    expect(
      await page.locator(`section.cycle[data-cycle="${cycleId}"] [data-testid=revision-1]`).textContent(),
    ).toContain('Revision 1');
    await go(page, `/audit?action=review.adjust&id=${cycleId}/${unitId}/`);
    expect(await page.locator('[data-testid=audit] thead').textContent()).toMatch(
      /When.*Who.*Action.*Before.*After/s,
    );
    expect(
      await page.locator('[data-testid=audit] tr[data-action="review.adjust"] td').nth(2).textContent(),
    ).toContain('Review: adjusted');
    await go(page, `/review/${cycleId}/${unitId}`);
    expect(await page.locator('h1').textContent()).toBe('Review · Lanzhou');
    expect(await page.locator('p.notice').first().textContent()).toContain('This unit has been verified.');
    await page.context().close();
  });
});
