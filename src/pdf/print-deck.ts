/**
 * Prints a deck twice from its static print page (slides/<slug>/print.html, src/eleventy/deck-print-page.ts; no
 * reveal.js): the 16:9 slides PDF, one page per slide, and the slides-with-notes handout (`print.html?notes`), in
 * the clinic's paper size. The slides PDF also checks the deck: a slide whose content
 * does not fit its 1280×720 box, or a deck whose slides mostly lack speaker notes, stops the build with the deck's
 * file, the slide's number, heading and line.
 */
import type { Page } from "puppeteer-core";
import { ContentError, LayoutError } from "../errors.ts";
import type { PdfJob } from "./jobs.ts";
import { PAPER } from "./paper.ts";
import { DECK_PRINT_PAGE } from "../content/urls.ts";
import { untimed, type TimeStep } from "./timing.ts";

/** The slide's canvas (reveal.js's in the presentation, the print page's box); every slide's content must fit inside it. */
export const SLIDE_WIDTH = 1280;
export const SLIDE_HEIGHT = 720;
/** The share of the slides an author writes that must carry speaker notes. */
export const MIN_NOTES_SHARE = 0.8;
/**
 * A slide that runs long is first set in smaller type (templates/assets/deck-layout.js, shared by deck.js and deck-print.js), down to 30 px body text
 * (36 px × 0.84); only what runs over at that size is reported. A line of it is about 39 px tall.
 */
const SMALLEST_BODY_PX = 30;
const LINE_PX = 39;
/** Layout waits (the print page's data-print-ready and data-notes-ready) that never end are a bug; do not hang the build. */
const READY_TIMEOUT_MS = 30_000;

export interface SlideReport {
  /** 1-based, as the slide number on screen (the title slide is 1). */
  number: number;
  heading: string;
  /** Line in the deck's Markdown where the slide starts; only slides written by the author have one. */
  line: number | undefined;
  /** Written by the author (not the title, handouts or references slide made by the template). */
  authored: boolean;
  hasNotes: boolean;
  /** CSS px the content runs past its box; 0 when it fits. */
  overHeight: number;
  overWidth: number;
}

/** One deck PDF's outcome: its bytes and the time it took, or why it could not be printed. */
export type DeckPdfResult = { job: PdfJob; bytes: Uint8Array; ms: number } | { job: PdfJob; error: unknown };

/**
 * Called with the page still in its slides layout, right after the slides PDF printed and before the page turns
 * into the handout: the deck's PowerPoint is read there (src/pptx/deck-pptx.ts), so it has exactly the slides
 * of the PDF. What it throws fails the slides PDF's job, as a slide that does not fit would.
 */
export type AfterSlides = (page: Page, job: PdfJob) => Promise<void>;

/**
 * Prints a deck's PDFs (the slides, the slides-with-notes handout, or both) from one load of its print page: the
 * page is loaded, its fonts fetched and its slides fitted once; the slides print first (then `afterSlides` runs
 * on the same layout), then the page turns into the handout (window.deckPrint.notes() in deck-print.js) and
 * prints on the clinic's paper. A deck whose slides do not fit fails its slides PDF; the handout still prints.
 */
export async function printDeckPdfs(page: Page, jobs: readonly PdfJob[], url: string, time: TimeStep = untimed, afterSlides?: AfterSlides): Promise<DeckPdfResult[]> {
  const slidesJob = jobs.find((job) => job.kind === "deck");
  const notesJob = jobs.find((job) => job.kind === "deck-notes");
  const first = jobs[0];
  if (!first) return [];
  const results: DeckPdfResult[] = [];
  let started = performance.now();
  await time("load", async () => {
    // The slides are measured on screen, as in a fresh tab; the tab's previous job may have left print media.
    await page.emulateMediaType(undefined);
    await page.setViewport({ width: SLIDE_WIDTH, height: SLIDE_HEIGHT });
    await page.goto(printPageUrl(url), { waitUntil: "load" });
  });
  await time("layout", () => printReady(page, first, "data-print-ready"));
  if (slidesJob) {
    try {
      const slides = await time("measure", () => measureSlides(page));
      const problem = overflowError(slidesJob, slides) ?? notesError(slidesJob, slides);
      if (problem) throw problem;
      const bytes = await time("print", () => page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));
      // The PDF's own time: what the bench compares with other tools, which make no PowerPoint.
      const ms = performance.now() - started;
      if (afterSlides) await afterSlides(page, slidesJob);
      results.push({ job: slidesJob, bytes, ms });
    } catch (error) {
      results.push({ job: slidesJob, error });
    }
    started = performance.now();
  }
  if (notesJob) {
    try {
      const paper = PAPER[notesJob.paper ?? "letter"];
      await time("layout", async () => {
        await page.setViewport({ width: Math.floor(paper.widthPx), height: Math.floor(paper.heightPx) });
        await page.emulateMediaType("print");
        // The paper is chosen per PDF, as for handouts; margins and layout are in templates/assets/deck-notes.css.
        await page.addStyleTag({ content: `@page { size: ${paper.cssName}; }` });
        await page.evaluate(() => (window as unknown as { deckPrint: { notes(): Promise<void> } }).deckPrint.notes());
        await printReady(page, notesJob, "data-notes-ready");
      });
      const bytes = await time("print", () => page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true }));
      results.push({ job: notesJob, bytes, ms: performance.now() - started });
    } catch (error) {
      results.push({ job: notesJob, error });
    }
  }
  return results;
}

