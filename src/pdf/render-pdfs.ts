/**
 * The PDF renderer. Knows nothing of Eleventy: it reads output/manifest.json, launches one Chromium, and prints
 * every job through a bounded pool of pages, each job on a fresh page that is closed when the job ends.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { LayoutError, UserError, findUserError } from "../errors.ts";
import { withBrowser } from "./launch-browser.ts";
import { jobsFromManifest, readManifest, type PdfJob } from "./jobs.ts";
import { runPool } from "./pool.ts";
import { serveFromOutput } from "./serve-from-output.ts";
import { pageCountOf, setPdfMetadata } from "./pdf-metadata.ts";
import { printHandout } from "./print-handout.ts";
import { printDeck, printDeckNotes } from "./print-deck.ts";
import { PdfCache, rendererFingerprint } from "./pdf-cache.ts";
import { stepTimer, type JobTimings, type TimeStep } from "./timing.ts";

export interface RenderOptions {
  outDir: string;
  browserPath: string;
  /** Pages printing at once in the one browser; 2–4 saturate two cores. */
  concurrency?: number;
  /** Called after each printed PDF with its wall time and where that time went (for `npm run bench`). */
  onJobDone?: (job: PdfJob, ms: number, timings: JobTimings) => void;
  /** Aborting stops the run and closes the browser (Ctrl-C). */
  signal?: AbortSignal | undefined;
  /** Where printed PDFs are kept between builds; none means print everything. */
  cacheDir?: string | undefined;
  /** Print only slice `index` (1-based) of `count` slices of the job list, for splitting a build across machines. */
  shard?: Shard | undefined;
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
}

export interface RenderResult {
  jobs: PdfJob[];
  rendered: RenderedPdf[];
  /** How many PDFs came from the cache rather than Chromium. */
  cached: number;
  ms: number;
}

/**
 * The jobs of one shard: every `count`-th job in a fixed order (by output path), so the slices are disjoint,
 * cover the list together, and each mixes cheap and expensive jobs.
 */
export function selectShard<T extends { output: string }>(jobs: readonly T[], shard: Shard): T[] {
  return [...jobs].sort((a, b) => a.output.localeCompare(b.output)).filter((_, i) => i % shard.count === shard.index - 1);
}

export const RENDER_REPORT = "render-report.json";

export async function renderPdfs(options: RenderOptions): Promise<RenderResult> {
  const started = performance.now();
  const manifest = readManifest(options.outDir);
  const allJobs = jobsFromManifest(manifest);
  const jobs = options.shard ? selectShard(allJobs, options.shard) : allJobs;
  const rendered: RenderedPdf[] = [];

  // Jobs whose inputs are unchanged come from the cache; Chromium starts only if something is left to print.
  const cache = options.cacheDir ? new PdfCache(options.cacheDir, rendererFingerprint(options.browserPath), manifest.site) : undefined;
  const toPrint: { job: PdfJob; key: string | undefined }[] = [];
  for (const job of jobs) {
    const key = cache?.key(job, options.outDir);
    const hit = cache && key ? await cache.restore(key, job, options.outDir) : undefined;
    if (hit) rendered.push({ output: job.output, kind: job.kind, pages: hit.pages, ...(hit.fit === undefined ? {} : { fit: hit.fit }) });
    else toPrint.push({ job, key });
  }
  const cached = rendered.length;

  if (toPrint.length) {
    const errors = await withBrowser(
      options.browserPath,
      (browser) =>
        runPool(toPrint, options.concurrency ?? 3, async ({ job, key }) => {
          const jobStart = performance.now();
          const timer = stepTimer();
          const { result, served } = await renderJob(browser, job, manifest.site.baseUrl, manifest.site.clinic, options.outDir, timer);
          rendered.push(result);
          if (cache && key) await cache.store(key, job, options.outDir, served, result);
          options.onJobDone?.(job, performance.now() - jobStart, timer.timings);
        }),
      options.signal,
    );
    if (errors.length) throw combineErrors(errors);
  }
  rendered.sort((a, b) => a.output.localeCompare(b.output));
  await writeFile(path.join(options.outDir, RENDER_REPORT), `${JSON.stringify(rendered, null, 2)}\n`);
  return { jobs, rendered, cached, ms: performance.now() - started };
}

function combineErrors(errors: unknown[]): unknown {
  const userErrors = errors.map(findUserError);
  if (userErrors.every((e): e is UserError => e !== undefined)) {
    if (userErrors.length === 1) return userErrors[0];
    const first: UserError = userErrors[0]!;
    const message = `${userErrors.length} PDFs failed:\n${userErrors.map((e) => `  - ${e.message.replace(/\n/g, "\n    ")}`).join("\n")}`;
    return userErrors.every((e) => e instanceof LayoutError) ? new LayoutError(message) : new UserError(message, first.exitCode);
  }
  return errors.find((e) => !findUserError(e));
}

async function renderJob(
  browser: Browser,
  job: PdfJob,
  baseUrl: string,
  clinic: string,
  outDir: string,
  timer: { time: TimeStep; add: (step: "serve", ms: number) => void },
): Promise<{ result: RenderedPdf; served: string[] }> {
  const { time } = timer;
  const page = await time("page", () => browser.newPage());
  try {
    const served = await time("page", async () => {
      // Our own print-size style must apply even when the page sets a strict Content-Security-Policy.
      await page.setBypassCSP(true);
      return serveFromOutput(page, baseUrl, outDir, (ms) => timer.add("serve", ms));
    });
    const url = new URL(job.url.replace(/^\//, ""), baseUrl).href;
    const printed: { bytes: Uint8Array; fit?: number } =
      job.kind === "handout"
        ? await printHandout(page, job, url, outDir, time)
        : { bytes: job.kind === "deck-notes" ? await printDeckNotes(page, job, url, time) : await printDeck(page, job, url, time) };
    const bytes = printed.bytes;
    if (served.missing.length) {
      throw new UserError(`${job.url}: these files are linked but missing from output/: ${served.missing.join(", ")}`, 2);
    }
    const pdf = await time("metadata", () => setPdfMetadata(bytes, {
      title: job.title,
      author: clinic,
      subject: job.summary,
      keywords: job.kind === "handout" ? ["patient handout", job.edition === "large" ? "large print" : (job.paper ?? "letter"), job.slug] : [job.kind === "deck-notes" ? "slides with speaker notes" : "slides", job.slug],
      lang: job.lang,
      date: job.reviewed,
    }));
    const file = path.join(outDir, job.output);
    await time("write", async () => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, pdf);
    });
    const result: RenderedPdf = { output: job.output, kind: job.kind, pages: pageCountOf(bytes), ...(printed.fit === undefined ? {} : { fit: printed.fit }) };
    return { result, served: served.served };
  } finally {
    await time("close", () => page.close().catch(() => undefined));
  }
}
