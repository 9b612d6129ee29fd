/**
 * The floor: the least time this machine's Chromium needs to print a number of one-page PDFs. Bare Chromium,
 * launched once with the renderer's own flags (withBrowser), prints a tiny page through the renderer's pool
 * (runPool) with the same number of pages at once. Measured like the build's PDF phase: from launch to close.
 *
 * Two variants: the floor proper keeps one tab per pool slot and loads each PDF's page into it; the fresh-tab
 * variant opens and closes a tab per PDF, to show what a new tab costs on its own.
 */
import type { Page } from "puppeteer-core";
import { withBrowser } from "../pdf/launch-browser.ts";
import { runPool } from "../pdf/pool.ts";

export interface FloorResult {
  pdfs: number;
  concurrency: number;
  /** Launch to close, ms. */
  ms: number;
  /** Launch alone, ms. */
  launchMs: number;
  freshTabs: boolean;
}

/** A trivial one-page document: one heading and a line of text in the default font. */
export const FLOOR_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Floor</title></head><body><h1>Floor</h1><p>One trivial page.</p></body></html>`;

export async function measureFloor(browserPath: string, pdfs: number, concurrency: number, options: { freshTabs?: boolean } = {}): Promise<FloorResult> {
  const started = performance.now();
  let launchMs = 0;
  const print = async (page: Page): Promise<void> => {
    await page.setContent(FLOOR_HTML, { waitUntil: "load" });
    await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
  };
  await withBrowser(browserPath, async (browser) => {
    launchMs = performance.now() - started;
    const jobs = Array.from({ length: pdfs }, (_, i) => i);
    if (options.freshTabs) {
      const errors = await runPool(jobs, concurrency, async () => {
        const page = await browser.newPage();
        try {
          await print(page);
        } finally {
          await page.close();
        }
      });
      if (errors.length) throw errors[0];
      return;
    }
    // One tab per pool slot, made when the slot takes its first job, reused for the rest.
    const idle: Page[] = [];
    const errors = await runPool(jobs, concurrency, async () => {
      const page = idle.pop() ?? (await browser.newPage());
      try {
        await print(page);
      } finally {
        idle.push(page);
      }
    });
    if (errors.length) throw errors[0];
  });
  return { pdfs, concurrency, ms: performance.now() - started, launchMs, freshTabs: Boolean(options.freshTabs) };
}
