/**
 * Loads every built HTML page in one Chromium, the way the PDF renderer does: under the site's public base URL,
 * with every request answered from output/ and everything off the site blocked and logged. On each page it
 * reads the facts the gates need (page-facts.ts) and runs axe-core. The only module of the checks that drives
 * the browser.
 */
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Browser } from "puppeteer-core";
import { withBrowser } from "../pdf/launch-browser.ts";
import { runPool } from "../pdf/pool.ts";
import { serveFromOutput } from "../pdf/serve-from-output.ts";
import { collectPageFacts, type OwnTextSelectors, type PageFacts } from "./page-facts.ts";
import { collectPematFacts, HELP_BOX, type PematFacts } from "./pemat-facts.ts";

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string }[];
  /** Every element it names sits inside the document's own content (so the Markdown, not a template, made it). */
  inContent: boolean;
}

export interface BrowsedPage {
  facts: PageFacts | undefined;
  /** Patient handouts, when the pemat gate runs: what prints, read at print media. */
  pemat?: PematFacts | undefined;
  violations: AxeViolation[];
  /** Requests to anywhere outside the site, blocked while the page loaded. */
  offOrigin: string[];
  /** Requests inside the site for files that are not in output/. */
  missing: string[];
  /** What the page's own Content-Security-Policy stopped before any request was made (a URL, or "inline"…). */
  cspBlocked: { blocked: string; directive: string }[];
  /** The page could not be loaded or read at all. */
  error: string | undefined;
}

export interface BrowseTarget {
  /** The row key: the HTML file relative to output/. */
  html: string;
  ownText: OwnTextSelectors;
  /** Read the PEMAT-P facts of the printed sheet too (patient handouts). */
  pemat?: boolean | undefined;
}

export interface BrowseOptions {
  outDir: string;
  baseUrl: string;
  browserPath: string;
  targets: readonly BrowseTarget[];
  concurrency?: number | undefined;
  /** Skip axe (the accessibility gate is not asked for). */
  axe?: boolean;
  signal?: AbortSignal | undefined;
}

/** The URL a built HTML file is served at, under the site's base URL. */
export function urlForHtml(html: string, baseUrl: string): string {
  return new URL(html.replace(/(^|\/)index\.html$/, "$1"), baseUrl).href;
}

export async function browsePages(options: BrowseOptions): Promise<Map<string, BrowsedPage>> {
  const axeSource = options.axe === false ? undefined : readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const results = new Map<string, BrowsedPage>();
  await withBrowser(
    options.browserPath,
    async (browser) => {
      const errors = await runPool(options.targets, options.concurrency ?? 3, async (target) => {
        results.set(target.html, await browseOne(browser, target, options, axeSource));
      });
      // browseOne reports page failures in its result; anything thrown here is a bug.
      if (errors.length) throw errors[0];
    },
    options.signal,
  );
  return results;
}

async function browseOne(browser: Browser, target: BrowseTarget, options: BrowseOptions, axeSource: string | undefined): Promise<BrowsedPage> {
  const page = await browser.newPage();
  const result: BrowsedPage = { facts: undefined, violations: [], offOrigin: [], missing: [], cspBlocked: [], error: undefined };
  try {
    const served = await serveFromOutput(page, options.baseUrl, options.outDir);
    // The pages carry a Content-Security-Policy, which stops a request to another site before it is made (and
    // before request interception sees it). Such an attempt still counts, so record what the policy stops.
    await page.evaluateOnNewDocument(() => {
      const seen: { blocked: string; directive: string }[] = [];
      (window as unknown as { __cspBlocked: typeof seen }).__cspBlocked = seen;
      document.addEventListener("securitypolicyviolation", (event) => seen.push({ blocked: event.blockedURI, directive: event.effectiveDirective }), true);
    });
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(urlForHtml(target.html, options.baseUrl), { waitUntil: "load", timeout: 30_000 });
    // Late requests (fonts, scripts that fetch) count too: wait until the page has gone quiet.
    await page.waitForNetworkIdle({ idleTime: 150, timeout: 5_000 }).catch(() => undefined);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    // A deck lays itself out (and adds "References (continued)" slides) before reveal.js says it is ready.
    await page
      .waitForFunction(() => {
        const reveal = (window as unknown as { Reveal?: { isReady?: () => boolean } }).Reveal;
        return !document.querySelector(".reveal") || reveal?.isReady?.() === true;
      }, { timeout: 10_000 })
      .catch(() => undefined);
    result.facts = await page.evaluate(collectPageFacts, target.ownText);
    result.cspBlocked = await page.evaluate(() => (window as unknown as { __cspBlocked?: { blocked: string; directive: string }[] }).__cspBlocked ?? []);
    if (axeSource) {
      // Evaluated through the DevTools protocol, not as a <script>, so a Content-Security-Policy cannot stop it
      // and it makes no request of its own.
      await page.evaluate(axeSource);
      result.violations = await page.evaluate(async (contentRoots: string) => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[]; html: string }[] }[] }> } }).axe;
        const run = await axe.run(document, { resultTypes: ["violations"] });
        const roots = [...document.querySelectorAll(contentRoots)];
        const inContent = (target: unknown[]): boolean => {
          // A target inside a frame or shadow root is a list of selectors; the first names the outer element.
          const element = typeof target[0] === "string" ? document.querySelector(target[0]) : null;
          return element !== null && roots.some((root) => root !== element && root.contains(element));
        };
        return run.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? "",
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(" "), html: n.html })),
          inContent: v.nodes.every((n) => inContent(n.target)),
        }));
      }, target.ownText.include.join(","));
    }
    if (target.pemat) {
      // Last, after axe: the printed sheet is what PEMAT-P rates.
      await page.emulateMediaType("print");
      result.pemat = await page.evaluate(collectPematFacts, HELP_BOX);
      await page.emulateMediaType(undefined);
    }
    result.offOrigin = [...new Set(served.blocked)];
    result.missing = [...new Set(served.missing)];
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await page.close().catch(() => undefined);
  }
  return result;
}
