/**
 * The PDF renderer. Knows nothing of Eleventy: it reads output/manifest.json, launches one Chromium, and prints
 * every job through a bounded pool of tabs.
 *
 * Each pool slot keeps its tab from one page to the next (see `Tab`): opening a tab costs a new renderer process
 * and about as much time as printing a handout, and a tab shares everything but its document with the other tabs
 * of the browser anyway. Each page load starts a new document; what a job sets on the tab itself (viewport, media
 * type) every job sets afresh; a tab whose job failed is closed, never reused. A handout's editions (Letter, A4,
 * large print) print from one load of its page (see printGroups), which costs little more than printing one.
 */
import { translate } from "../i18n/strings.ts";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "puppeteer-core";
import { BrowserStoppedError, ExitCode, LayoutError, UserError, findUserError } from "../errors.ts";
import { closeBrowser, withBrowser } from "./launch-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "./jobs.ts";
import { runPool } from "./pool.ts";
import { startServing, type Serving } from "./serve-from-output.ts";
import { pageCountOf, setPdfMetadata } from "./pdf-metadata.ts";
import { printHandoutEditions } from "./print-handout.ts";
import { printDeckPdfs, type AfterSlides } from "./print-deck.ts";
import { PdfCache, rendererFingerprint } from "./pdf-cache.ts";
import { pdfDate } from "./pdf-date.ts";
import { stepTimer, type JobTimings, type TimeStep } from "./timing.ts";

/** Pages printing at once in the one browser, unless the caller says otherwise. */
export const DEFAULT_CONCURRENCY = 3;

export interface RenderOptions {
  outDir: string;
  browserPath: string;
  /**
   * Chromium already launching (launchBrowser), so its start overlaps the site build; renderPdfs closes it, also
   * when every PDF came from the cache.
   */
  browser?: Promise<Browser> | undefined;
  /** Pages printing at once in the one browser; 2–4 saturate two cores. */
  concurrency?: number;
  /**
   * Called after each group of PDFs printed from one loaded page (a handout's editions, or one deck PDF) with
   * its wall time and where that time went (for `npm run bench`).
   */
  onGroupDone?: (jobs: PdfJob[], ms: number, timings: JobTimings) => void;
  /** Called after each deck PDF with its own time, load included for the first of its page (for `npm run bench`). */
  onPdfDone?: ((job: PdfJob, ms: number) => void) | undefined;
  /** Aborting stops the run and closes the browser (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** Where printed PDFs are kept between builds; none means print everything. */
  cacheDir?: string | undefined;
  /** Print only slice `index` (1-based) of `count` slices of the job list, for splitting a build across machines. */
  shard?: Shard | undefined;
  /** The date every PDF carries, from SOURCE_DATE_EPOCH; without it each PDF carries its review date. */
  sourceDate?: Date | undefined;
  /**
   * Blank tabs already opening (each in a window of its own, as openTab makes them) while the caller was still
   * preparing the pages to print: the first tabs of the pool take these instead of waiting for new ones.
   */
  blankTabs?: Promise<Page[]> | undefined;
  /** Pages a tab loads before it is replaced by a fresh one (default LOADS_PER_TAB; 1 gives every page a fresh tab). */
  loadsPerTab?: number | undefined;
}

export interface Shard {
  index: number;
  count: number;
}

/** What each printed PDF came out as; written to output/render-report.json for the checks and the tests. */
export interface RenderedPdf {
  output: string;
  kind: PdfJob["kind"];
  pages: number;
  /** Handouts: the type-scale step the sheet was printed at (1 = full size; see FIT_STEPS). */
  fit?: number;
  /** Handouts with figures: the share of their full width the figures were printed at (see FIGURE_STEPS). */
  figure?: number;
}

export interface RenderResult {
  jobs: PdfJob[];
  rendered: RenderedPdf[];
  /** How many PDFs came from the cache rather than Chromium. */
  cached: number;
  ms: number;
}

/**
 * The jobs of one shard: every `count`-th document (by URL, a fixed order) with all its PDFs, so the slices are
 * disjoint, cover the list together, each mixes cheap and expensive documents, and a handout's editions still
 * print from one load of its page.
 */
