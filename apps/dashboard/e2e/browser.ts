import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

// Debian's Chromium through playwright-core (no browser download); flags from toolchain note §5.10.
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const baseUrl = () => inject('baseUrl');

/**
 * Navigates and waits until Svelte has hydrated: a click before that does nothing (toolchain note §5.11). With
 * JavaScript disabled (`javaScriptEnabled: false`) there is nothing to wait for. `base`: a test's own server.
 */
export async function open(page: Page, path: string, base = baseUrl(), javaScript = true): Promise<void> {
  await page.goto(`${base}${path}`);
  if (javaScript) await page.waitForSelector('html[data-hydrated]');
}

export async function logIn(
  page: Page,
  username: string,
  password: string,
  base = baseUrl(),
  javaScript = true,
): Promise<void> {
  await open(page, '/login', base, javaScript);
  const form = page.locator('section.login form');
  await form.locator('input[name=username]').fill(username);
  await form.locator('input[name=password]').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    form.locator('button[type=submit]').click(),
  ]);
}
