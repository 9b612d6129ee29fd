/**
 * The deck's static print page, `<topic>/slides/<slug>/print.html`, written beside the deck's own page at the end of the
 * Eleventy build. The PDF renderer prints both deck PDFs from it (src/pdf/print-deck.ts), and a presenter can
 * open it and print 16:9 pages from any browser: no reveal.js runs on it.
 *
 * It is made from the deck's built page rather than from a second template, so it always holds exactly the
 * slides the presentation shows (title slide, the author's slides, handouts and references slides, whatever
 * deck.njk puts there) with the same stylesheets. Each slide sits in a fixed 1280×720 page box as reveal.js's own
 * print layout would place it (reveal.css's print rules apply through the `reveal-print` class), so the PDFs look
 * as they did when reveal.js laid them out. templates/assets/deck-print.js sets long slides a step smaller, moves
 * references that do not fit onto "continued" slides, and builds the slides-with-notes layout (`?notes`).
 *
 * It sits in the deck's folder (deckPrintPath) so every relative address in the deck's markup stays right as it is.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { deckPrintPath, documentUrl, htmlPathFor, type DocumentPlace } from "../content/urls.ts";

/** Writes the print page of every deck whose page Eleventy wrote into `outputDir`. */
export function writeDeckPrintPages(outputDir: string, decks: readonly DocumentPlace[]): void {
  for (const place of decks) {
    const file = htmlPathFor(documentUrl(place));
    if (!existsSync(path.join(outputDir, file))) continue;
    writeFileSync(path.join(outputDir, deckPrintPath(place)), deckPrintPageHtml(readFileSync(path.join(outputDir, file), "utf8"), file));
  }
}

/** The print page for one deck's built HTML. `file` names the deck in the error a template change would cause. */
export function deckPrintPageHtml(deckHtml: string, file: string): string {
  const head = between(deckHtml, "<head>", "</head>", file);
  const lang = /<html\b[^>]*\blang="([^"]*)"/.exec(deckHtml)?.[1] ?? "en";
  const keep = [
    /<meta charset="[^"]*">/,
    /<meta http-equiv="Content-Security-Policy"[^>]*>/,
    /<title>[\s\S]*?<\/title>/,
    /<meta name="author"[^>]*>/,
    /<link rel="icon"[^>]*>/,
    // The deck's own address: this page is a second copy of its slides, not a page of its own.
    /<link rel="canonical"[^>]*>/,
    // The words deck-layout.js and deck-print.js print, in the deck's language (a JSON data block, no script).
    /<script type="application\/json" id="interface-strings">[\s\S]*?<\/script>/,
  ].flatMap((pattern) => pattern.exec(head)?.[0] ?? []);
  // Any attribute order: the deck's template may gain attributes or stylesheets without breaking this page.
  const stylesheets = [...head.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  const deckCss = stylesheets.find((link) => /\bhref="[^"]*\bdeck\.css"/.test(link));
  const deckJs = /<script\b[^>]*\bsrc="([^"]*\/)?deck\.js"[^>]*><\/script>/.exec(deckHtml);
  if (!deckCss || !deckJs) throw new Error(`${file}: the deck page has no deck.css or deck.js; templates/layouts/deck.njk and ${import.meta.filename} disagree`);
  const assets = deckJs[1] ?? "";
  const slides = slidesOf(deckHtml, file);
  return [
    "<!doctype html>",
    // reveal-print and print-pdf: the classes reveal.js sets for its print layout, whose rules in reveal.css this
    // page reuses so the slides print exactly as before.
    `<html lang="${lang}" class="deck-doc deck-print-doc reveal-print print-pdf">`,
    "<head>",
    ...keep,
    '<meta name="viewport" content="width=1280">',
    ...stylesheets,
    `<link rel="stylesheet" href="${assets}deck-print.css">`,
    // The slide fitting shared with the presentation first; deferred scripts run in order.
    `<script src="${assets}deck-layout.js" defer></script>`,
    `<script src="${assets}deck-print.js" defer></script>`,
    "</head>",
    '<body class="reveal-viewport">',
    '<main class="deck-main">',
    '<div class="reveal">',
    '<div class="slides">',
    ...slides.map((section, index) => `<div class="pdf-page">${section}<div class="slide-number slide-number-pdf">${index + 1}</div></div>`),
    "</div>",
    "</div>",
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function between(html: string, start: string, end: string, file: string): string {
  const from = html.indexOf(start);
  const to = html.indexOf(end, from);
  if (from === -1 || to === -1) throw new Error(`${file}: no ${start}…${end} in the deck page`);
  return html.slice(from + start.length, to);
}

/**
 * The deck's top-level `<section>` elements, in order, as written. Slides never nest (decks have no vertical
 * stacks), and a slide's text is escaped, so counting section tags finds where each slide ends.
 */
export function slidesOf(deckHtml: string, file: string): string[] {
  const start = deckHtml.indexOf('<div class="slides">');
  if (start === -1) throw new Error(`${file}: no <div class="slides"> in the deck page`);
  const sections: string[] = [];
  const tag = /<(\/?)section\b[^>]*>|<\/main>/g;
  tag.lastIndex = start;
  let depth = 0;
  let open = -1;
  for (let match = tag.exec(deckHtml); match; match = tag.exec(deckHtml)) {
    if (match[0] === "</main>") break;
    if (!match[1]) {
      if (depth++ === 0) open = match.index;
    } else if (--depth === 0) {
      sections.push(deckHtml.slice(open, match.index + match[0].length));
    }
  }
  if (!sections.length || depth !== 0) throw new Error(`${file}: the deck page's slides could not be read (unbalanced <section> tags)`);
  return sections;
}