export function selectShard<T extends { url: string }>(jobs: readonly T[], shard: Shard): T[] {
  const urls = [...new Set(jobs.map((job) => job.url))].sort();
  const mine = new Set(urls.filter((_, i) => i % shard.count === shard.index - 1));
  return jobs.filter((job) => mine.has(job.url));
}

export const RENDER_REPORT = "render-report.json";

export async function renderPdfs(options: RenderOptions): Promise<RenderResult> {
  const started = performance.now();
  const manifest = readManifest(options.outDir);
  const allJobs = jobsFromManifest(manifest);
  const jobs = options.shard ? selectShard(allJobs, options.shard) : allJobs;
  const rendered: RenderedPdf[] = [];

  // Jobs whose inputs are unchanged come from the cache; Chromium starts only if something is left to print.
  const cache = options.cacheDir ? new PdfCache(options.cacheDir, rendererFingerprint(options.browserPath), [manifest.site, options.sourceDate?.toISOString() ?? null]) : undefined;
  const toPrint: { job: PdfJob; key: string | undefined }[] = [];
  for (const job of jobs) {
    const key = cache?.key(job, options.outDir);
    const hit = cache && key ? await cache.restore(key, job, options.outDir) : undefined;
    if (hit) rendered.push({ output: job.output, kind: job.kind, pages: hit.pages, ...(hit.fit === undefined ? {} : { fit: hit.fit }), ...(hit.figure === undefined ? {} : { figure: hit.figure }) });
    else toPrint.push({ job, key });
  }
  const cached = rendered.length;
  if (!toPrint.length && options.browser) await options.browser.then(closeBrowser, () => undefined);

  if (toPrint.length) {
    const files = new Map<string, Promise<Buffer>>();
    const errors: unknown[] = [];
    const failures = await withBrowser(
      options.browser ?? options.browserPath,
      async (browser) => {
        const idle: Tab[] = [];
        const blank = options.blankTabs ? await options.blankTabs.catch(() => []) : [];
        return runPool(printGroups(toPrint), options.concurrency ?? DEFAULT_CONCURRENCY, async (group) => {
          const groupStart = performance.now();
          const timer = stepTimer();
          const jobsOfGroup = group.map((g) => g.job);
          let tab: Tab | undefined;
          let ok = false;
          try {
            tab = idle.pop() ?? (await timer.time("page", () => openTab(browser, manifest.site.baseUrl, options.outDir, files, blank.pop())));
            tab.onAnswered = (ms) => timer.add("serve", ms);
            const printed = await renderGroup(tab, jobsOfGroup, { clinic: manifest.site.clinic, sourceDate: options.sourceDate }, options.outDir, timer.time);
            for (const outcome of printed) {
              if ("error" in outcome) {
                errors.push(outcome.error);
                continue;
              }
              rendered.push(outcome.result);
              if (outcome.ms !== undefined) options.onPdfDone?.(outcome.job, outcome.ms);
              const key = group.find((g) => g.job === outcome.job)?.key;
              if (cache && key) await cache.store(key, outcome.job, options.outDir, outcome.served, outcome.result);
            }
            ok = printed.every((outcome) => !("error" in outcome));
            if (!ok && (await browserStopped(browser))) throw new BrowserStoppedError(describeGroup(jobsOfGroup));
          } catch (error) {
            // Chromium killed, crashed or out of memory: every page fails at once with protocol errors ("Target
            // closed") that say nothing to a user. Name the document that was printing instead.
            if (error instanceof BrowserStoppedError || !(await browserStopped(browser))) throw error;
            throw new BrowserStoppedError(describeGroup(jobsOfGroup));
          } finally {
            if (tab) {
              const used = tab;
              used.loads++;
              if (ok && used.loads < (options.loadsPerTab ?? LOADS_PER_TAB)) idle.push(used);
              else await timer.time("close", () => used.page.close().catch(() => undefined));
            }
          }
          options.onGroupDone?.(group.map((g) => g.job), performance.now() - groupStart, timer.timings);
        }).finally(() => Promise.all(blank.map((page) => page.close().catch(() => undefined))));
      },
      options.signal,
    );
    errors.push(...failures);
    if (errors.length) throw combineErrors(errors);
  }
  rendered.sort((a, b) => a.output.localeCompare(b.output));
  await writeFile(path.join(options.outDir, RENDER_REPORT), `${JSON.stringify(rendered, null, 2)}\n`);
  return { jobs, rendered, cached, ms: performance.now() - started };
}

