/**
 * The floor: the least time this machine's Chromium needs to print a number of one-page PDFs. Bare Chromium,
 * launched once with the renderer's own flags (withBrowser), prints a tiny page through the renderer's pool
 * (runPool) with the same number of pages at once. Measured like the build's PDF phase: from launch to close.
 *
 * Two variants: the floor proper keeps one tab per pool slot and loads each PDF's page into it; the fresh-tab
 * variant opens and closes a tab per PDF, to show what a new tab costs on its own.
 *
 * A second floor, `measurePagesFloor`, prints the build's own pages the same bare way: one load and one print
 * per PDF, nothing else (no fitting, no thumbnails, no metadata, no editions or a deck's two PDFs sharing a load).
 * The gap between the two floors is what Chromium needs for these documents themselves (their text, fonts,
 * columns, and tens of slides a deck); the gap between the pages floor and the build is what the pipeline adds.
 *
 * Both floors check what they printed after the clock stops, and fail rather than report a time for something
 * else: the trivial floor, one Letter page per PDF; the pages floor, each PDF with the page count and page sizes
 * of the build's own. The pages floor once printed every deck and every A4 or large-print handout as plain
 * Letter pages (the pages' Content-Security-Policy blocked the paper-size styles, and editions were not set), so
 * its figure was not the build's documents.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { withBrowser } from "../pdf/launch-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "../pdf/jobs.ts";
import { runPool } from "../pdf/pool.ts";
import { startServing } from "../pdf/serve-from-output.ts";
import { SLIDE_HEIGHT, SLIDE_WIDTH, printPageUrl, printReady } from "../pdf/print-deck.ts";
import { setEdition } from "../pdf/print-handout.ts";
import { PAPER } from "../pdf/paper.ts";
import { pageCountOf, pageSizesOf } from "../pdf/pdf-metadata.ts";
import { RENDER_REPORT, type RenderedPdf } from "../pdf/render-pdfs.ts";

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
  const shapes: { pages: number; sizes: { widthPt: number; heightPt: number }[] }[] = [];
  const print = async (page: Page): Promise<void> => {
    await page.setContent(FLOOR_HTML, { waitUntil: "load" });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
    shapes.push({ pages: pageCountOf(pdf), sizes: pageSizesOf(pdf) });
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
  const ms = performance.now() - started;
  verifyTrivial(pdfs, shapes);
  return { pdfs, concurrency, ms, launchMs, freshTabs: Boolean(options.freshTabs) };
}

/**
 * Each PDF job of a built folder loaded and printed bare, through the same pool; launch to close. Each PDF is
 * printed as the build printed it (the deck's print page, the handout's paper, edition and the type step the
 * build chose, from render-report.json), and then checked against the build's own PDF: the same number of pages
 * of the same size, or the floor fails, naming what differs. A floor that printed something else (an error page,
 * the default Letter page, a deck before its layout) would measure nothing. `onPrinted` hears each PDF (the tests
 * read them back).
 */
export async function measurePagesFloor(browserPath: string, outDir: string, concurrency: number, onPrinted?: (job: PdfJob, pdf: Uint8Array) => void): Promise<FloorResult> {
  const manifest = readManifest(outDir);
  const jobs = jobsFromManifest(manifest);
  const fits = buildFits(outDir);
  const printed: PrintedShape[] = [];
  const started = performance.now();
  let launchMs = 0;
  const files = new Map<string, Promise<Buffer>>();
  await withBrowser(browserPath, async (browser) => {
    launchMs = performance.now() - started;
    const idle: Page[] = [];
    const errors = await runPool(jobs, concurrency, async (job) => {
      let page = idle.pop();
      if (!page) {
        // A window each, as the renderer does (a tab behind another gets no frames). The CSP is bypassed as the
        // renderer bypasses it: the paper size and edition styles are added to the page.
        page = await browser.newPage({ type: "window" });
        await page.setBypassCSP(true);
        await startServing(page, manifest.site.baseUrl, outDir, { files });
      }
      const pdf = await printBare(page, job, manifest.site.baseUrl, fits.get(job.output));
      printed.push({ job, pages: pageCountOf(pdf), sizes: pageSizesOf(pdf) });
      onPrinted?.(job, pdf);
      idle.push(page);
    });
    if (errors.length) throw errors[0];
  });
  const ms = performance.now() - started;
  verifyAgainstBuild(outDir, jobs, printed);
  return { pdfs: jobs.length, concurrency, ms, launchMs, freshTabs: false };
}

/** What one printed PDF came out as: enough to tell it from an error page or a page of the wrong size. */
export interface PrintedShape {
  job: PdfJob;
  pages: number;
  sizes: { widthPt: number; heightPt: number }[];
}

/** A floor printed something other than what it was meant to measure. */
export class FloorMismatchError extends Error {
  override name = "FloorMismatchError";
}

