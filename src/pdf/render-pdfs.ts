/**
 * The PDF renderer. Knows nothing of Eleventy: it reads output/manifest.json, launches one Chromium, and prints
 * every job through a bounded pool of pages, each job on a fresh page that is closed when the job ends.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { LayoutError, UserError, findUserError } from "../errors.ts";
import { withBrowser } from "./launch-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "./jobs.ts";
import { runPool } from "./pool.ts";
import { serveFromOutput } from "./serve-from-output.ts";
import { PAPER, pxToMm } from "./paper.ts";
import { pageCountOf, setPdfMetadata } from "./pdf-metadata.ts";

export interface RenderOptions {
  outDir: string;
  browserPath: string;
  /** Pages printing at once in the one browser; 2–4 saturate two cores. */
  concurrency?: number;
  onJobDone?: (job: PdfJob, ms: number) => void;
  /** Aborting stops the run and closes the browser (Ctrl-C). */
  signal?: AbortSignal | undefined;
}

export interface RenderResult {
  jobs: PdfJob[];
  ms: number;
}

export async function renderPdfs(options: RenderOptions): Promise<RenderResult> {
  const started = performance.now();
  const manifest = readManifest(options.outDir);
  const jobs = jobsFromManifest(manifest);
  if (jobs.length === 0) return { jobs, ms: 0 };
  const errors = await withBrowser(options.browserPath, (browser) =>
    runPool(jobs, options.concurrency ?? 3, async (job) => {
      const jobStart = performance.now();
      await renderJob(browser, job, manifest.site.baseUrl, manifest.site.clinic, options.outDir);
      options.onJobDone?.(job, performance.now() - jobStart);
    }),
    options.signal,
  );
  if (errors.length) throw combineErrors(errors);
  return { jobs, ms: performance.now() - started };
}

function combineErrors(errors: unknown[]): unknown {
  const userErrors = errors.map(findUserError);
  if (userErrors.every((e): e is UserError => e !== undefined)) {
    if (userErrors.length === 1) return userErrors[0];
    const first: UserError = userErrors[0]!;
    const message = `${userErrors.length} PDFs failed:\n${userErrors.map((e) => `  - ${e.message.replace(/\n/g, "\n    ")}`).join("\n")}`;
    return userErrors.every((e) => e instanceof LayoutError) ? new LayoutError(message) : new UserError(message, first.exitCode);
  }
  return errors.find((e) => !findUserError(e));
}

async function renderJob(browser: Browser, job: PdfJob, baseUrl: string, clinic: string, outDir: string): Promise<void> {
  const page = await browser.newPage();
  try {
    // Our own print-size style must apply even when the page sets a strict Content-Security-Policy.
    await page.setBypassCSP(true);
    const served = await serveFromOutput(page, baseUrl, outDir);
    const url = new URL(job.url.replace(/^\//, ""), baseUrl).href;
    const bytes = job.kind === "handout" ? await printHandout(page, job, url) : await printDeck(page, url);
    if (served.missing.length) {
      throw new UserError(`${job.url}: these files are linked but missing from output/: ${served.missing.join(", ")}`, 2);
    }
    const pdf = await setPdfMetadata(bytes, {
      title: job.title,
      author: clinic,
      subject: job.summary,
      keywords: [job.kind === "handout" ? "patient handout" : "slides", job.slug],
      lang: job.lang,
      date: job.reviewed,
    });
    const file = path.join(outDir, job.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, pdf);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Type-scale steps tried, largest first, when a handout runs long. Body text is 12.5 pt at 1; the last step
 * keeps it at 11 pt, the smallest a patient should be asked to read.
 */
export const FIT_STEPS = [1, 0.97, 0.94, 0.91, 0.88] as const;

async function printHandout(page: Page, job: PdfJob, url: string): Promise<Uint8Array> {
  const paper = PAPER[job.paper ?? "letter"];
  await page.setViewport({ width: Math.floor(paper.widthPx), height: Math.floor(paper.heightPx) });
  await page.emulateMediaType("print");
  await page.goto(url, { waitUntil: "load" });
  await page.addStyleTag({ content: `@page { size: ${paper.cssName}; }` });
  await page.evaluate((paperName) => document.documentElement.classList.add(`paper-${paperName}`), job.paper ?? "letter");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));

  let overPx = 0;
  for (const fit of FIT_STEPS) {
    const heightPx = await page.evaluate((scale) => {
      document.documentElement.style.setProperty("--fit", String(scale));
      const sheet = document.querySelector<HTMLElement>(".sheet");
      if (!sheet) return document.documentElement.scrollHeight;
      // The sheet stretches to the page to pin the footer; measure what its content needs.
      sheet.style.minHeight = "0";
      const needed = sheet.getBoundingClientRect().height;
      sheet.style.minHeight = "";
      return needed;
    }, fit);
    overPx = heightPx - paper.heightPx;
    if (overPx > 0) continue;
    const bytes = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
    // The page count is the ground truth; the measurement above only saves printing attempts that cannot fit.
    if (pageCountOf(bytes) === 1) return bytes;
    overPx = Math.max(overPx, 1);
  }
  const longest = await page.evaluate(() => {
    let best = { heading: "", words: 0 };
    for (const h2 of document.querySelectorAll(".sheet-body h2")) {
      let words = 0;
      for (let node = h2.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        words += (node.textContent ?? "").split(/\s+/).filter(Boolean).length;
      }
      if (words > best.words) best = { heading: h2.textContent ?? "", words };
    }
    return best;
  });
  // About 6 words on a line of a two-column sheet at the smallest type step.
  const lines = Math.ceil(overPx / 19);
  throw new LayoutError(
    `${job.source}: handout "${job.slug}" does not fit on one ${paper.label} page even at the smallest type (11 pt): ` +
      `it runs ${pxToMm(overPx).toFixed(0)} mm over, about ${lines} line${lines === 1 ? "" : "s"}. ` +
      `Cut about ${lines * 6} words` +
      (longest.heading ? `, for example from its longest section, "${longest.heading}" (${longest.words} words)` : "") +
      ", or split it into two handouts.",
  );
}

async function printDeck(page: Page, url: string): Promise<Uint8Array> {
  // reveal.js lays out every slide as a print page in ?print-pdf mode and fires `pdf-ready` when done;
  // `isReady()` is too early (it fires before the print layout exists).
  await page.evaluateOnNewDocument(() => {
    (window as unknown as { __pdfReady: Promise<void> }).__pdfReady = new Promise<void>((resolve) =>
      document.addEventListener("pdf-ready", () => resolve(), { capture: true, once: true }),
    );
  });
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(`${url}?print-pdf`, { waitUntil: "load" });
  await page.evaluate(() => (window as unknown as { __pdfReady: Promise<void> }).__pdfReady);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
}
