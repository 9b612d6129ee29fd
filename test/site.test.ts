/**
 * The microsite as patients, hosts and checkers meet it: the shipped content, built with its PDFs and served over
 * HTTP under a sub-path (as a static host would), every HTML file loaded in real Chromium and checked for
 * requests, console errors, links and accessibility (axe-core), and the whole folder checked by the W3C Nu
 * validator. Then search, the 404 page, sitemap.xml, the speaker view under the deck's policy, and the live-reload
 * dev server.
 */
import { translate } from "../src/i18n/strings.ts";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { contentSecurityPolicy, cookTemplateLiteral, inlineHashes, revealNotesHashes } from "../src/eleventy/csp.ts";
import { pageNeighbours } from "../src/eleventy/navigation.ts";
import { pathPrefix, prefixedUrl, robotsTxt, sitemapUrls, sitemapXml } from "../src/eleventy/site-files.ts";
import type { Manifest } from "../src/eleventy/manifest.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { isDeckPrintPage } from "../src/content/urls.ts";
import { isRedirectPage } from "../src/eleventy/redirects.ts";
import { CHROMIUM_ARGS } from "../src/pdf/launch-browser.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { chromiumProcesses } from "./helpers/processes.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";
import { pdfText } from "./helpers/pdf.ts";
import { PDFDocument } from "pdf-lib";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);

/** The shipped topic's warning signs, as its data file holds them. */
function shippedRedFlags(): { id: string; level: string; text: string; cite: string[] }[] {
  return yaml.load(readFileSync(path.join(repoRoot, "content/bone-marrow-edema/_data/red-flags.yaml"), "utf8")) as { id: string; level: string; text: string; cite: string[] }[];
}

/** An HTML fragment's text as a reader sees it: tags gone, entities decoded, spaces collapsed. */
function pageText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " })[e] ?? "")
    .replace(/\s+/g, " ");
}
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const vnuJar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
const hasJava = spawnSync("java", ["-version"]).status === 0;

// Served under a sub-path, with the public address under the same path, as a clinic's host might.
const PREFIX = "/bme/";
const BASE_URL = `https://bme.example.org${PREFIX}`;

interface Visit {
  file: string;
  url: string;
  offOrigin: string[];
  failed: string[];
  consoleErrors: string[];
  /** Every URL the page links to or loads: a/link href, img/script/iframe src, form action. */
  links: string[];
  canonical: string | null;
  violations: string[];
  /** How far the page is wider than a 360 px screen (0 when it fits). */
  overflow360: number;
}

let dir: string;
let out: string;
let manifest: Manifest;
let server: StaticServer;
let browser: Browser;
const visits: Visit[] = [];

/**
 * The site's pages. A deck's one-file edition (`<slug>.single.html`) is a download with its scripts written in and
 * its canonical address the deck's page, not a page of the site; test/deck-exports.test.ts checks it. An old
 * address's redirect page is not a page either (test/topics.test.ts checks those).
 */
function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".html") && !file.endsWith(".single.html") && !isRedirectPage(readFileSync(path.join(root, file), "utf8")))
    .sort();
}

async function visit(file: string): Promise<Visit> {
  const url = server.url + file.replace(/(^|\/)index\.html$/, "$1");
  const page = await browser.newPage();
  const result: Visit = { file, url, offOrigin: [], failed: [], consoleErrors: [], links: [], canonical: null, violations: [], overflow360: 0 };
  watch(page, result);
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: "networkidle0" });
    result.links = await page.$$eval("a[href], link[href], img[src], script[src], iframe[src], form[action]", (elements) =>
      elements.map((el) => (el as HTMLAnchorElement).href || (el as HTMLImageElement).src || (el as HTMLFormElement).action),
    );
    result.canonical = await page.$eval('link[rel="canonical"]', (el) => (el as HTMLLinkElement).href).catch(() => null);
    result.violations = await axeViolations(page);
    await page.setViewport({ width: 360, height: 800 });
    result.overflow360 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  } finally {
    await page.close();
  }
  return result;
}