/**
 * The deck's static print page (src/eleventy/deck-print-page.ts) for the deck at `deckUrl`: every slide already a
 * 1280×720 page box, no reveal.js. `?notes` makes it the slides-with-notes handout.
 */
export function printPageUrl(deckUrl: string, notes = false): string {
  return new URL(`${DECK_PRINT_PAGE}${notes ? "?notes" : ""}`, deckUrl).href;
}

/**
 * Waits until the print page says its layout is done (templates/assets/deck-print.js sets `attribute` on <html>:
 * data-print-ready for the slides, data-notes-ready for the handout) and its fonts are in.
 */
export async function printReady(page: Page, job: Pick<PdfJob, "url">, attribute: "data-print-ready" | "data-notes-ready"): Promise<void> {
  await withTimeout(
    page.waitForSelector(`html[${attribute}]`, { timeout: 0 }).then(() => undefined),
    `${job.url}: the deck's print page did not finish its layout (no ${attribute})`,
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Every slide's number, heading, notes and how far its content runs past the 1280×720 box, read in the page. */
export function measureSlides(page: Page): Promise<SlideReport[]> {
  return page.evaluate(() => {
    const sections = [...document.querySelectorAll<HTMLElement>(".reveal .slides section")].filter((s) => s.querySelector(":scope > .slide-body"));
    return sections.map((section, index) => {
      const body = section.querySelector<HTMLElement>(":scope > .slide-body")!;
      const notes = [...section.querySelectorAll("aside.notes")].map((n) => n.textContent ?? "").join("").trim();
      const line = Number(section.dataset["line"]);
      return {
        number: index + 1,
        heading: (section.querySelector("h1, h2")?.textContent ?? "").trim(),
        line: Number.isInteger(line) && line > 0 ? line : undefined,
        authored: section.classList.contains("slide-content"),
        hasNotes: notes !== "" && !section.hasAttribute("data-no-notes"),
        overHeight: Math.max(0, body.scrollHeight - body.clientHeight),
        overWidth: Math.max(0, body.scrollWidth - body.clientWidth),
      };
    });
  });
}

/** A slide runs over when its content needs more than a pixel past its box (sub-pixel rounding aside). */
export function overflowError(job: Pick<PdfJob, "source" | "slug">, slides: readonly SlideReport[]): LayoutError | undefined {
  const over = slides.filter((s) => s.overHeight > 1 || s.overWidth > 1);
  if (!over.length) return undefined;
  const describe = (s: SlideReport): string => {
    const where = `slide ${s.number}${s.heading ? ` "${s.heading}"` : ""}${s.line ? ` (line ${s.line})` : ""}`;
    const parts: string[] = [];
    if (s.overHeight > 1) {
      const lines = Math.max(1, Math.round(s.overHeight / LINE_PX));
      parts.push(
        `runs ${Math.ceil(s.overHeight)} px too tall even in the smallest type (${SMALLEST_BODY_PX} px), about ${lines} line${lines === 1 ? "" : "s"} of text: ` +
          "cut words, or split it into two slides with a line holding only ---",
      );
    }
    if (s.overWidth > 1) parts.push(`runs ${Math.ceil(s.overWidth)} px too wide: shorten a long word, link or table row`);
    return `${where} ${parts.join("; it also ")}`;
  };
  if (over.length === 1) {
    return new LayoutError(`${job.source}: deck "${job.slug}": ${describe(over[0]!)}. Each slide must fit its 16:9 box (1280×720).`);
  }
  return new LayoutError(
    `${job.source}: deck "${job.slug}": ${over.length} slides do not fit their 16:9 box (1280×720):\n` + over.map((s) => `  - ${describe(s)}`).join("\n"),
  );
}

/** At least 80 % of the slides the author wrote must carry notes: the notes handout is made of them. */
export function notesError(job: Pick<PdfJob, "source" | "slug">, slides: readonly SlideReport[]): ContentError | undefined {
  const authored = slides.filter((s) => s.authored);
  if (!authored.length) return undefined;
  const withNotes = authored.filter((s) => s.hasNotes).length;
  if (withNotes / authored.length >= MIN_NOTES_SHARE) return undefined;
  const missing = authored.filter((s) => !s.hasNotes);
  const needed = Math.ceil(MIN_NOTES_SHARE * authored.length) - withNotes;
  return new ContentError(
    job.source,
    `deck "${job.slug}": only ${withNotes} of its ${authored.length} slides have speaker notes, and at least ${Math.round(MIN_NOTES_SHARE * 100)} % need them ` +
      `(notes for ${needed} more). Add a line holding only \`Note:\` and the notes after it to: ` +
      missing.map((s) => `slide ${s.number}${s.heading ? ` "${s.heading}"` : ""}${s.line ? ` (line ${s.line})` : ""}`).join(", ") +
      ".",
  );
}

function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
