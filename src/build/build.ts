/**
 * The whole build: check content, build the site with Eleventy into a staging folder, print the PDFs, then swap
 * the staging folder into place. output/ is replaced only when everything succeeded, so a failed build leaves
 * the last good output exactly as it was.
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadContent } from "../content/load-content.ts";
import { findBrowser } from "../pdf/find-browser.ts";
import { readManifest } from "../pdf/jobs.ts";
import { renderPdfs, type Shard } from "../pdf/render-pdfs.ts";
import { writeFittedPrintStyles } from "../pdf/print-stylesheet.ts";
import { closeBrowser, launchBrowser } from "../pdf/launch-browser.ts";
import { sourceDateFromEnv } from "../pdf/pdf-date.ts";
import { fingerprintFile, inputFingerprint, outputSignature } from "./input-fingerprint.ts";
import type { PdfJob } from "../pdf/jobs.ts";
import { InterruptedError, writeErrorFrom } from "../errors.ts";
import { removeStaleStaging, stagingFolder, swapIntoPlace } from "./staging.ts";
import { writeSearchIndex } from "./search-index.ts";
import { buildSite } from "./build-site.ts";
import { writeSingleFileDecks } from "./single-file-deck.ts";
import { unlistedHtmlFiles } from "../eleventy/site-files.ts";

export interface BuildOptions {
  /** The repository root: where .eleventy.js and templates/ are. */
  root: string;
  contentDir: string;
  outDir: string;
  browserFlag?: string | undefined;
  concurrency?: number | undefined;
  /** Build the site only (no Chromium needed). */
  skipPdfs?: boolean;
  log?: (line: string) => void;
  /** Aborting (Ctrl-C) stops the build; output/ is left as it was. */
  signal?: AbortSignal | undefined;
  /**
   * Folder for the PDF cache and the last build's input fingerprint (the command line uses .cache/ in the
   * repository). Without it, everything is built and printed afresh.
   */
  cacheDir?: string | undefined;
  /** Print only one slice of the PDFs (the site is still built in full). */
  shard?: Shard | undefined;
  /** Build even when nothing changed since the last build. */
  force?: boolean;
  /** The date every PDF carries; by default SOURCE_DATE_EPOCH from the environment, else each PDF's review date. */
  sourceDate?: Date | undefined;
  /** Hears each deck PDF's own time (for `npm run bench`). */
  onPdfDone?: ((job: PdfJob, ms: number) => void) | undefined;
}

export interface BuildReport {
  documents: number;
  pdfs: PdfJob[];
  /** PDFs taken from the cache instead of printed. */
  cachedPdfs: number;
  /** True when nothing had changed since the last build into this folder, so nothing was done. */
  upToDate: boolean;
  timings: { check: number; eleventy: number; search: number; pdfs: number; swap: number; total: number };
}