function watch(page: Page, into: Pick<Visit, "offOrigin" | "failed" | "consoleErrors">): void {
  page.on("request", (request) => {
    const requested = request.url();
    if (!/^(data|blob):/.test(requested) && new URL(requested).origin !== server.origin) into.offOrigin.push(requested);
  });
  page.on("requestfailed", (request) => into.failed.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on("response", (response) => {
    if (response.status() >= 400) into.failed.push(`${response.url()} (HTTP ${response.status()})`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") into.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => into.consoleErrors.push(String(error)));
}

/** axe-core's WCAG 2.0–2.2 A/AA rules and its best practices, run in the page (DevTools evaluation ignores the page's CSP). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

/** Problems by page, for a failure message that names each page. */
const byPage = (pick: (visit: Visit) => string[]): Record<string, string[]> =>
  Object.fromEntries(visits.map((v) => [v.file, pick(v)] as const).filter(([, problems]) => problems.length > 0));

/** The built file an address on this site points at, or undefined for an address outside it. */
function fileFor(address: string): string | undefined {
  const parsed = new URL(address);
  let pathname: string;
  if (`${parsed.origin}${parsed.pathname}`.startsWith(server.url)) pathname = parsed.pathname.slice(PREFIX.length);
  else if (`${parsed.origin}${parsed.pathname}`.startsWith(BASE_URL)) pathname = parsed.pathname.slice(new URL(BASE_URL).pathname.length);
  else return undefined;
  pathname = decodeURIComponent(pathname);
  return pathname === "" || pathname.endsWith("/") ? `${pathname}index.html` : pathname;
}

const idsIn = new Map<string, Set<string>>();
function hasId(file: string, id: string): boolean {
  if (!idsIn.has(file)) idsIn.set(file, new Set([...readFileSync(path.join(out, file), "utf8").matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? "")));
  return idsIn.get(file)?.has(id) ?? false;
}

describe("the Content-Security-Policy", () => {
  it("lets ordinary pages and handouts run no script, and the search page run Pagefind's WebAssembly", () => {
    expect(contentSecurityPolicy("page")).toContain("script-src 'none'");
    expect(contentSecurityPolicy("handout")).toContain("script-src 'none'");
    expect(contentSecurityPolicy("search")).toContain("script-src 'self' 'wasm-unsafe-eval'");
    for (const kind of ["page", "handout", "search", "deck"] as const) {
      const policy = contentSecurityPolicy(kind);
      expect(policy).toMatch(/^default-src 'none'; /);
      expect(policy).not.toContain("unsafe-inline");
      expect(policy).not.toMatch(/https?:|\*/);
    }
  });

  it("allows the dev server's live-reload script from the same origin, only in dev mode", () => {
    expect(contentSecurityPolicy("page", { dev: true })).toContain("script-src 'self'; connect-src 'self'");
    expect(contentSecurityPolicy("page")).not.toContain("connect-src");
  });

  it("lists the hashes of the inline script, style and style attributes a deck's speaker view writes", () => {
    const inline = inlineHashes(`<style>p{}</style><div style="display: none"></div><script>alert('Hello, world.');</script>`);
    // The example from the CSP specification.
    expect(inline.scripts).toEqual(["'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"]);
    const policy = contentSecurityPolicy("deck", { inline });
    expect(policy).toContain(`script-src 'self' ${inline.scripts[0]}`);
    expect(policy).toContain(`style-src 'self' ${inline.styles[0]} 'unsafe-hashes' ${inline.styleAttributes[0]}`);
  });

  it("finds reveal.js's speaker view page in the shipped notes plugin: one script, one stylesheet", () => {
    const found = revealNotesHashes();
    expect(found.scripts).toHaveLength(1);
    expect(found.styles).toHaveLength(1);
  });

  it("reads a JavaScript template literal's escapes as the browser will", () => {
    expect(cookTemplateLiteral("<\\/script>\\x3Cp\\u{263A}\\`\\\\")).toBe("</script><p\u263A`\\");
  });
});

describe("sitemap.xml, robots.txt, the path prefix and the reading order", () => {
  it("writes absolute, escaped, sorted, unique addresses with review dates", () => {
    const xml = sitemapXml(
      [
        { url: "/b/", lastmod: "2026-11-15" },
        { url: "/a&b/" },
        { url: "/b/", lastmod: "2026-11-15" },
      ],
      "https://example.org/bme/",
    );
    expect([...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual(["https://example.org/bme/a&amp;b/", "https://example.org/bme/b/"]);
    expect(xml).toContain("<lastmod>2026-11-15</lastmod>");
    expect(robotsTxt("https://example.org/bme/")).toContain("Sitemap: https://example.org/bme/sitemap.xml");
  });

  it("keeps the 404 and search pages, and anything that is not a page, out of the sitemap", () => {
    expect(sitemapUrls(["/", "/404.html", "/search/", "/handouts/", "/assets/site.css", false, undefined])).toEqual(["/", "/handouts/"]);
  });

  it("roots the 404 page's links at the site's path", () => {
    expect(pathPrefix("https://example.org/clinic/bme")).toBe("/clinic/bme/");
    expect(pathPrefix("https://example.org/")).toBe("/");
    expect(prefixedUrl("/assets/site.css", "/clinic/bme/")).toBe("/clinic/bme/assets/site.css");
    expect(prefixedUrl("#main", "/clinic/bme/")).toBe("#main");
    expect(prefixedUrl("https://example.org/x", "/clinic/bme/")).toBe("https://example.org/x");
  });

  it("gives each page the pages before and after it in navigation order", () => {
    const page = (slug: string, order: number) => ({ url: `/${slug}/`, data: { kind: "page", slug, order, title: slug } });
    const items = [page("c", 30), { url: "/handouts/h/", data: { kind: "handout", slug: "h" } }, page("a", 10), page("b", 20)];
    expect(pageNeighbours(items, "/b/")).toEqual({ previous: page("a", 10), next: page("c", 30) });
    expect(pageNeighbours(items, "/a/").previous).toBeUndefined();
    expect(pageNeighbours(items, "/handouts/h/")).toEqual({});
  });
});

describe("the built microsite, served under a sub-path", () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "handouts-site-"));
    out = path.join(dir, "output");
    const content = path.join(dir, "content");
    cpSync(path.join(repoRoot, "content"), content, { recursive: true });
    const clinicFile = path.join(content, "_data", "clinic.json");
    // A UK clinic's emergency number: nothing may still say 911 (parts-print).
    writeFileSync(clinicFile, JSON.stringify({ ...JSON.parse(readFileSync(clinicFile, "utf8")), baseUrl: BASE_URL, emergencyNumber: "999" }, null, 2));
    await build({ root: repoRoot, contentDir: content, outDir: out });
    manifest = JSON.parse(readFileSync(path.join(out, "manifest.json"), "utf8")) as Manifest;
    server = await serveFolder(out, PREFIX);
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
    const files = htmlFiles(out);
    // A few pages at a time: the crawl is most of this file's running time.
    for (let i = 0; i < files.length; i += 4) visits.push(...(await Promise.all(files.slice(i, i + 4).map((file) => visit(file)))));
  }, 600_000); // a build with every PDF, then every page in Chromium: minutes on a busy machine

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("builds every page, handout, deck and site page as HTML", () => {
    const files = visits.map((v) => v.file);
    for (const artifact of manifest.artifacts) expect(files).toContain(artifact.html);
    expect(files).toEqual(expect.arrayContaining(["404.html", "handouts/index.html", "slides/index.html", "search/index.html"]));
  });

  it("makes no request off the site's origin from any page", () => {
    expect(byPage((v) => v.offOrigin)).toEqual({});
  });

  it("loads every page with no failed request and no console error", () => {
    expect(byPage((v) => [...v.failed, ...v.consoleErrors])).toEqual({});
  });

  it("has no broken internal link: every linked file exists, and every #fragment names an element", () => {
    const broken = byPage((v) =>
      v.links.flatMap((link) => {
        if (!/^https?:/.test(link)) return []; // tel:, mailto:
        const parsed = new URL(link);
        if (parsed.origin === server.origin && !parsed.pathname.startsWith(PREFIX)) return [`${link} (outside the site's path)`];
        const file = fileFor(link);
        if (!file) return [];
        if (!existsSync(path.join(out, file))) return [`${link} (no ${file})`];
        // `#/3` is a reveal.js slide address, not an element.
        const id = decodeURIComponent(parsed.hash.slice(1));
        return id && !id.startsWith("/") && file.endsWith(".html") && !hasId(file, id) ? [`${link} (no id "${id}" in ${file})`] : [];
      }),
    );
    expect(broken).toEqual({});
  });

  it("passes axe-core with no violation on any page, handout or deck", () => {
    expect(byPage((v) => v.violations)).toEqual({});
  });

  it("fits the site's pages on a 360 px wide screen without sideways scrolling", () => {
    // Handouts, decks and a deck's print page (fixed 1280×720 slides) are laid out for paper or a projector.
    const sitePages = new Set(visits.filter((v) => !/^([a-z0-9-]+\/)?(handouts|slides)\/[^/]+\/index\.html$/.test(v.file) && !isDeckPrintPage(v.file)).map((v) => v.file));
    expect(byPage((v) => (sitePages.has(v.file) && v.overflow360 > 0 ? [`${v.overflow360} px too wide`] : []))).toEqual({});
  });

  it.skipIf(!hasJava)("passes the W3C Nu HTML validator with no error (skipped when `java` is not installed)", () => {
    const result = spawnSync("java", ["-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html", out], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(result.stderr || "{\"messages\":[]}") as { messages: { url: string; message: string; lastLine?: number }[] }).messages;
    expect(messages.map((m) => `${path.relative(out, new URL(m.url).pathname)}:${m.lastLine ?? "?"} ${m.message}`)).toEqual([]);
  }, 120_000);

  it("links every handout's Letter, A4 and large-print PDF, and every deck's PDFs, from some page", () => {
    const linked = new Set(visits.flatMap((v) => v.links.map((link) => fileFor(link)).filter(Boolean)));
    const pdfs = manifest.artifacts.flatMap((a) => Object.values(a.pdf ?? {}) as string[]);
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.filter((pdf) => !linked.has(pdf))).toEqual([]);
  });

  it("gives every listed page a canonical link to its public address under the base URL", () => {
    const wrong = byPage((v) => {
      // The search pages (one per language: search/, es/search/) and the 404 are not listed.
      if (v.file === "404.html" || /^(?:[a-z]{2,3}\/)?search\/index\.html$/.test(v.file)) return v.canonical ? [`canonical ${v.canonical} on an unlisted page`] : [];
      // A deck's print page repeats the deck's slides: its canonical address is the deck's.
      const expected = BASE_URL + v.file.replace(/(^|\/)index\.html$/, "$1").replace(/((?:^|\/)slides\/[^/]+\/)print\.html$/, "$1");
      return v.canonical === expected ? [] : [`canonical ${v.canonical}, expected ${expected}`];
    });
    expect(wrong).toEqual({});
  });

  it("writes sitemap.xml with the public address of every listed page, and robots.txt naming it", () => {
    const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    for (const artifact of manifest.artifacts) expect(locs).toContain(BASE_URL + artifact.url.slice(1));
    expect(locs).toEqual(expect.arrayContaining([`${BASE_URL}handouts/`, `${BASE_URL}slides/`]));
    expect(locs.some((loc) => loc.includes("404") || loc.includes("/search/"))).toBe(false);
    for (const loc of locs) expect(existsSync(path.join(out, fileFor(loc) ?? "missing"))).toBe(true);
    expect(readFileSync(path.join(out, "robots.txt"), "utf8")).toContain(`Sitemap: ${BASE_URL}sitemap.xml`);
  });

  it("sends a Content-Security-Policy right after <meta charset> in every page, and no inline script", () => {
    const problems = byPage((v) => {
      const html = readFileSync(path.join(out, v.file), "utf8");
      const head = /<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
      // A JSON data block (the interface strings the page's scripts read) never runs, so it is no inline script.
      const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*\stype="application\/json")[^>]*>/g)].map((m) => m[0]);
      return [...(head ? [] : ["no CSP meta first in <head>"]), ...(head?.[1]?.includes("'unsafe-inline'") ? ["'unsafe-inline'"] : []), ...inline];
    });
    expect(problems).toEqual({});
  });

  it("answers a missing address with the 404 page, styled, and linking back under the sub-path", async () => {
    const page = await browser.newPage();
    const seen = { offOrigin: [] as string[], failed: [] as string[], consoleErrors: [] as string[] };
    watch(page, seen);
    const missing = `${server.url}no/such/page/`;
    try {
      const response = await page.goto(missing, { waitUntil: "networkidle0" });
      expect(response?.status()).toBe(404);
      expect(await page.$eval("h1", (h) => h.textContent)).toBe("Page not found");
      // The stylesheet loaded: the header has the brand colour, not the browser's default.
      expect(await page.$eval(".site-header", (h) => getComputedStyle(h).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
      const home = await page.$eval('.not-found a[href$="/"]', (a) => (a as HTMLAnchorElement).href);
      expect(home).toBe(server.url);
      // Only the missing address itself failed, as it should.
      expect(seen.failed).toEqual([`${missing} (HTTP 404)`]);
      expect(seen.consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
      expect(seen.offOrigin).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("finds pages for “MRI” with the self-hosted Pagefind index, linking under the sub-path", async () => {
    expect(existsSync(path.join(out, "pagefind", "pagefind-entry.json"))).toBe(true);
    const page = await browser.newPage();
    const seen = { offOrigin: [] as string[], failed: [] as string[], consoleErrors: [] as string[] };
    watch(page, seen);
    try {
      await page.goto(`${server.url}search/?q=MRI`, { waitUntil: "networkidle0" });
      await page.waitForSelector(".pagefind-ui__result-link", { timeout: 15_000 });
      const results = await page.$$eval(".pagefind-ui__result-link", (links) => links.map((a) => (a as HTMLAnchorElement).href));
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) expect(existsSync(path.join(out, fileFor(result) ?? "missing"))).toBe(true);
      expect(results.some((r) => r.endsWith("/diagnosis/"))).toBe(true);
      expect(seen).toEqual({ offOrigin: [], failed: [], consoleErrors: [] });
      // The search interface with its results showing is as accessible as the rest.
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows the skip link first on Tab, with a visible focus outline, and it moves focus to the page", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 360, height: 800 });
      await page.goto(`${server.url}diagnosis/`, { waitUntil: "networkidle0" });
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return { text: el.textContent, top: box.top, outline: Number.parseFloat(style.outlineWidth), outlineStyle: style.outlineStyle };
      });
      expect(focused.text).toBe("Skip to main content");
      expect(focused.top).toBeGreaterThanOrEqual(0);
      expect(focused.outline).toBeGreaterThanOrEqual(2);
      expect(focused.outlineStyle).toBe("solid");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      // The next stop after the skip link is inside the page's own content, not the header.
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("runs reveal's speaker view under the deck's Content-Security-Policy", async () => {
    const deck = manifest.artifacts.find((a) => a.kind === "deck");
    expect(deck).toBeDefined();
    const page = await browser.newPage();
    try {
      await page.goto(server.url + deck!.url.slice(1), { waitUntil: "networkidle0" });
      const popup = new Promise<Page | null>((resolve) => browser.once("targetcreated", (target) => resolve(target.page())));
      await page.keyboard.press("s");
      const notes = await popup;
      expect(notes).not.toBeNull();
      // The speaker view's own script sets the layout, and its own stylesheet positions the current slide.
      await notes!.waitForFunction(() => document.body?.hasAttribute("data-speaker-layout"), { timeout: 10_000 });
      expect(await notes!.$eval("#current-slide", (el) => getComputedStyle(el).position)).toBe("absolute");
      await notes!.close();
    } finally {
      await page.close();
    }
  });

  it("prints the clinic's emergency number and never 911 in any page, stylesheet, data file or PDF, and 999 on every handout", () => {
    const files = htmlFiles(out).concat(
      readdirSync(out, { recursive: true, encoding: "utf8" }).filter((file) => /\.(css|json|xml|txt|svg|pdf)$/.test(file) && !file.startsWith("pagefind")),
    );
    expect(files.some((f) => f.endsWith(".pdf"))).toBe(true);
    const with911 = files.filter((file) => /\b911\b/.test(file.endsWith(".pdf") ? pdfText(path.join(out, file)) : readFileSync(path.join(out, file), "utf8")));
    expect(with911).toEqual([]);
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout")) {
      for (const file of Object.values(artifact.pdf as Record<string, string>)) {
        // In the sheet's own language (templates/i18n/<lang>.yaml), with the clinic's number.
        expect(pdfText(path.join(out, file)).replace(/\s+/g, " "), file).toContain(translate("help.emergency.call", artifact.lang, { number: "999" }));
      }
    }
  });

  it("prints no citation marks and no source list on any patient handout, and points to the topic's sources page instead", () => {
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout" && a.audience === "patient")) {
      expect(readFileSync(path.join(out, artifact.html), "utf8"), artifact.slug).toContain("data-cite=");
      for (const file of Object.values(artifact.pdf as Record<string, string>)) {
        const text = pdfText(path.join(out, file)).replace(artifact.stamp ?? "", "");
        // A citation number would be glued to the word or stop before it ("cause1,2."); none may print.
        expect(text, file).not.toMatch(/[A-Za-z.,)][0-9]/);
        expect(text, file).not.toMatch(/Sources:/);
        const sourcesPage = `${artifact.lang === "en" ? "" : `${artifact.lang}/`}sources/${artifact.topic}/`;
        // A long address may break after a slash (large print): read it back joined.
        expect(text.replace(/\s+/g, " ").replace(/\/ /g, "/"), file).toContain(`${translate("sheet.checked", artifact.lang)} ${BASE_URL.replace("https://", "")}${sourcesPage}`);
      }
    }
    // The clot sign's source (cited only by the red-flag data) is on the topic's sources page, with the handouts citing it.
    const clot = shippedRedFlags().find((sign) => sign.id === "clot");
    expect(clot?.cite.length).toBeGreaterThan(0);
    const sources = readFileSync(path.join(out, "sources/bone-marrow-edema/index.html"), "utf8");
    expect(sources).toContain(`id="ref-${clot!.cite[0]}"`);
    expect(sources).toContain('href="../../bone-marrow-edema/handouts/knee/index.html"');
  });

  it("keeps the numbered citations and the references slides of the clinicians' decks", () => {
    for (const deck of manifest.artifacts.filter((a) => a.kind === "deck")) {
      const text = pdfText(path.join(out, (deck.pdf as { slides: string }).slides));
      expect(text, deck.slug).toMatch(/References/);
      expect(readFileSync(path.join(out, deck.html), "utf8")).toMatch(/<sup class="cite"><a [^>]*><span data-cite="[^"]+">1<\/span>/);
    }
  });

  it("shows the same warning signs, levels and phone numbers on the when-to-get-help page as the data holds", () => {
    const html = readFileSync(path.join(out, "bone-marrow-edema/when-to-get-help/index.html"), "utf8");
    for (const level of ["emergency", "today", "soon"]) expect(html).toContain(`data-help-level="${level}"`);
    expect(html).toContain('Call <a class="phone" href="tel:999">999</a> or go to the emergency room now');
    // Every sign of the data (the page shows `redFlags: all`), in its own level's box.
    const levels = Object.fromEntries(
      ["emergency", "today", "soon"].map((level) => [level, pageText(new RegExp(`data-help-level="${level}"[\\s\\S]*?(?=data-help-level=|$)`).exec(html)?.[0] ?? "")]),
    );
    const signs = shippedRedFlags();
    expect(signs.find((sign) => sign.id === "clot")?.level).toBe("emergency");
    // The site sets apostrophes and quotes typographically (markdown-it's typographer): compare the words.
    const plainQuotes = (text: string): string => text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
    for (const sign of signs) expect(plainQuotes(levels[sign.level] ?? ""), sign.id).toContain(plainQuotes(sign.text));
  });

  it("lists each handout once on the topic's home page, and the handout library in the home page's order, overview first", () => {
    const home = readFileSync(path.join(out, "bone-marrow-edema/index.html"), "utf8");
    // The English topic home lists the English handouts (the Spanish ones are on /es/bone-marrow-edema/).
    const handouts = manifest.artifacts.filter((a) => a.kind === "handout" && a.lang === "en");
    expect(handouts.length).toBeGreaterThan(0);
    for (const handout of handouts) {
      const links = [...home.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!).filter((href) => href.replace(/index\.html$/, "").endsWith(`handouts/${handout.slug}/`));
      expect(links, handout.slug).toHaveLength(1);
    }
    const library = readFileSync(path.join(out, "handouts/index.html"), "utf8");
    // The cards in the library's own language (a Spanish card's title carries lang="es").
    const order = [...library.matchAll(/<h[2-4] class="card-title"><a href="(?:[^"]*\/)?([a-z0-9-]+)\/(?:index\.html)?"/g)].map((m) => m[1]);
    const listed = (/^handouts: \[(.*)\]$/m.exec(readFileSync(path.join(repoRoot, "content/bone-marrow-edema/pages/index.md"), "utf8"))?.[1] ?? "").split(/,\s*/);
    expect(order[0]).toBe("overview");
    expect(order).toEqual(listed);
  });

  it("keeps the sources page scannable: a few citing documents on one line, more behind a closed summary that counts them", () => {
    const sources = readFileSync(path.join(out, "sources/bone-marrow-edema/index.html"), "utf8");
    const lines = [...sources.matchAll(/<p class="cited-in">([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
    const summaries = [...sources.matchAll(/<details class="cited-in"><summary>([^<]*)<\/summary>([\s\S]*?)<\/details>/g)];
    expect(lines.length + summaries.length).toBeGreaterThan(20);
    for (const line of lines) expect((line.match(/<a /g) ?? []).length).toBeLessThanOrEqual(4);
    expect(summaries.length).toBeGreaterThan(0);
    for (const [, summary, list] of summaries) {
      const count = (list!.match(/<a /g) ?? []).length;
      expect(count).toBeGreaterThan(4);
      expect(summary).toBe(`Cited in ${count} pages, handouts and slides`);
    }
  });

  it("lets a phone reader tap every number in the help box and the footer, and prints them as plain text", async () => {
    const page = await browser.newPage();
    try {
      await page.setViewport({ width: 390, height: 844 });
      await page.goto(`${server.url}when-to-get-help/`, { waitUntil: "networkidle0" });
      const numbers = await page.$$eval(".help-box .phone, .site-footer .phone", (all) => all.map((el) => ({ tag: el.localName, href: el.getAttribute("href"), text: el.textContent })));
      expect(numbers.length).toBeGreaterThanOrEqual(5);
      for (const number of numbers) {
        expect(number.tag, number.text ?? "").toBe("a");
        expect(number.href).toBe(`tel:${number.text!.replace(/[^\d+]/g, "")}`);
      }
      // The emergency number and the after-hours line are tappable too, not only the day number.
      expect(numbers.map((n) => n.href)).toEqual(expect.arrayContaining(["tel:999", "tel:5550142", "tel:5550199"]));
      await page.emulateMediaType("print");
      const printed = await page.$$eval("a.phone", (all) =>
        all.map((el) => ({ line: getComputedStyle(el).textDecorationLine, same: getComputedStyle(el).color === getComputedStyle(el.parentElement!).color })),
      );
      expect(printed).toEqual(printed.map(() => ({ line: "none", same: true })));
    } finally {
      await page.close();
    }
  });

  it("prints every handout's web page from a browser (print media, its own CSS page size) as exactly one Letter sheet, as the PDF", async () => {
    for (const artifact of manifest.artifacts.filter((a) => a.kind === "handout")) {
      const page = await browser.newPage();
      try {
        await page.setViewport({ width: 1280, height: 800 });
        await page.goto(server.url + artifact.url.slice(1), { waitUntil: "networkidle0" });
        await page.emulateMediaType("print");
        const pdf = await PDFDocument.load(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        expect(pdf.getPages().map((p) => `${Math.round(p.getWidth())}×${Math.round(p.getHeight())}`), artifact.slug).toEqual(["612×792"]);
      } finally {
        await page.close();
      }
    }
  });

  it("lets a keyboard reader reach a handout's PDF in a handful of Tabs, and never stops on a citation", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}bone-marrow-edema/handouts/overview/`, { waitUntil: "networkidle0" });
      let tabs = 0;
      for (; tabs < 8; tabs++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href?.endsWith(".pdf"))) break;
      }
      expect(tabs + 1).toBeLessThanOrEqual(5);
      // On the guide's pages too: a page with dozens of citations has no tab stop among them.
      await page.goto(`${server.url}what-is-bme/`, { waitUntil: "networkidle0" });
      const stops = await page.$$eval("sup.cite a", (links) => links.map((a) => (a as HTMLElement).tabIndex));
      expect(stops.length).toBeGreaterThan(5);
      expect(stops.every((index) => index === -1)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("leaves no Chromium process behind", async () => {
    // Only this file's browser: its own temporary profile names it among any others running on the machine.
    const profile = browser.process()?.spawnargs.find((arg) => arg.startsWith("--user-data-dir="));
    await browser.close();
    expect(profile).toBeDefined();
    expect(chromiumProcesses().filter((line) => line.includes(profile!))).toEqual([]);
  });
});

describe("npm run dev", () => {
  it("serves the site with live reload, and a saved content file updates the open page", async () => {
    const fixture = copyFixture("basic");
    const port = await freePort();
    // The same command as package.json's "dev", on a copy of a fixture folder.
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts", "dev.ts"), "--port", String(port), "--content", fixture.content, "--out", path.join(fixture.dir, ".dev-output"), "--no-fit"], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const devBrowser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
    try {
      const address = await waitFor(() => (/built into/.test(log) ? /Serving \S+ at (http:\/\/\S+?)\/?\s/.exec(log)?.[1] : undefined), 30_000, () => log);
      const page = await devBrowser.newPage();
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error" && !/status of 404/.test(message.text())) errors.push(message.text());
      });
      // The dev server builds no PDFs, so no thumbnails of them either; anything else missing is an error.
      page.on("response", (response) => {
        if (response.status() >= 400 && !response.url().endsWith(".thumb.png")) errors.push(`${response.url()} (HTTP ${response.status()})`);
      });
      // The topic's index page is its home, /<topic>/ (the site home / is generated).
      await page.goto(`${address}/sample/`, { waitUntil: "networkidle0" });
      const heading = await page.$eval("h1", (h) => h.textContent ?? "");
      const file = path.join(fixture.content, "sample", "pages", "index.md");
      const source = readFileSync(file, "utf8");
      const title = /^title:\s*"?([^"\n]+)"?$/m.exec(source)?.[1] ?? "";
      expect(heading).toBe(title);
      writeFileSync(file, source.replace(title, "Edited while the server runs"));
      // The open page changes by itself: the reload client (allowed by the dev policy) fetched the rebuilt page.
      await page.waitForFunction(() => document.querySelector("h1")?.textContent === "Edited while the server runs", { timeout: 20_000 });
      expect(errors).toEqual([]);
    } finally {
      await devBrowser.close();
      await stop(child);
      rmSync(fixture.dir, { recursive: true, force: true });
    }
  }, 180_000);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(check: () => T | undefined, ms: number, progress: () => string): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out; output so far:\n${progress()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}
