/**
 * The files a static site needs beside its pages: the pages made without a content file (handout and deck
 * libraries, search, 404), sitemap.xml and robots.txt, and the path prefix the 404 page needs.
 */
import { absoluteUrl } from "./filters.ts";
import { deckExportPaths, deckPdfPaths, handoutPdfPaths, handoutThumbnailPath, htmlPathFor, type DocumentPlace } from "../content/urls.ts";

export interface SitePage {
  /** Where Eleventy believes the page lives, inside the content folder (no file is ever written there). */
  virtualPath: string;
  permalink: string;
  layout: string;
  title: string;
  summary: string;
  /** Which Content-Security-Policy the page gets (see csp.ts). */
  policy: "page" | "search";
  /** Listed in sitemap.xml and search results? The 404 and search pages are not. */
  listed: boolean;
}

/**
 * Written as Markdown paths so Eleventy accepts them with this project's template formats; their content is
 * empty and their layout does the work, reading the collections.
 */
export const SITE_PAGES: readonly SitePage[] = [
  {
    virtualPath: "_site-pages/handout-library.md",
    permalink: "/handouts/",
    layout: "handout-library.njk",
    title: "Handouts to print",
    summary: "Every one-page handout, with a preview, to read online or print in Letter, A4 or large print.",
    policy: "page",
    listed: true,
  },
  {
    virtualPath: "_site-pages/deck-library.md",
    permalink: "/slides/",
    layout: "deck-library.njk",
    title: "Slide decks for clinicians",
    summary: "Slide decks with speaker notes and references, to present from a browser or print as a PDF.",
    policy: "page",
    listed: true,
  },
  {
    virtualPath: "_site-pages/search.md",
    permalink: "/search/",
    layout: "search.njk",
    title: "Search",
    summary: "Search every page, handout and slide deck on this site.",
    policy: "search",
    listed: false,
  },
  {
    virtualPath: "_site-pages/not-found.md",
    permalink: "/404.html",
    layout: "not-found.njk",
    title: "Page not found",
    summary: "This page does not exist. Find what you need from the list of pages, the handouts or search.",
    policy: "page",
    listed: false,
  },
];

export const NOT_FOUND_URL = "/404.html";

/**
 * The path the site is served under, from its public address: `https://example.org/bme/` → `/bme/`. Every
 * page links page-relative, so it works under any path; only the 404 page, which a host serves at whatever
 * address was missing, must link from the site's root.
 */
export function pathPrefix(baseUrl: string): string {
  const pathname = new URL(baseUrl).pathname;
  return pathname.endsWith("/") ? pathname : `${pathname}/`;
}

/** `/assets/site.css` → `/bme/assets/site.css` for a site at `/bme/`; other URLs unchanged. */
export function prefixedUrl(url: string, prefix: string): string {
  if (!url.startsWith("/") || url.startsWith("//")) return url;
  return `${prefix}${url.slice(1)}`;
}

export interface SitemapEntry {
  url: string;
  /** YYYY-MM-DD: when the content was last reviewed. */
  lastmod?: string | undefined;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);

/** sitemap.xml (sitemaps.org 0.9): absolute URLs under the public base URL, sorted, each once. */
export function sitemapXml(entries: readonly SitemapEntry[], baseUrl: string): string {
  const unique = new Map(entries.map((entry) => [entry.url, entry]));
  const urls = [...unique.values()]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((entry) => {
      const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : "";
      return `  <url><loc>${escapeXml(absoluteUrl(entry.url, baseUrl))}</loc>${lastmod}</url>`;
    });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** robots.txt: everything may be indexed; the sitemap is named by its absolute URL, as the format requires. */
export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", baseUrl)}\n`;
}

/** The pages Eleventy wrote that belong in sitemap.xml: HTML pages, less the 404 and search pages. */
export function sitemapUrls(writtenUrls: readonly (string | false | undefined)[]): string[] {
  const unlisted = new Set(SITE_PAGES.filter((p) => !p.listed).map((p) => p.permalink));
  return writtenUrls.filter((url): url is string => typeof url === "string" && (url.endsWith("/") || url.endsWith(".html")) && !unlisted.has(url));
}

/**
 * Site-absolute URLs of a handout's files, for links (`{{ h.data.place | handoutFiles }}`, `place` being every
 * document's computed address parts); urls.ts decides the paths.
 */
export function handoutFiles(place: DocumentPlace): { letter: string; a4: string; largePrint: string; thumbnail: string } {
  const pdf = handoutPdfPaths(place);
  return { letter: `/${pdf.letter}`, a4: `/${pdf.a4}`, largePrint: `/${pdf.largePrint}`, thumbnail: `/${handoutThumbnailPath(place)}` };
}

/**
 * Site-absolute URLs of a deck's files (`{{ place | deckFiles }}`): the slides PDF, the slides-with-notes PDF, the
 * PowerPoint and the one-file deck.
 */
export function deckFiles(place: DocumentPlace): { slides: string; notes: string; pptx: string; singleFile: string } {
  const pdf = deckPdfPaths(place);
  const exports = deckExportPaths(place);
  return { slides: `/${pdf.slides}`, notes: `/${pdf.notes}`, pptx: `/${exports.pptx}`, singleFile: `/${exports.singleFile}` };
}

/** Output files of the pages kept out of search and sitemap.xml (the 404 and search pages), relative to output/. */
export function unlistedHtmlFiles(): Set<string> {
  return new Set(SITE_PAGES.filter((p) => !p.listed).map((p) => (p.permalink.endsWith("/") ? htmlPathFor(p.permalink) : p.permalink.slice(1))));
}