/** True when the browser has gone away, waiting a moment for its disconnection to arrive after a page's error. */
async function browserStopped(browser: Browser): Promise<boolean> {
  if (!browser.connected) return true;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 300);
    browser.once("disconnected", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return !browser.connected;
}

function describeGroup(jobs: readonly PdfJob[]): string {
  const first = jobs[0]!;
  return `${first.source} (${jobs.map((job) => job.output).join(", ")})`;
}

function combineErrors(errors: unknown[]): unknown {
  // A stopped browser fails every page that was printing; the first says all there is to say.
  const stopped = errors.find((e) => e instanceof BrowserStoppedError);
  if (stopped) return stopped;
  const userErrors = errors.map(findUserError);
  if (userErrors.every((e): e is UserError => e !== undefined)) {
    if (userErrors.length === 1) return userErrors[0];
    const first: UserError = userErrors[0]!;
    const message = `${userErrors.length} PDFs failed:\n${userErrors.map((e) => `  - ${e.message.replace(/\n/g, "\n    ")}`).join("\n")}`;
    return userErrors.every((e) => e instanceof LayoutError) ? new LayoutError(message) : new UserError(message, first.exitCode);
  }
  return errors.find((e) => !findUserError(e));
}

/** A browser tab that prints one job after another. */
interface Tab {
  page: Page;
  serving: Serving;
  baseUrl: string;
  /** Pages loaded in it so far. */
  loads: number;
  /** Where the time spent answering its requests is reported (the current job's timer). */
  onAnswered: (ms: number) => void;
}

/**
 * Pages a tab loads before it is closed and replaced by a fresh one. A tab's renderer grows from about 20 MiB
 * to 75 MiB over its first 10 pages and to a plateau of about 150 MiB by 30 (native memory that a memory
 * pressure signal does not free). Replacing it every 10 pages keeps the whole build under 1 GiB at 1,000 handouts,
 * for one new tab (about 0.1 s) per 10 pages (30 handout PDFs).
 */
export const LOADS_PER_TAB = 10;

