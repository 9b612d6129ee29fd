/**
 * Redirect pages for the addresses documents had before topics had their own (issue 14): `/handouts/<slug>/`,
 * `/slides/<slug>/` and `/<page-slug>/`. Printed sheets carry QR codes of the old addresses, so each keeps
 * working: a tiny static page that sends the browser on (meta refresh, no script, so the site's
 * Content-Security-Policy holds) and shows a plain link to the new address for anyone whose browser does not
 * follow. The link is page-relative, so it works from a copy of the site opened from disk too.
 *
 * Only a main-language document whose slug no other topic uses gets one (an old `/handouts/overview/` could mean
 * either topic's), and only where the old address is free: never over a page the site now has there (the site
 * home `/`, a topic's home, a library). Redirect pages are listed nowhere: not in sitemap.xml, not in search.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Content } from "../content/load-content.ts";
import { documentUrl, htmlPathFor, oldDocumentUrl, placeOf, topicHomeUrl, topicSourcesUrl, RESERVED_TOPICS } from "../content/urls.ts";
import { topicFolders } from "../content/topics.ts";
import { contentSecurityPolicy } from "./csp.ts";
import { absoluteUrl } from "./filters.ts";
import { relativeUrl } from "./relative-urls.ts";

export interface Redirect {
  /** The old address, like `/handouts/knee/`. */
  from: string;
  /** The document's address now, like `/bone-marrow-edema/handouts/knee/`. */
  to: string;
  title: string;
}

/** Marks a redirect page, so the search index and the checks pass over it. */
const MARKER = '<meta name="generator" content="redirect">';

/**
 * The redirects to write: every old address of a main-language document that is unambiguous and free. `taken`
 * holds the addresses the site now serves (every page the build wrote).
 */
export function oldAddressRedirects(content: Content, taken: ReadonlySet<string>): Redirect[] {
  const main = content.documents.filter((doc) => doc.lang === content.mainLang);
  const busy = new Set(taken);
  for (const doc of content.documents) busy.add(documentUrl(placeOf(doc, content.mainLang)));
  for (const topic of topicFolders(content.contentDir)) {
    busy.add(topicHomeUrl(topic));
    busy.add(topicSourcesUrl(topic));
  }
  // The site's own top-level addresses and every language prefix are never an old page's.
  for (const name of RESERVED_TOPICS) busy.add(`/${name}/`);
  for (const doc of content.documents) if (doc.lang !== content.mainLang) busy.add(`/${doc.lang}/`);
  const redirects: Redirect[] = [];
  for (const doc of main) {
    const from = oldDocumentUrl(doc.data.kind, doc.slug);
    if (!from || busy.has(from)) continue;
    const sameName = main.filter((other) => other.data.kind === doc.data.kind && other.slug === doc.slug);
    if (sameName.length > 1) continue;
    redirects.push({ from, to: documentUrl(placeOf(doc, content.mainLang)), title: doc.data.title });
  }
  return redirects.sort((a, b) => a.from.localeCompare(b.from));
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The redirect page written at `redirect.from`. */
export function redirectPageHtml(redirect: Redirect, baseUrl: string, lang: string): string {
  const relative = escapeHtml(relativeUrl(redirect.to, redirect.from));
  const title = escapeHtml(redirect.title);
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy("page")}">`,
    MARKER,
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${relative}">`,
    `<link rel="canonical" href="${escapeHtml(absoluteUrl(redirect.to, baseUrl))}">`,
    `<title>${title}</title>`,
    "</head>",
    `<body><main><p><a href="${relative}">${title}</a></p></main></body>`,
    "</html>",
    "",
  ].join("\n");
}

/** Whether a built HTML file is a redirect page (not a page of its own: left out of search and the checks). */
export function isRedirectPage(html: string): boolean {
  return html.includes(MARKER) && /<meta http-equiv="refresh"/.test(html);
}

/** Writes the redirect pages into the built site, never over a file that is already there. */
export function writeRedirectPages(outDir: string, redirects: readonly Redirect[], baseUrl: string, lang: string): Redirect[] {
  const written: Redirect[] = [];
  for (const redirect of redirects) {
    const file = path.join(outDir, htmlPathFor(redirect.from));
    if (existsSync(file)) continue;
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, redirectPageHtml(redirect, baseUrl, lang));
    written.push(redirect);
  }
  return written;
}
