/**
 * Where each kind of document lands in output/. One place decides it, so Eleventy's permalinks, the manifest
 * and the PDF renderer always agree.
 */
import type { Kind } from "./schema.ts";

/**
 * A topic's `index` page is its topic home (`/<topic>/`); `/` is the generated site home. Without a topic (callers
 * that have none yet) an index page keeps the old address.
 */
export function documentUrl(kind: Kind, slug: string, topic?: string): string {
  if (kind === "page" && slug === "index") return topic ? topicHomeUrl(topic) : "/";
  if (kind === "page") return `/${slug}/`;
  if (kind === "handout") return `/handouts/${slug}/`;
  return `/slides/${slug}/`;
}

/** The HTML file for a URL, relative to output/. */
export function htmlPathFor(url: string): string {
  return `${url.replace(/^\//, "")}index.html`;
}

export function handoutPdfPaths(slug: string): { letter: string; a4: string; largePrint: string } {
  return {
    letter: `handouts/${slug}/${slug}.letter.pdf`,
    a4: `handouts/${slug}/${slug}.a4.pdf`,
    // Large print comes in the clinic's own paper size only: it is printed on request, in the clinic.
    largePrint: `handouts/${slug}/${slug}.large.pdf`,
  };
}

/** A small picture of the printed page, for the handout library. */
export function handoutThumbnailPath(slug: string): string {
  return `handouts/${slug}/${slug}.thumb.png`;
}

/**
 * What a deck is also made into besides its page and PDFs: an editable PowerPoint with the speaker notes, and the
 * whole deck in one HTML file that opens from a USB stick with nothing else.
 */
export function deckExportPaths(slug: string): { pptx: string; singleFile: string } {
  return { pptx: `slides/${slug}/${slug}.pptx`, singleFile: `slides/${slug}/${slug}.single.html` };
}

/**
 * The deck's static print page (src/eleventy/deck-print-page.ts), beside the deck's own page: both deck PDFs
 * print from it, and a browser prints 16:9 pages from it.
 */
export function deckPrintPath(slug: string): string {
  return `slides/${slug}/${DECK_PRINT_PAGE}`;
}
export const DECK_PRINT_PAGE = "print.html";

/** Whether an output file (relative to output/) is a deck's print page: a second copy of the deck's slides. */
export function isDeckPrintPage(file: string): boolean {
  return /^slides\/[^/]+\/print\.html$/.test(file);
}

/** The 16:9 slides, and the slides-with-notes handout in the clinic's paper size. */
export function deckPdfPaths(slug: string): { slides: string; notes: string } {
  return { slides: `slides/${slug}/${slug}.pdf`, notes: `slides/${slug}/${slug}.notes.pdf` };
}

/** parts-print: a topic's sources page, every reference of the topic with the documents that cite it. */
export function topicSourcesUrl(topic: string): string {
  return `/sources/${topic}/`;
}

/** The site home, in the main language (`/`) or another (`/es/`). */
export function siteHomeUrl(lang?: string): string {
  return lang ? `/${lang}/` : "/";
}

/** A topic's home: its `index` page, or the page made from its topic.yaml. */
export function topicHomeUrl(topic: string): string {
  return `/${topic}/`;
}
