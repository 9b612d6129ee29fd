/**
 * The floor: the least time this machine's Chromium needs to print a number of one-page PDFs. Bare Chromium,
 * launched once with the renderer's own flags (withBrowser), prints a tiny page through the renderer's pool
 * (runPool) with the same number of pages at once. Measured like the build's PDF phase: from launch to close.
 *
 * Two variants: the floor proper keeps one tab per pool slot and loads each PDF's page into it; the fresh-tab
 * variant opens and closes a tab per PDF, to show what a new tab costs on its own.
 *
 * A second floor, `measurePagesFloor`, prints the build's own pages the same bare way: one load and one print
 * per PDF, nothing else (no fitting, no thumbnails, no metadata, no editions sharing a load). The gap between
 * the two floors is what Chromium needs for these documents themselves (their text, fonts, columns, and tens
 * of slides a deck); the gap between the pages floor and the build is what the pipeline adds.
 */
import type { Page } from "puppeteer-core";
import { withBrowser } from "../pdf/launch-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "../pdf/jobs.ts";
import { runPool } from "../pdf/pool.ts";
import { startServing } from "../pdf/serve-from-output.ts";
import { listenForPdfReady, pdfReady } from "../pdf/print-deck.ts";

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

/**
 * Each PDF job of a built folder loaded and printed bare, through the same pool; launch to close. The PDFs are
 * not kept: `onPrinted` hears each one (the tests read them back).
 */
export async function measurePagesFloor(browserPath: string, outDir: string, concurrency: number, onPrinted?: (job: PdfJob, pdf: Uint8Array) => void): Promise<FloorResult> {
  const manifest = readManifest(outDir);
  const jobs = jobsFromManifest(manifest);
  const started = performance.now();
  let launchMs = 0;
  const files = new Map<string, Promise<Buffer>>();
  await withBrowser(browserPath, async (browser) => {
    launchMs = performance.now() - started;
    const idle: Page[] = [];
    const errors = await runPool(jobs, concurrency, async (job) => {
      let page = idle.pop();
      if (!page) {
        // A window each, as the renderer does: a tab behind another gets no frames, and reveal.js waits for them.
        page = await browser.newPage({ type: "window" });
        await startServing(page, manifest.site.baseUrl, outDir, { files });
        await listenForPdfReady(page);
      }
      onPrinted?.(job, await printBare(page, job, manifest.site.baseUrl));
      idle.push(page);
    });
    if (errors.length) throw errors[0];
  });
  return { pdfs: jobs.length, concurrency, ms: performance.now() - started, launchMs, freshTabs: false };
}

/** Loads a job's page in its print mode, waits until the page says it is laid out (decks), and prints. */
async function printBare(page: Page, job: PdfJob, baseUrl: string): Promise<Uint8Array> {
  const mode = job.kind === "deck" ? "?print-pdf" : job.kind === "deck-notes" ? "?print-notes" : "";
  await page.goto(new URL(job.url.replace(/^\//, ""), baseUrl).href + mode, { waitUntil: "load" });
  // Printing before the deck's own layout is done would print a different document.
  if (job.kind === "deck") await pdfReady(page);
  if (job.kind === "deck-notes") await page.waitForSelector("html[data-notes-ready]", { timeout: 30_000 });
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
}
