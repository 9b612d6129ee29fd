/**
 * The files a static site needs beside its pages: the pages made without a content file (handout and deck
 * libraries, search, 404), sitemap.xml and robots.txt, and the path prefix the 404 page needs.
 */
import { absoluteUrl } from "./filters.ts";
import { deckExportPaths, deckPdfPaths, handoutPdfPaths, handoutThumbnailPath, htmlPathFor, type DocumentPlace } from "../content/urls.ts";
import { translate } from "../i18n/strings.ts";
import type { ContentDocument } from "../content/load-content.ts";

export interface SitePage {
  /** Where Eleventy believes the page lives, inside the content folder (no file is ever written there). */
  virtualPath: string;
  permalink: string;
  layout: string;
  title: string;
  summary: string;
  /** The page's language: its words come from templates/i18n/<lang>.yaml. */
  lang: string;
  /** Which Content-Security-Policy the page gets (see csp.ts). */
  policy: "page" | "library" | "search";
  /** Listed in sitemap.xml and search results? The 404 and search pages are not. */
  listed: boolean;
}

interface SitePageKind {
  name: string;
  path: string;
  layout: string;
  /** Under templates/i18n/<lang>.yaml `pages.<key>`: its title and summary. */
  key: string;
  policy: SitePage["policy"];
  listed: boolean;
  /** Made in every language that has documents, or in the main language only. */
  everyLanguage: boolean;
}

const KINDS: readonly SitePageKind[] = [
  { name: "handout-library", path: "handouts/", layout: "handout-library.njk", key: "handouts", policy: "library", listed: true, everyLanguage: false },
  { name: "deck-library", path: "slides/", layout: "deck-library.njk", key: "slides", policy: "library", listed: true, everyLanguage: false },
  // Pagefind indexes each page under its <html lang>, and a search page searches its own language's index.
  { name: "search", path: "search/", layout: "search.njk", key: "search", policy: "search", listed: false, everyLanguage: true },
  // One 404 (a host serves one file at any missing address), in the main language, saying it in every other one.
  { name: "not-found", path: "404.html", layout: "not-found.njk", key: "notFound", policy: "page", listed: false, everyLanguage: false },
];

/** A site page's address in a language: the main language unprefixed, another under `/<lang>/`. */
export function languageUrl(sitePath: string, lang: string, main: string): string {
  return lang === main ? `/${sitePath}` : `/${lang}/${sitePath}`;
}

/**
 * The pages made without a content file, in the main language and (search) in each other language with
 * documents. Written as Markdown paths so Eleventy accepts them with this project's template formats; their
 * content is empty and their layout does the work, reading the collections.
 */
export function sitePages(main: string, languages: readonly string[] = [main], strings: (key: string, lang: string) => string = translate): SitePage[] {
  const others = [...new Set(languages)].filter((lang) => lang !== main).sort();
  return KINDS.flatMap((kind) =>
    [main, ...(kind.everyLanguage ? others : [])].map((lang) => ({
      virtualPath: lang === main ? `_site-pages/${kind.name}.md` : `_site-pages/${kind.name}.${lang}.md`,
      permalink: languageUrl(kind.path, lang, main),
      layout: kind.layout,
      title: strings(`pages.${kind.key}.title`, lang),
      summary: strings(`pages.${kind.key}.summary`, lang),
      lang,
      policy: kind.policy,
      listed: kind.listed,
    })),
  );
}

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

/** One page's language versions, for sitemap.xml: each language's address, and the main-language source's. */
export interface Alternates {
  languages: { lang: string; url: string }[];
  /** The source document's address: `x-default`, for readers of any other language. */
  fallback: string;
}

/**
 * sitemap.xml (sitemaps.org 0.9): absolute URLs under the public base URL, sorted, each once. A page with
 * translations lists every language version (its own included) and the source as `x-default`, as xhtml:link
 * alternates, so search engines offer each reader their language.
 */
export function sitemapXml(entries: readonly SitemapEntry[], baseUrl: string, alternates: ReadonlyMap<string, Alternates> = new Map()): string {
  const unique = new Map(entries.map((entry) => [entry.url, entry]));
  const link = (lang: string, url: string): string => `<xhtml:link rel="alternate" hreflang="${escapeXml(lang)}" href="${escapeXml(absoluteUrl(url, baseUrl))}"/>`;
  const urls = [...unique.values()]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map((entry) => {
      const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : "";
      const versions = alternates.get(entry.url);
      const links = versions ? [...versions.languages.map((v) => link(v.lang, v.url)), link("x-default", versions.fallback)].join("") : "";
      return `  <url><loc>${escapeXml(absoluteUrl(entry.url, baseUrl))}</loc>${lastmod}${links}</url>`;
    });
  const xhtml = alternates.size ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${xhtml}>\n${urls.join("\n")}\n</urlset>\n`;
}

/**
 * Each translated document's language versions, by the address of every version: a translation names its source
 * (`translationOf`, same topic and kind); documents without `lang` are in the main language.
 */
export function translationAlternates(documents: readonly ContentDocument[], mainLang: string, urlOf: (doc: ContentDocument) => string | undefined): Map<string, Alternates> {
  const groups = new Map<string, ContentDocument[]>();
  for (const doc of documents) {
    const key = `${doc.topic}/${doc.data.kind}/${doc.data.translationOf ?? doc.slug}`;
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  const byUrl = new Map<string, Alternates>();
  for (const group of groups.values()) {
    const source = group.find((doc) => doc.data.translationOf === undefined);
    if (!source || group.length < 2) continue;
    const fallback = urlOf(source);
    const languages = group.flatMap((doc) => {
      const url = urlOf(doc);
      return url ? [{ lang: doc.data.lang ?? mainLang, url }] : [];
    });
    if (!fallback) continue;
    const versions = { languages, fallback };
    for (const { url } of languages) byUrl.set(url, versions);
  }
  return byUrl;
}

/** robots.txt: everything may be indexed; the sitemap is named by its absolute URL, as the format requires. */
export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl("/sitemap.xml", baseUrl)}\n`;
}

/**
 * The 404 and search pages, in any language (`/search/`, `/es/search/`): never in sitemap.xml or search results.
 * A language tag is never a topic's folder name (reserved), so `/<tag>/search/` is always a search page.
 */
const UNLISTED = /^\/(?:[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\/)?(?:search\/|404\.html)$/;
export const isUnlistedUrl = (url: string): boolean => UNLISTED.test(url);

/** The pages Eleventy wrote that belong in sitemap.xml: HTML pages, less the 404 and search pages. */
export function sitemapUrls(writtenUrls: readonly (string | false | undefined)[]): string[] {
  return writtenUrls.filter((url): url is string => typeof url === "string" && (url.endsWith("/") || url.endsWith(".html")) && !isUnlistedUrl(url));
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

/** Output files of the pages kept out of search and sitemap.xml (the 404 and search pages, in every language), relative to output/. */
export function unlistedHtmlFiles(): Pick<ReadonlySet<string>, "has"> {
  return { has: (file: string) => isUnlistedUrl(`/${file.replace(/(^|\/)index\.html$/, "$1")}`) };
}