/**
 * Every job printed once, each with the page count and page sizes of the build's own PDF (to the point); throws
 * a FloorMismatchError listing every difference otherwise.
 */
export function verifyAgainstBuild(outDir: string, jobs: readonly PdfJob[], printed: readonly PrintedShape[]): void {
  const problems: string[] = [];
  const byOutput = new Map(printed.map((p) => [p.job.output, p]));
  if (printed.length !== jobs.length) problems.push(`printed ${printed.length} PDFs for ${jobs.length} jobs`);
  for (const job of jobs) {
    const mine = byOutput.get(job.output);
    const file = path.join(outDir, job.output);
    if (!mine) {
      problems.push(`${job.output}: not printed`);
      continue;
    }
    if (!existsSync(file)) {
      problems.push(`${job.output}: the build wrote no such PDF to compare with`);
      continue;
    }
    const built = readFileSync(file);
    const theirs = { pages: pageCountOf(built), sizes: pageSizesOf(built) };
    if (mine.pages !== theirs.pages) problems.push(`${job.output}: ${mine.pages} pages, the build's PDF has ${theirs.pages}`);
    const size = (s: { widthPt: number; heightPt: number } | undefined): string => (s ? `${Math.round(s.widthPt)}×${Math.round(s.heightPt)} pt` : "none");
    const differs = mine.sizes.length !== theirs.sizes.length || mine.sizes.some((s, i) => Math.abs(s.widthPt - theirs.sizes[i]!.widthPt) > 1 || Math.abs(s.heightPt - theirs.sizes[i]!.heightPt) > 1);
    if (differs) problems.push(`${job.output}: pages of ${[...new Set(mine.sizes.map(size))].join(", ")}, the build's PDF has ${[...new Set(theirs.sizes.map(size))].join(", ")}`);
  }
  if (problems.length) {
    throw new FloorMismatchError(`The pages floor did not print the build's PDFs, so its time measures something else:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** The trivial floor printed `expected` PDFs of one page each, in Chromium's default paper (Letter); else it fails. */
export function verifyTrivial(expected: number, printed: readonly { pages: number; sizes: { widthPt: number; heightPt: number }[] }[]): void {
  const problems: string[] = [];
  if (printed.length !== expected) problems.push(`printed ${printed.length} PDFs, not ${expected}`);
  const wrong = printed.filter((p) => p.pages !== 1 || p.sizes.some((s) => Math.abs(s.widthPt - PAPER.letter.widthPt) > 1 || Math.abs(s.heightPt - PAPER.letter.heightPt) > 1));
  if (wrong.length) problems.push(`${wrong.length} PDFs are not one Letter page (the first: ${wrong[0]!.pages} pages of ${wrong[0]!.sizes.map((s) => `${s.widthPt}×${s.heightPt} pt`).join(", ")})`);
  if (problems.length) throw new FloorMismatchError(`The trivial floor did not print what it measures:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}

/** The type step the build printed each handout at (render-report.json); a floor prints it at the same step. */
function buildFits(outDir: string): Map<string, number> {
  const file = path.join(outDir, RENDER_REPORT);
  if (!existsSync(file)) return new Map();
  const report = JSON.parse(readFileSync(file, "utf8")) as RenderedPdf[];
  return new Map(report.flatMap((r) => (r.fit === undefined ? [] : [[r.output, r.fit] as const])));
}

/**
 * Loads a job's page as the build prints it and prints it, nothing more: a deck's static print page (slides, or
 * the handout in its paper), a handout in its paper and edition at the build's type step. No fitting, no
 * measuring, no thumbnail, no document information, no editions sharing a load.
 */
async function printBare(page: Page, job: PdfJob, baseUrl: string, fit: number | undefined): Promise<Uint8Array> {
  const url = new URL(job.url.replace(/^\//, ""), baseUrl).href;
  if (job.kind === "handout") {
    await page.emulateMediaType("print");
    await page.goto(url, { waitUntil: "load" });
    await setEdition(page, job);
    if (fit !== undefined && fit !== 1) await page.evaluate((scale) => document.documentElement.style.setProperty("--fit", String(scale)), fit);
  } else if (job.kind === "deck") {
    await page.emulateMediaType(undefined);
    await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT });
    await page.goto(printPageUrl(url), { waitUntil: "load" });
    // Printing before the page's own layout is done would print a different document.
    await printReady(page, job, "data-print-ready");
  } else {
    const paper = PAPER[job.paper ?? "letter"];
    await page.setViewport({ width: Math.floor(paper.widthPx), height: Math.floor(paper.heightPx) });
    await page.emulateMediaType("print");
    await page.goto(printPageUrl(url, true), { waitUntil: "load" });
    await page.addStyleTag({ content: `@page { size: ${paper.cssName}; }` });
    await printReady(page, job, "data-notes-ready");
  }
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
}
