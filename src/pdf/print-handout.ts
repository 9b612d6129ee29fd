/**
 * Prints a handout's editions: the standard one-page sheet (Letter or A4) and the large-print edition (up to two
 * pages), all from one load of its page. When the text runs long, the type steps down a little at a time and the
 * sheet is measured again; an edition that still does not fit fails with how far it runs over and what to cut.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "puppeteer-core";
import { LayoutError } from "../errors.ts";
import type { PdfJob } from "./jobs.ts";
import { PAPER, pxToMm } from "./paper.ts";
import { pageCountOf } from "./pdf-metadata.ts";
import { untimed, type TimeStep } from "./timing.ts";

/**
 * Type-scale steps, largest first. Standard body text is 12.5 pt at 1 and 11 pt at the last step, the smallest
 * a patient should be asked to read; large-print body text is 16.5 pt at 1 and 16 pt from 0.97 on, where
 * handout.css tightens only the line spacing.
 */
export const FIT_STEPS = { standard: [1, 0.97, 0.94, 0.91, 0.88], large: [1, 0.97, 0.94, 0.91] } as const;
const MAX_PAGES = { standard: 1, large: 2 } as const;
/** How big the library's picture of the printed page is, as a share of the page at 96 dpi. */
const THUMBNAIL_SCALE = 0.4;

/** One edition's outcome: its PDF, or why it could not be printed (the other editions still print). */
export type EditionResult = { job: PdfJob; bytes: Uint8Array; fit: number } | { job: PdfJob; error: unknown };

/**
 * Prints editions of one handout (all jobs share its URL) from a single load of its page: the page is loaded
 * and its fonts fetched once, then each edition sets its paper and type on the loaded page and prints. Loading
 * the page is the largest step of a handout's time, so this prints a handout's three PDFs for little more than
 * the cost of one. Each edition sets everything that shapes it afresh (viewport, paper, edition, type step), so
 * an edition prints the same bytes whichever editions print before it.
 */
export async function printHandoutEditions(page: Page, jobs: readonly PdfJob[], url: string, outDir: string, time: TimeStep = untimed): Promise<EditionResult[]> {
  const first = jobs[0];
  if (!first) return [];
  await time("load", async () => {
    await setViewportFor(page, first);
    await page.emulateMediaType("print");
    await page.goto(url, { waitUntil: "load" });
  });
  const results: EditionResult[] = [];
  for (const job of jobs) {
    try {
      results.push({ job, ...(await printEdition(page, job, outDir, time)) });
    } catch (error) {
      results.push({ job, error });
    }
  }
  return results;
}

function setViewportFor(page: Page, job: PdfJob): Promise<void> {
  const paper = PAPER[job.paper ?? "letter"];
  return page.setViewport({ width: Math.floor(paper.widthPx), height: Math.floor(paper.heightPx), deviceScaleFactor: job.thumbnail ? THUMBNAIL_SCALE : 1 });
}

/**
 * Sets the loaded handout page to one edition: viewport, paper, standard or large print, full-size type. Also
 * used by the bench's pages floor, which prints the build's own pages the barest way.
 */
export async function setEdition(page: Page, job: PdfJob): Promise<void> {
  const paper = PAPER[job.paper ?? "letter"];
  await setViewportFor(page, job);
  await page.evaluate(
    async (paperName, pageCss, large) => {
      // One style element and one set of classes, replaced for each edition: nothing of the previous one stays.
      let style = document.getElementById("print-edition");
      if (!style) {
        style = document.createElement("style");
        style.id = "print-edition";
        document.head.append(style);
      }
      style.textContent = pageCss;
      const root = document.documentElement;
      for (const name of [...root.classList]) if (name.startsWith("paper-")) root.classList.remove(name);
      root.classList.add(`paper-${paperName}`);
      root.classList.toggle("large-print", large);
      root.style.removeProperty("--fit");
      // Lay the page out now: fonts are fetched only once layout asks for them, and `fonts.ready` resolves at
      // once when nothing has asked yet, which would let the sheet be measured in a fallback font.
      void root.offsetHeight;
      await document.fonts.ready;
    },
    job.paper ?? "letter",
    `@page { size: ${paper.cssName}; } @page large-print { size: ${paper.cssName}; }`,
    job.edition === "large",
  );
}

/** Sets the loaded handout page to one edition (paper, standard or large print), fits its type and prints it. */
async function printEdition(page: Page, job: PdfJob, outDir: string, time: TimeStep): Promise<{ bytes: Uint8Array; fit: number }> {
  const paper = PAPER[job.paper ?? "letter"];
  const edition = job.edition ?? "standard";
  await time("layout", () => setEdition(page, job));

  const limitPx = paper.heightPx * MAX_PAGES[edition];
  let overPx = 0;
  for (const fit of FIT_STEPS[edition]) {
    const heightPx = await time("measure", () => page.evaluate((scale) => {
      document.documentElement.style.setProperty("--fit", String(scale));
      const sheet = document.querySelector<HTMLElement>(".sheet");
      if (!sheet) return document.documentElement.scrollHeight;
      // The sheet stretches to the page to pin the footer; measure what its content needs.
      const minHeight = sheet.style.minHeight;
      sheet.style.minHeight = "0";
      const needed = sheet.getBoundingClientRect().height;
      sheet.style.minHeight = minHeight;
      return needed;
    }, fit));
    // Large print flows over pages whose margins sit outside the sheet, and page breaks waste space no
    // measurement predicts: there only the printed page count decides.
    // There the measurement is a lower bound (the sheet is measured wider than the printed column, and page
    // breaks only add space), so a sheet it already puts over two pages is not printed to find that out.
    const marginsPx = edition === "large" ? MAX_PAGES.large * 1.25 * 96 : 0;
    overPx = heightPx + marginsPx - limitPx;
    if (overPx > 0) continue;
    const bytes = await time("print", () => page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));
    // The page count is the ground truth; the measurement above only skips attempts that cannot fit.
    if (pageCountOf(bytes) <= MAX_PAGES[edition]) {
      if (job.thumbnail) await time("thumbnail", () => saveThumbnail(page, path.join(outDir, job.thumbnail!)));
      return { bytes, fit };
    }
    overPx = Math.max(overPx, 1);
  }
  throw await overflowError(page, job, overPx);
}

async function saveThumbnail(page: Page, file: string): Promise<void> {
  const png = await page.screenshot({ type: "png", fullPage: false, omitBackground: false });
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, png);
}

async function overflowError(page: Page, job: PdfJob, overPx: number): Promise<LayoutError> {
  const paper = PAPER[job.paper ?? "letter"];
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
  const large = job.edition === "large";
  // About 6 words on a line of a two-column sheet at the smallest type step (about 4 in large print).
  const lines = Math.ceil(overPx / (large ? 27 : 19));
  const words = lines * (large ? 4 : 6);
  return new LayoutError(
    `${job.source}: handout "${job.slug}" does not fit on ${large ? "two large-print" : "one"} ${paper.label} page${large ? "s" : ""} even at the smallest type (${large ? "16" : "11"} pt): ` +
      `it runs ${pxToMm(overPx).toFixed(0)} mm over, about ${lines} line${lines === 1 ? "" : "s"}. ` +
      `Cut about ${words} words` +
      (longest.heading ? `, for example from its longest section, "${longest.heading}" (${longest.words} words)` : "") +
      ", or split it into two handouts.",
  );
}
