/**
 * Sidebars in a real browser: Debian's Chromium driven by playwright-core shows the page the
 * add-on showed (the HtmlOutput the emulator recorded when the user clicked the menu item), and
 * its google.script.run reaches the built bundle's real server functions running on the emulator,
 * as that user: an injected shim implements run.withSuccessHandler / withFailureHandler /
 * withUserObject and forwards each call to Node through page.exposeFunction, where it runs as a
 * google.script.run execution (in a worker thread, so two pages' calls really overlap and contend
 * for the document lock).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { UserSession } from '../../emulator';
import { ROOT } from '../../emulator/bundle';

export const CHROMIUM = '/usr/bin/chromium';
/** Where screenshots go: test-artifacts/, or PP_SCREENSHOTS (npm run screenshots sets it). */
export const ARTIFACTS = process.env.PP_SCREENSHOTS ?? join(ROOT, 'test-artifacts');

/**
 * Whether the browser tests can run. Without /usr/bin/chromium they are skipped with a message
 * locally; in CI (.ci/run installs it) its absence is an error, never a silent skip.
 */
export function haveChromium(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(
      `${CHROMIUM} is missing in CI: .ci/run should have installed Debian's chromium.`,
    );
  console.warn(
    `Skipping the browser tests: ${CHROMIUM} is not installed (apt-get install chromium, or run .ci/run).`,
  );
  return false;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium, headless, with a fresh user data directory that is removed on close. */
export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 300, height: 800 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The google.script.run shim, run in the page before its own script. */
function shim(): void {
  type Handler = (value: unknown, userObject: unknown) => void;
  const w = globalThis as unknown as {
    google: unknown;
    __ppServer: (
      fn: string,
      args: unknown[],
    ) => Promise<{ ok: boolean; value?: unknown; message?: string }>;
    __ppCalls: number;
  };
  w.__ppCalls = 0;
  const runner = (success: Handler | null, failure: Handler | null, userObject: unknown): unknown =>
    new Proxy(
      {},
      {
        get(_t, prop: string) {
          if (prop === 'withSuccessHandler') return (f: Handler) => runner(f, failure, userObject);
          if (prop === 'withFailureHandler') return (f: Handler) => runner(success, f, userObject);
          if (prop === 'withUserObject') return (o: unknown) => runner(success, failure, o);
          return (...args: unknown[]) => {
            w.__ppCalls++;
            void w.__ppServer(prop, args).then((r) => {
              w.__ppCalls--;
              if (r.ok) success?.(r.value, userObject);
              else if (failure) failure(new Error(r.message), userObject);
              else console.error(r.message);
            });
          };
        },
      },
    );
  w.google = {
    script: {
      run: runner(null, null, undefined),
      host: {
        close: () => undefined,
        setHeight: () => undefined,
        setWidth: () => undefined,
        editor: { focus: () => undefined },
        origin: 'https://docs.google.com',
      },
    },
  };
}

/**
 * For a describe block: launches Chromium before its tests and closes it after them. Returns the
 * running browser's getter (call it inside a test).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('Chromium did not start: see the error of the launch above.');
    return browser;
  };
}

export interface SidebarPage {
  readonly page: Page;
  /** The id of the focused element ('' when it has none). */
  focusedId(): Promise<string>;
  /** Waits until no google.script.run call is in flight. */
  idle(): Promise<void>;
  /** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
}

/**
 * Clicks `menuItem` as `user` and opens the sidebar the add-on showed in a new page whose
 * google.script.run runs as `user` on the emulator.
 */
export async function openSidebar(
  browser: Browser,
  user: UserSession,
  menuItem: string,
): Promise<SidebarPage> {
  if (user.menus.length === 0) user.open();
  user.clickMenu('Portfolio Pilot', menuItem);
  const shown = user.lastSidebar;
  if (!shown) throw new Error(`${menuItem} showed no sidebar`);
  return openPage(browser, user, shown.content);
}

/**
 * Clicks `menuItem` as `user` and opens the modal dialog it showed, at the dialog's own size,
 * like openSidebar.
 */
export async function openDialog(
  browser: Browser,
  user: UserSession,
  menuItem: string,
): Promise<SidebarPage> {
  if (user.menus.length === 0) user.open();
  const before = user.shown.length;
  user.clickMenu('Portfolio Pilot', menuItem);
  const shown = user.shown.at(-1);
  if (user.shown.length === before || !shown || shown.kind !== 'modal')
    throw new Error(`${menuItem} showed no dialog`);
  const page = await openPage(browser, user, shown.content);
  await page.page.setViewportSize({ width: shown.width ?? 560, height: shown.height ?? 480 });
  return page;
}

async function openPage(
  browser: Browser,
  user: UserSession,
  content: string,
): Promise<SidebarPage> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-page-'));
  const file = join(dir, 'sidebar.html');
  writeFileSync(file, content);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.exposeFunction('__ppServer', async (fn: string, args: unknown[]) => {
    try {
      return { ok: true, value: await user.scriptRunAsync(fn, ...args) };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
  await page.addInitScript(shim);
  await page.goto(`file://${file}`);
  return {
    page,
    focusedId: async () =>
      String(await page.evaluate('document.activeElement ? document.activeElement.id : ""')),
    idle: async () => {
      await page.waitForFunction('window.__ppCalls === 0');
      if (errors.length) throw new Error(`The page threw: ${errors.join('; ')}`);
    },
    screenshot: async (name) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
  };
}
