/**
 * Filters the templates call. Templates read data; anything that computes lives here, with tests.
 */
import type { Reference } from "../content/schema.ts";
import { citedKeys } from "../markdown/citations.ts";

export interface Source {
  number: number;
  key: string;
  reference: Reference;
}

/** The sources a rendered document cites, numbered as its superscripts are. */
export function sourcesFor(html: string, references: Record<string, Reference>): Source[] {
  return citedKeys(html).flatMap((key, index) => {
    const reference = references[key];
    return reference ? [{ number: index + 1, key, reference }] : [];
  });
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * A web address as text that wraps only after a `/` or a `.` (a `<wbr>` there), never between two letters of a
 * word: "example.org/handouts/ov|erview/" is misread and mistyped. The `.url` style turns off the page's
 * break-anywhere rule for it; a part too long for its line alone may still break (overflow-wrap: break-word).
 */
export function breakableUrl(url: string): string {
  return `<span class="url">${escapeHtml(String(url)).replace(/([/.])(?=[^/.])/g, "$1<wbr>")}</span>`;
}

/** A reference as one line of HTML: authors. Title. Container. doi or link. */
export function referenceHtml(reference: Reference): string {
  const parts: string[] = [];
  // "Smith A, et al." already ends its sentence.
  if (reference.authors) parts.push(`${escapeHtml(reference.authors.replace(/\.$/, ""))}.`);
  // A title that ends in its own question or exclamation mark takes no full stop after it.
  parts.push(/[?!]$/.test(reference.title) ? escapeHtml(reference.title) : `${escapeHtml(reference.title.replace(/\.$/, ""))}.`);
  if (reference.container) parts.push(`<i>${escapeHtml(reference.container)}</i>.`);
  if (reference.doi) parts.push(`doi:${breakableUrl(reference.doi)}`);
  else if (reference.url) parts.push(`<a href="${escapeHtml(reference.url)}">${breakableUrl(reference.url.replace(/^https?:\/\//, ""))}</a>`);
  if (reference.note) parts.push(`(${escapeHtml(reference.note)})`);
  return parts.join(" ");
}

/**
 * `2026-11-15` → `November 15, 2026` (en-US), `15 November 2026` (en-GB): the month in words in the clinic's
 * locale, a date nobody misreads (01/03 is January in one country, March in another). Read as a calendar date,
 * so no time zone moves it a day.
 */
export function readableDate(iso: string, locale = "en-US", style: "long" | "medium" = "long"): string {
  // `medium` ("Nov 15, 2026", "15 nov 2026") keeps the month in words for the sheet's small print, where a long
  // Spanish date would push the version line onto a second line.
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}

export function absoluteUrl(url: string, baseUrl: string): string {
  return new URL(url.replace(/^\//, ""), baseUrl).href;
}

interface CollectionItem {
  url: string;
  data: { kind?: string; slug?: string; order?: number; title?: string; handouts?: unknown };
}

/** Documents of one kind, in navigation order. */
export function byKind<T extends CollectionItem>(items: readonly T[], kind: string): T[] {
  return items
    .filter((item) => item.data.kind === kind)
    .sort((a, b) => (a.data.order ?? 100) - (b.data.order ?? 100) || (a.data.title ?? "").localeCompare(b.data.title ?? ""));
}

/**
 * Documents of one kind in the order a reader should meet them: an explicit front-matter `order` first; then the
 * order the authors listed them in the pages' `handouts:` / `decks:` lists (pages in navigation order, so the home
 * page's list leads: overview first); then by title. Sorting by title alone put "…in the foot and ankle" first.
 */
export function inReadingOrder<T extends CollectionItem>(items: readonly T[], kind: "handout" | "deck"): T[] {
  const listed: string[] = [];
  for (const page of byKind(items, "page")) {
    const slugs = (page.data as Record<string, unknown>)[`${kind}s`];
    if (Array.isArray(slugs)) for (const slug of slugs) if (typeof slug === "string" && !listed.includes(slug)) listed.push(slug);
  }
  const rank = (item: T): number => {
    const at = listed.indexOf(item.data.slug ?? "");
    return at === -1 ? listed.length : at;
  };
  return items
    .filter((item) => item.data.kind === kind)
    .sort(
      (a, b) =>
        (a.data.order ?? Infinity) - (b.data.order ?? Infinity) || rank(a) - rank(b) || (a.data.title ?? "").localeCompare(b.data.title ?? ""),
    );
}

/** The site path a link points to, for comparing: no `../` or leading `/`, no `index.html`, no #fragment. */
function linkPath(href: string): string {
  return href.replace(/[#?].*$/, "").replace(/^(\.\.?\/)+|^\//, "").replace(/(^|\/)index\.html$/, "$1");
}

/**
 * Whether rendered HTML already links to every one of these addresses. A page whose own text lists all its
 * handouts does not print the same list again as cards (the home page listed them twice).
 */
export function linksToAll(html: string, targets: readonly (string | { url: string })[]): boolean {
  const hrefs = new Set([...String(html).matchAll(/href="([^"]*)"/g)].map((m) => linkPath(m[1] ?? "")));
  return targets.length > 0 && targets.every((target) => hrefs.has(linkPath(typeof target === "string" ? target : target.url)));
}

/** The documents of one kind named by slug in a page's list (`handouts:`), in its order, skipping unknown slugs. */
export function documentsNamed<T extends CollectionItem>(items: readonly T[], kind: string, slugs: readonly string[] | undefined): T[] {
  return (slugs ?? []).flatMap((slug) => findDocument(items, kind, slug) ?? []);
}

export function findDocument<T extends CollectionItem>(items: readonly T[], kind: string, slug: string): T | undefined {
  return items.find((item) => item.data.kind === kind && item.data.slug === slug);
}