async function openTab(browser: Browser, baseUrl: string, outDir: string, files: Map<string, Promise<Buffer>>, blank?: Page): Promise<Tab> {
  const page = blank ?? (await openBlankTab(browser));
  try {
    // Our own print-size style must apply even when the page sets a strict Content-Security-Policy.
    await page.setBypassCSP(true);
    // Every request must reach serveFromOutput, to be logged: the PDF cache keys on the files a page loaded,
    // and a file the tab had cached from its previous job would otherwise go unrecorded.
    await page.setCacheEnabled(false);
    // Every tab counts as focused, as a single tab would: pages and scripts see the same state whichever
    // tab prints them.
    await page.emulateFocusedPage(true);
    const tab: Omit<Tab, "serving"> = { page, baseUrl, loads: 0, onAnswered: () => undefined };
    const serving = await startServing(page, baseUrl, outDir, { files, onAnswered: (ms) => tab.onAnswered(ms) });
    return Object.assign(tab, { serving });
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A new tab in a window of its own: Chromium draws only the tab in front of its window, and a tab left behind
 * another gets no frames, so its screenshots (the thumbnails) and reveal.js's requestAnimationFrame-paced print
 * layout wait, up to seconds, for it to come forward.
 */
export function openBlankTab(browser: Browser): Promise<Page> {
  return browser.newPage({ type: "window" });
}

/**
 * The PDFs printed from one loaded page: a handout's editions (Letter, A4, large print) share their page, and so
 * do a deck's slides and slides-with-notes PDFs (its print page), so each prints one after another from a single
 * load of it. Decks (tens of pages, the longest jobs) go first, so the run does not end with one tab printing a
 * deck while the others idle; otherwise the job list's order is kept.
 */
export function printGroups<T extends { job: PdfJob }>(items: readonly T[]): T[][] {
  const groups: T[][] = [];
  const byPage = new Map<string, T[]>();
  for (const item of items) {
    let group = byPage.get(item.job.url);
    if (!group) {
      group = [];
      byPage.set(item.job.url, group);
      groups.push(group);
    }
    group.push(item);
  }
  const decksFirst = (group: T[]): number => (group[0]!.job.kind === "handout" ? 1 : 0);
  return groups.sort((a, b) => decksFirst(a) - decksFirst(b));
}

/** A job's printed PDF (handouts: with the type and figure steps it fitted at; decks: with its own time), or why it could not be printed. */
type Printed = { job: PdfJob; bytes: Uint8Array; fit?: number; figure?: number | undefined; ms?: number } | { job: PdfJob; error: unknown };
type GroupOutcome = { job: PdfJob; result: RenderedPdf; served: string[]; ms?: number } | { job: PdfJob; error: unknown };

/** Prints one group's jobs in a tab and writes each PDF with its metadata; a job that fails does not stop the rest. */
async function renderGroup(tab: Tab, jobs: readonly PdfJob[], info: { clinic: string; sourceDate: Date | undefined }, outDir: string, time: TimeStep): Promise<GroupOutcome[]> {
  const { page, baseUrl } = tab;
  const first = jobs[0]!;
  const served = tab.serving.newLog();
  const url = new URL(first.url.replace(/^\//, ""), baseUrl).href;
  // The PowerPoint is read from the print page while it still shows the slides just printed (before it turns into
  // the slides-with-notes handout): the same slides as the PDF, the same page, no second load.
  const writePptx: AfterSlides = async (deckPage, job) => {
    if (!job.pptx) return;
    const file = path.join(outDir, job.pptx);
    // Loaded only when a deck is to become a PowerPoint: the deck-PDFs-only build never needs pptxgenjs.
    const { writeDeckPptx } = await import("../pptx/deck-pptx.ts");
    await time("pptx", () => writeDeckPptx(deckPage, job, file, { author: info.clinic, date: pdfDate(job.reviewed, info.sourceDate) }));
  };
  const printed: Printed[] = first.kind === "handout" ? await printHandoutEditions(page, jobs, url, outDir, time) : await printDeckPdfs(page, jobs, url, time, writePptx);
  if (served.missing.length) {
    throw new UserError(`${first.url}: these files are linked but missing from the built site: ${served.missing.join(", ")}`, ExitCode.content);
  }
  const outcomes: GroupOutcome[] = [];
  for (const edition of printed) {
    if ("error" in edition) {
      outcomes.push(edition);
      continue;
    }
    const { job, bytes } = edition;
    const pdf = await time("metadata", () => setPdfMetadata(bytes, {
      title: job.title,
      author: info.clinic,
      subject: job.summary,
      // The PDF's keywords in its document's language (templates/i18n/<lang>.yaml, `pdf`).
      keywords:
        job.kind === "handout"
          ? [translate("pdf.keywordHandout", job.lang), job.edition === "large" ? translate("pdf.keywordLargePrint", job.lang) : (job.paper ?? "letter"), job.slug]
          : [translate(job.kind === "deck-notes" ? "pdf.keywordNotes" : "pdf.keywordSlides", job.lang), job.slug],
      lang: job.lang,
      date: pdfDate(job.reviewed, info.sourceDate),
    }));
    const file = path.join(outDir, job.output);
    await time("write", async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, pdf);
    });
    const result: RenderedPdf = {
      output: job.output,
      kind: job.kind,
      pages: pageCountOf(bytes),
      ...(edition.fit === undefined ? {} : { fit: edition.fit }),
      ...(edition.figure === undefined ? {} : { figure: edition.figure }),
    };
    outcomes.push({ job, result, served: served.served, ...(edition.ms === undefined ? {} : { ms: edition.ms }) });
  }
  return outcomes;
}
