/**
 * Where each kind of document lands in output/. One place decides it, so Eleventy's permalinks, the manifest
 * and the PDF renderer always agree.
 */
import type { Kind } from "./schema.ts";

export function documentUrl(kind: Kind, slug: string): string {
  if (kind === "page") return slug === "index" ? "/" : `/${slug}/`;
  if (kind === "handout") return `/handouts/${slug}/`;
  return `/slides/${slug}/`;
}

/** The HTML file for a URL, relative to output/. */
export function htmlPathFor(url: string): string {
  return `${url.replace(/^\//, "")}index.html`;
}

export function handoutPdfPaths(slug: string): { letter: string; a4: string } {
  return { letter: `handouts/${slug}/${slug}.letter.pdf`, a4: `handouts/${slug}/${slug}.a4.pdf` };
}

export function deckPdfPaths(slug: string): { slides: string } {
  return { slides: `slides/${slug}/${slug}.pdf` };
}
