/**
 * Where each document and file lands in output/, decided in this one place, so Eleventy's permalinks, the
 * manifest, the PDF renderer, the sitemap, the checks and the old-address redirect pages always agree.
 *
 * The scheme (README, "Stable URLs"): the site's main language is unprefixed, any other language is prefixed
 * with `/<lang>/`.
 *
 *   /<topic>/                      the topic's home (its page `index`, or a generated one)
 *   /<topic>/<page>/               a page
 *   /<topic>/handouts/<slug>/      a handout, with <slug>.letter.pdf, .a4.pdf, .large.pdf, .thumb.png, print.css
 *   /<topic>/slides/<slug>/        a deck, with <slug>.pdf, .notes.pdf, .pptx, .single.html, print.html
 *   /sources/<topic>/              the topic's sources page
 *   /handouts/, /slides/, /search/ the libraries and the search page; `/` the generated site home
 */
import type { Kind } from "./schema.ts";

/** A document's address parts: topic, kind, slug, and its language only when that is not the site's main one. */
export interface DocumentPlace {
  topic: string;
  kind: Kind;
  slug: string;
  /** Set only for a language other than the site's main language: its addresses are prefixed with `/<lang>/`. */
  lang?: string | undefined;
}

/** Top-level names the site itself uses: a topic folder may not take one. */
export const RESERVED_TOPICS: readonly string[] = ["handouts", "slides", "sources", "search", "assets", "pagefind"];
/** Page slugs that would hide a topic's handouts or slides folder, or read as the sources page. */
export const RESERVED_PAGE_SLUGS: readonly string[] = ["handouts", "slides", "sources"];
/** A language tag's first part (`es`, `fil`): a topic named like one would read as a language prefix. */
export const LANGUAGE_LIKE = /^[a-z]{2,3}$/;

/** Why a topic folder name cannot be used, or undefined when it can. */
export function reservedTopicProblem(topic: string): string | undefined {
  if (RESERVED_TOPICS.includes(topic)) return `the topic folder name \`${topic}\` is taken by the site's own /${topic}/ address: rename the folder (for example \`${topic}-topic\`)`;
  if (LANGUAGE_LIKE.test(topic)) return `the topic folder name \`${topic}\` has 2 or 3 letters, which the site keeps for language prefixes like /es/: use a longer name`;
  return undefined;
}

/** Why a page slug cannot be used, or undefined when it can. */
export function reservedPageProblem(slug: string): string | undefined {
  if (RESERVED_PAGE_SLUGS.includes(slug)) return `the page name \`${slug}\` is taken by the topic's /<topic>/${slug}/ address: rename the file`;
  return undefined;
}

/** The site's main language (en-US → en), defined once in src/i18n/locale.ts. */
export { mainLanguage } from "../i18n/locale.ts";

/** The place of a document, given its real language and the site's main language. */
export function placeOf(doc: { topic: string; slug: string; lang: string; data: { kind: Kind } }, mainLang: string): DocumentPlace {
  return { topic: doc.topic, kind: doc.data.kind, slug: doc.slug, lang: doc.lang === mainLang ? undefined : doc.lang };
}

/** `/es` for Spanish on an English site, `` for the main language. */
export function languagePrefix(lang: string | undefined): string {
  return lang ? `/${lang}` : "";
}

export function documentUrl(place: DocumentPlace): string {
  const { topic, kind, slug } = place;
  const prefix = languagePrefix(place.lang);
  if (kind === "page") return slug === "index" ? `${prefix}/${topic}/` : `${prefix}/${topic}/${slug}/`;
  if (kind === "handout") return `${prefix}/${topic}/handouts/${slug}/`;
  return `${prefix}/${topic}/slides/${slug}/`;
}

/** A topic's home page. */
export function topicHomeUrl(topic: string, lang?: string): string {
  return `${languagePrefix(lang)}/${topic}/`;
}

/** parts-print: a topic's sources page, every reference of the topic with the documents that cite it. */
export function topicSourcesUrl(topic: string, lang?: string): string {
  return `${languagePrefix(lang)}/sources/${topic}/`;
}

/**
 * Where a main-language document lived before topics had their own addresses (issue 14). Printed QR codes point
 * there, so the build writes a redirect page at each one that is still free (src/eleventy/redirects.ts). The old
 * home page (`/`) is not one: the generated site home lives there now.
 */
export function oldDocumentUrl(kind: Kind, slug: string): string | undefined {
  if (kind === "page") return slug === "index" ? undefined : `/${slug}/`;
  return kind === "handout" ? `/handouts/${slug}/` : `/slides/${slug}/`;
}

/** The HTML file for a URL, relative to output/. */
export function htmlPathFor(url: string): string {
  return `${url.replace(/^\//, "")}index.html`;
}

/** The document's folder, relative to output/: every file of a handout or deck sits beside its page. */
function folderOf(place: DocumentPlace): string {
  return documentUrl(place).replace(/^\//, "");
}

export function handoutPdfPaths(place: DocumentPlace): { letter: string; a4: string; largePrint: string } {
  const folder = folderOf(place);
  return {
    letter: `${folder}${place.slug}.letter.pdf`,
    a4: `${folder}${place.slug}.a4.pdf`,
    // Large print comes in the clinic's own paper size only: it is printed on request, in the clinic.
    largePrint: `${folder}${place.slug}.large.pdf`,
  };
}

/** A small picture of the printed page, for the handout library. */
export function handoutThumbnailPath(place: DocumentPlace): string {
  return `${folderOf(place)}${place.slug}.thumb.png`;
}

/** parts-print: the handout's own print stylesheet (paper size and fitted type step), beside its page. */
export function handoutPrintStylePath(place: DocumentPlace): string {
  return `${folderOf(place)}print.css`;
}

/**
 * What a deck is also made into besides its page and PDFs: an editable PowerPoint with the speaker notes, and the
 * whole deck in one HTML file that opens from a USB stick with nothing else.
 */
export function deckExportPaths(place: DocumentPlace): { pptx: string; singleFile: string } {
  const folder = folderOf(place);
  return { pptx: `${folder}${place.slug}.pptx`, singleFile: `${folder}${place.slug}.single.html` };
}

/**
 * The deck's static print page (src/eleventy/deck-print-page.ts), beside the deck's own page: both deck PDFs
 * print from it, and a browser prints 16:9 pages from it.
 */
export function deckPrintPath(place: DocumentPlace): string {
  return `${folderOf(place)}${DECK_PRINT_PAGE}`;
}
export const DECK_PRINT_PAGE = "print.html";

/** Whether an output file (relative to output/) is a deck's print page: a second copy of the deck's slides. */
export function isDeckPrintPage(file: string): boolean {
  return /(?:^|\/)slides\/[^/]+\/print\.html$/.test(file);
}

/** The 16:9 slides, and the slides-with-notes handout in the clinic's paper size. */
export function deckPdfPaths(place: DocumentPlace): { slides: string; notes: string } {
  const folder = folderOf(place);
  return { slides: `${folder}${place.slug}.pdf`, notes: `${folder}${place.slug}.notes.pdf` };
}

/** The site home, in the main language (`/`) or another (`/es/`). */
export function siteHomeUrl(lang?: string): string {
  return lang ? `/${lang}/` : "/";
}

