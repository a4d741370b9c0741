import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { baseUrl } from './api.js';

/**
 * The tests' fixtures: the server's address, an accessibility check, and screenshots. Screenshots
 * go to test-results/screenshots; `npm run screenshots` writes them to docs/screenshots (committed).
 */
export interface SignInOptions {
  viewport?: { width: number; height: number };
  /** Runs in every page of the context before its own scripts (e.g. counters the test reads). */
  initScript?: () => void;
}

export const test = base.extend<{
  /** A new browser context signed in as this account (through the sign-in page), French, Paris time. */
  signIn: (email: string, password: string, options?: SignInOptions) => Promise<Page>;
  axe: (page: Page, what: string) => Promise<void>;
  shot: (page: Page, name: string, options?: { fullPage?: boolean }) => Promise<void>;
  pageErrors: void;
}>({
  baseURL: async ({}, use) => use(baseUrl()),
  // Every test fails on an uncaught error in the page or a Content-Security-Policy violation.
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) errors.push(`CSP: ${message.text()}`);
      });
      await use();
      expect(errors, 'errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  // Contexts a test opens itself: their pages' uncaught errors fail the test too; closed at the end.
  signIn: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    await use(async (email, password, options = {}) => {
      const context = await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: options.viewport ?? { width: 1280, height: 900 } });
      contexts.push(context);
      context.on('page', (opened) => opened.on('pageerror', (error) => errors.push(`${email}: ${error.message}`)));
      if (options.initScript !== undefined) await context.addInitScript(options.initScript);
      const page = await context.newPage();
      await page.goto('/signin');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await expect(page.getByText(/Connecté·e/)).toBeVisible();
      return page;
    });
    for (const context of contexts) await context.close();
    expect(errors, 'errors in the pages').toEqual([]);
  },
  axe: async ({}, use) => {
    await use(async (page, what) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(
        serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`),
        `axe on ${what}`,
      ).toEqual([]);
    });
  },
  shot: async ({}, use) => {
    const dir = process.env.PNYX_SCREENSHOTS_DIR ?? join(process.cwd(), 'test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    // Full pages by default; ballots by the viewport, since their sticky footer would float mid-page.
    await use(async (page, name, options = {}) => {
      await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage ?? true, animations: 'disabled' });
    });
  },
});

export { expect };

export interface FocusedElement {
  tag: string;
  type: string | null;
  name: string | null;
  /** Its text, or for a form control the text of its label. */
  text: string;
  checked: boolean;
  /** The legend of the fieldset around it, if any. */
  group: string | null;
}

/** What has the keyboard focus, described for a test. */
export async function focused(page: Page): Promise<FocusedElement | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) return null;
    const input = element instanceof HTMLInputElement ? element : null;
    // What a screen reader hears: the label's text without what is hidden from it.
    const source = (input?.labels?.[0] ?? element).cloneNode(true) as HTMLElement;
    for (const hidden of source.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
    const label = source.textContent ?? '';
    return {
      tag: element.tagName.toLowerCase(),
      type: input?.type ?? null,
      name: element.getAttribute('name'),
      text: label.replace(/\s+/g, ' ').trim(),
      checked: input?.checked ?? false,
      group: element.closest('fieldset')?.querySelector('legend')?.textContent?.trim() ?? null,
    };
  });
}

/** Presses Tab (keyboard only) until the focused element matches, as a keyboard user moves through a page. */
export async function tabTo(page: Page, matches: (element: FocusedElement) => boolean, limit = 80): Promise<FocusedElement> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const element = await focused(page);
    if (element !== null && matches(element)) return element;
  }
  throw new Error(`Tab never reached the element after ${limit} presses (last: ${JSON.stringify(await focused(page))})`);
}