export async function build(options: BuildOptions): Promise<BuildReport> {
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  const content = loadContent(options.contentDir);
  // Issue 14: a translation whose source changed still builds (the source's fix must not wait for the
  // translator), but says so; `npm run check` fails on it.
  for (const drift of content.translationDrift) log(`warning: ${drift.message}`);
  const browserPath = options.skipPdfs ? undefined : findBrowser({ flag: options.browserFlag });
  const sourceDate = options.sourceDate ?? sourceDateFromEnv();
  const t1 = performance.now();

  const outDir = path.resolve(options.outDir);
  // Nothing that shapes the output has changed since the last good build into this folder, and nothing has
  // changed the folder since (a dev server, a merge, a hand edit): nothing to do.
  const fingerprint = options.cacheDir
    ? inputFingerprint([options.contentDir, path.join(options.root, "templates"), path.join(options.root, "src"), path.join(options.root, ".eleventy.js"), path.join(options.root, "package-lock.json")], {
        browserPath: browserPath ?? null,
        shard: options.shard ?? null,
        concurrency: options.concurrency ?? null,
        sourceDate: sourceDate?.toISOString() ?? null,
      })
    : undefined;
  const fingerprintPath = options.cacheDir ? fingerprintFile(options.cacheDir, outDir) : undefined;
  if (!options.force && fingerprint && fingerprintPath && existsSync(outDir) && existsSync(fingerprintPath) && readFileSync(fingerprintPath, "utf8") === `${fingerprint}\n${outputSignature(outDir)}`) {
    const done = performance.now() - t0;
    log(`up to date: nothing changed since the last build into ${options.outDir}`);
    return { documents: content.documents.length, pdfs: [], cachedPdfs: 0, upToDate: true, timings: { check: done, eleventy: 0, search: 0, pdfs: 0, swap: 0, total: done } };
  }
  removeStaleStaging(outDir);
  const staging = stagingFolder(outDir);
  // With no PDF cache to draw on, every PDF prints: Chromium starts now, while Eleventy builds the site, instead
  // of after it (about 0.3 s of a small build). With a cache, it starts only if something is left to print.
  const coldCache = !options.cacheDir || !existsSync(path.join(options.cacheDir, "pdfs"));
  const early = browserPath && coldCache ? launchBrowser(browserPath) : undefined;
  early?.catch(() => undefined);
  try {
    await buildSite({ input: options.contentDir, output: staging, configPath: path.join(options.root, ".eleventy.js") }, options.signal);
    const tSite = performance.now();
    // Search reads the finished pages, so Pagefind indexes the staging folder right after Eleventy.
    const search = await writeSearchIndex(staging, unlistedHtmlFiles());
    // Made from the finished deck pages, and never indexed for search: the deck's own page is.
    writeSingleFileDecks(staging);
    if (options.signal?.aborted) throw new InterruptedError(String(options.signal.reason));
    const t2 = performance.now();
    log(`site: ${content.documents.length} documents built and ${search.pages} pages indexed for search in ${((t2 - t1) / 1000).toFixed(2)} s`);

    let pdfs: PdfJob[] = [];
    let cachedPdfs = 0;
    if (browserPath) {
      const result = await renderPdfs({
        outDir: staging,
        browserPath,
        browser: early,
        concurrency: options.concurrency,
        signal: options.signal,
        cacheDir: options.cacheDir ? path.join(options.cacheDir, "pdfs") : undefined,
        shard: options.shard,
        sourceDate,
        onPdfDone: options.onPdfDone,
      });
      pdfs = result.jobs;
      cachedPdfs = result.cached;
      // parts-print: the fitted type step reaches the handout's web page, for printing it from a browser.
      await writeFittedPrintStyles(staging, readManifest(staging), result.rendered);
      const shard = options.shard ? ` (shard ${options.shard.index}/${options.shard.count})` : "";
      log(`pdfs: ${pdfs.length - cachedPdfs} printed, ${cachedPdfs} unchanged from the cache${shard}, in ${(result.ms / 1000).toFixed(2)} s with ${browserPath}`);
    }
    const t3 = performance.now();

    await swapIntoPlace(staging, outDir);
    if (fingerprint && fingerprintPath) {
      await mkdir(path.dirname(fingerprintPath), { recursive: true });
      await writeFile(fingerprintPath, `${fingerprint}\n${outputSignature(outDir)}`);
    }
    const t4 = performance.now();
    return {
      documents: content.documents.length,
      pdfs,
      cachedPdfs,
      upToDate: false,
      timings: { check: t1 - t0, eleventy: tSite - t1, search: t2 - tSite, pdfs: t3 - t2, swap: t4 - t3, total: t4 - t0 },
    };
  } catch (error) {
    // Eleventy may still be finishing passthrough copies into the staging folder when it reports an error, so
    // retry the removal, and never let a cleanup problem hide the error that stopped the build.
    await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }).catch(() => undefined);
    // A full disk or a read-only folder is the user's to fix: one sentence with the path, not a stack.
    throw writeErrorFrom(error) ?? error;
  } finally {
    // The renderer closes the browser it printed with; this one is for a browser started early whose PDFs never
    // came to print (the site build failed, or was interrupted). Closing twice is harmless.
    if (early) await early.then(closeBrowser, () => undefined);
  }
}
