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
import { LARGE_PRINT_MOST_PAGES, PAPER, pxToMm } from "./paper.ts";
import { pageCountOf } from "./pdf-metadata.ts";
import { untimed, type TimeStep } from "./timing.ts";

/**
 * Type-scale steps, largest first. Standard body text is 12.5 pt at 1 and 12 pt at the last step (0.96), the
 * smallest we ask a patient to read on a one-page sheet; large-print body text is 16.5 pt at 1 and 16 pt from
 * 0.97 on, where handout.css tightens only the line spacing. A sheet that needs less than 12 pt needs fewer words.
 */
export const FIT_STEPS = { standard: [1, 0.98, 0.96], large: [1, 0.97, 0.94, 0.91] } as const;
const MAX_PAGES = { standard: 1, large: 2 } as const;
/**
 * Figure-width steps, largest first, tried at each type step before the type gets smaller: a drawing gives up
 * some of its width before the words give up size. The step scales the drawing's full printed width; handout.css
 * never lets it print narrower than its legibility floor, which the build reads from the drawing (data-floor,
 * src/markdown/figures.ts: the width at which its smallest label prints at about 7 pt).
 */
export const FIGURE_STEPS = [1, 0.85, 0.7, 0.55] as const;
/** How big the library's picture of the printed page is, as a share of the page at 96 dpi. */
const THUMBNAIL_SCALE = 0.4;

/** One edition's outcome: its PDF, or why it could not be printed (the other editions still print). */
export type EditionResult = { job: PdfJob; bytes: Uint8Array; fit: number; figure: number | undefined } | { job: PdfJob; error: unknown };

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
      root.classList.remove("plan-may-break");
      root.style.removeProperty("--fit");
      root.style.removeProperty("--figure-scale");
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
async function printEdition(page: Page, job: PdfJob, outDir: string, time: TimeStep): Promise<{ bytes: Uint8Array; fit: number; figure: number | undefined }> {
  const paper = PAPER[job.paper ?? "letter"];
  const edition = job.edition ?? "standard";
  await time("layout", () => setEdition(page, job));

  const hasFigures = await page.evaluate(() => document.querySelector(".sheet-body figure") !== null);
  const sized = FIT_STEPS[edition].flatMap((fit) => (hasFigures ? FIGURE_STEPS : [1]).map((figure) => ({ fit, figure, split: false })));
  // Large print keeps the plan box whole; only if no step fits two pages that way may it continue on page 2.
  const steps = edition === "large" ? [...sized, ...sized.map((step) => ({ ...step, split: true }))] : sized;
  let overPx = 0;
  let wide: WideElement | undefined;
  const budgets = edition === "large" ? [MAX_PAGES.large, LARGE_PRINT_MOST_PAGES] : [MAX_PAGES[edition]];
  for (const [attempt, pages] of budgets.entries()) {
    // A fresh budget: what is reported at the end is the overflow measured against the last one tried.
    if (attempt > 0) overPx = 0;
    const limitPx = paper.heightPx * pages;
    for (const { fit, figure, split } of steps) {
      const measured = await time("measure", () => page.evaluate((scale, figureScale, planMayBreak) => {
        document.documentElement.classList.toggle("plan-may-break", planMayBreak);
        document.documentElement.style.setProperty("--fit", String(scale));
        document.documentElement.style.setProperty("--figure-scale", String(figureScale));
        const sheet = document.querySelector<HTMLElement>(".sheet");
        if (!sheet) return { heightPx: document.documentElement.scrollHeight, wide: undefined };
        // The sheet stretches to the page to pin the footer; measure what its content needs.
        const minHeight = sheet.style.minHeight;
        sheet.style.minHeight = "0";
        const needed = sheet.getBoundingClientRect().height;
        sheet.style.minHeight = minHeight;
        // Width too: a word, address or table wider than its column runs off the printed page, and the height
        // alone would not show it. A box in a multi-column block has one column's width to use.
        let wideOne: { overPx: number; tag: string; text: string } | undefined;
        const overflowing: { el: HTMLElement; over: number }[] = [];
        for (const el of sheet.querySelectorAll<HTMLElement>("*")) {
          const style = getComputedStyle(el);
          if (!(el instanceof HTMLElement) || style.display === "inline" || style.display === "none") continue;
          // What does not print takes no room on the sheet: inside a display:none block (the web page's closed
          // source list, screen-only parts), a closed <details>, or set invisible. Such a box has no rectangles
          // and its parent no width, which would otherwise read as running a padding's width off the side.
          if (!el.checkVisibility({ visibilityProperty: true }) || el.getClientRects().length === 0) continue;
          // A box with display: contents (a plan option laid into its list's grid) has no box of its own: the room
          // is its nearest ancestor's that has one.
          let parent = el.parentElement;
          while (parent && getComputedStyle(parent).display === "contents") parent = parent.parentElement;
          let room = parent ? parent.clientWidth - parseFloat(getComputedStyle(parent).paddingLeft) - parseFloat(getComputedStyle(parent).paddingRight) : Infinity;
          const columns = parent ? getComputedStyle(parent).columnCount : "auto";
          if (parent && columns !== "auto" && Number(columns) > 1) {
            const gap = parseFloat(getComputedStyle(parent).columnGap) || 0;
            room = (room - gap * (Number(columns) - 1)) / Number(columns);
          }
          const spans = style.columnSpan === "all";
          if (spans && parent) room = parent.clientWidth;
          // Placed boxes (a QR code pinned in a corner) are laid out on purpose; a negative margin widens the room
          // on purpose (a band printed edge to edge).
          if (style.position === "absolute" || style.position === "fixed") continue;
          room -= Math.min(0, parseFloat(style.marginLeft) || 0) + Math.min(0, parseFloat(style.marginRight) || 0);
          // A box split across the two columns has one rectangle per column; its bounding box would span both.
          const fragments = [...el.getClientRects()];
          const widest = Math.max(0, ...fragments.map((r) => r.width));
          const over = Math.max(fragments.length === 1 ? el.scrollWidth - el.clientWidth : 0, widest - room);
          if (over > 1) overflowing.push({ el, over });
        }
        // A box that overflows makes its parents overflow too: name the innermost, the one to edit.
        for (const { el, over } of overflowing) {
          if (overflowing.some((other) => other.el !== el && el.contains(other.el))) continue;
          if (!wideOne || over > wideOne.overPx) {
            wideOne = { overPx: over, tag: el.tagName.toLowerCase(), text: (el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60) };
          }
        }
        return { heightPx: needed, wide: wideOne };
      }, fit, figure, split));
      const heightPx = measured.heightPx;
      wide = measured.wide;
      // Large print flows over pages whose margins sit outside the sheet, and page breaks waste space no
      // measurement predicts: there only the printed page count decides.
      // There the measurement is a lower bound (the sheet is measured wider than the printed column, and page
      // breaks only add space), so a sheet it already puts over two pages is not printed to find that out.
      // handout.css gives each large-print page 11 mm at the top and 15 mm at the foot (the page number's room).
      const marginsPx = edition === "large" ? pages * ((26 / 25.4) * 96) : 0;
      overPx = heightPx + marginsPx - limitPx;
      if (overPx > 0 || wide) continue;
      const bytes = await time("print", () => page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));
      // The page count is the ground truth; the measurement above only skips attempts that cannot fit.
      if (pageCountOf(bytes) <= pages) {
        if (job.thumbnail) await time("thumbnail", () => saveThumbnail(page, path.join(outDir, job.thumbnail!)));
        return { bytes, fit, figure: hasFigures ? figure : undefined };
      }
      overPx = Math.max(overPx, 1);
    }
  }
  if (wide && overPx <= 0) throw widthError(job, wide);
  throw await overflowError(page, job, overPx);
}

/** Something on the sheet wider than the room it has: its tag, how far over, and the start of its text. */
interface WideElement {
  overPx: number;
  tag: string;
  text: string;
}

/** A sheet that fits in height but has something running off the side of its column. */
export function widthError(job: Pick<PdfJob, "source" | "slug" | "paper" | "edition">, wide: WideElement): LayoutError {
  const paper = PAPER[job.paper ?? "letter"];
  const what = wide.tag === "table" ? "a table" : wide.tag === "pre" ? "a block of code" : `a ${wide.tag === "p" ? "paragraph" : wide.tag === "li" ? "list item" : `<${wide.tag}>`}`;
  return new LayoutError(
    `${job.source}: handout "${job.slug}" does not fit across its column on the ${job.edition === "large" ? "large-print " : ""}${paper.label} page: ` +
      `${what}${wide.text ? ` starting "${wide.text}"` : ""} runs ${Math.max(1, Math.round(pxToMm(wide.overPx)))} mm off the side. ` +
      "Shorten the long word, address or line, or give the table fewer columns.",
  );
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
    `${job.source}: handout "${job.slug}" does not fit on ${large ? `${LARGE_PRINT_MOST_PAGES} large-print` : "one"} ${paper.label} page${large ? "s" : ""} even at the smallest type (${large ? "16" : "12"} pt): ` +
      `it runs ${pxToMm(overPx).toFixed(0)} mm over, about ${lines} line${lines === 1 ? "" : "s"}. ` +
      `Cut about ${words} words` +
      (longest.heading ? `, for example from its longest section, "${longest.heading}" (${longest.words} words)` : "") +
      ", or split it into two handouts.",
  );
}
