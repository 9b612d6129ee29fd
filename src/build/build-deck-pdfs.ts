/**
 * `npm run build -- --only deck-pdfs`: each deck's 16:9 slides PDF and slides-with-notes PDF, the same files the
 * full build makes, and nothing else: no site, no search index, no handouts, no PowerPoint or one-file deck.
 *
 * The content is loaded and checked as for the full build; each deck's page is rendered without Eleventy
 * (deck-page-html.ts) and turned into its static print page (the same HTML the full build writes); the print pages
 * and the files they load are written into a scratch folder and printed by the full build's renderer
 * (renderPdfs), with one Chromium that the caller starts before anything else, so its start-up overlaps loading
 * and rendering the content. The PDFs (and render-report.json) are staged and swapped into the output folder as
 * the full build does: a failed run leaves the previous output as it was.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser } from "puppeteer-core";
import { listDocumentFiles, loadContent } from "../content/load-content.ts";
import { deckPrintPath, documentUrl, htmlPathFor } from "../content/urls.ts";
import { DEFAULT_CONCURRENCY, openBlankTab, renderPdfs, RENDER_REPORT } from "../pdf/render-pdfs.ts";
import { closeBrowser } from "../pdf/launch-browser.ts";
import type { PdfJob } from "../pdf/jobs.ts";
import type { JobTimings } from "../pdf/timing.ts";
import { buildManifest } from "../eleventy/manifest.ts";
import { brandCss } from "../eleventy/brand-css.ts";
import { deckPrintPageHtml } from "../eleventy/deck-print-page.ts";
import { CLINIC_LOGO, assetCopies, copyContentImages } from "../eleventy/site-templating.ts";
import { InterruptedError, writeErrorFrom } from "../errors.ts";
import { removeStaleStaging, stagingFolder, swapIntoPlace } from "./staging.ts";
import { renderDeckPages, type DeckPage } from "./deck-page-html.ts";

export interface DeckPdfsOptions {
  contentDir: string;
  outDir: string;
  browserPath: string;
  /** Chromium already starting (launchBrowser); this build closes it whatever happens. */
  browser?: Promise<Browser> | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Folder of the PDF cache (shared with the full build: the same print page gives the same key). */
  cacheDir?: string | undefined;
  sourceDate?: Date | undefined;
  log?: (line: string) => void;
  onPdfDone?: ((job: PdfJob, ms: number) => void) | undefined;
  onGroupDone?: ((jobs: PdfJob[], ms: number, timings: JobTimings) => void) | undefined;
}

export interface DeckPdfsReport {
  decks: number;
  pdfs: PdfJob[];
  cachedPdfs: number;
  timings: { content: number; pages: number; pdfs: number; swap: number; total: number };
}

export async function buildDeckPdfs(options: DeckPdfsOptions): Promise<DeckPdfsReport> {
  const log = options.log ?? (() => undefined);
  const t0 = performance.now();
  const outDir = path.resolve(options.outDir);
  let work: string | undefined;
  let staging: string | undefined;
  // Each deck prints in a tab of its own (up to the pool's size): those tabs open as soon as Chromium is up,
  // while the content is still being loaded and rendered here (a new tab takes 0.1–0.2 s).
  const decks = existsSync(options.contentDir) ? listDocumentFiles(options.contentDir).filter((file) => path.basename(path.dirname(file)) === "decks").length : 0;
  const tabs = Math.min(decks, options.concurrency ?? DEFAULT_CONCURRENCY);
  const blankTabs = options.browser?.then((browser) => Promise.all(Array.from({ length: tabs }, () => openBlankTab(browser))));
  blankTabs?.catch(() => undefined);
  try {
    const content = loadContent(options.contentDir);
    const t1 = performance.now();
    const pages = await renderDeckPages(content);
    if (options.signal?.aborted) throw new InterruptedError(String(options.signal.reason));
    work = await mkdtemp(path.join(os.tmpdir(), "deck-pdfs-"));
    writePrintFolder(work, content, pages);
    const t2 = performance.now();
    log(`decks: ${pages.length} print pages rendered in ${((t2 - t0) / 1000).toFixed(2)} s`);

    const result = await renderPdfs({
      outDir: work,
      browserPath: options.browserPath,
      browser: options.browser,
      concurrency: options.concurrency,
      signal: options.signal,
      cacheDir: options.cacheDir,
      sourceDate: options.sourceDate,
      onPdfDone: options.onPdfDone,
      onGroupDone: options.onGroupDone,
      blankTabs,
    });
    const t3 = performance.now();
    log(`pdfs: ${result.jobs.length - result.cached} printed, ${result.cached} unchanged from the cache, in ${(result.ms / 1000).toFixed(2)} s with ${options.browserPath}`);

    removeStaleStaging(outDir);
    staging = stagingFolder(outDir);
    for (const file of [...result.jobs.map((job) => job.output), RENDER_REPORT]) {
      await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
      await copyFile(path.join(work, file), path.join(staging, file));
    }
    await swapIntoPlace(staging, outDir);
    staging = undefined;
    const t4 = performance.now();
    return { decks: pages.length, pdfs: result.jobs, cachedPdfs: result.cached, timings: { content: t1 - t0, pages: t2 - t1, pdfs: t3 - t2, swap: t4 - t3, total: t4 - t0 } };
  } catch (error) {
    if (staging) await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw writeErrorFrom(error) ?? error;
  } finally {
    // renderPdfs closes the browser it printed with; this one is for a browser whose PDFs never came to print
    // (a content mistake, or Ctrl-C). Closing twice is harmless.
    if (options.browser) await options.browser.then(closeBrowser, () => undefined);
    if (work) await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * What the decks' print pages load, laid out as in the built site: the print pages, the manifest of the deck PDFs
 * (renderPdfs's job list; no PowerPoint), the site's assets, the clinic's colours and logo, and the content's
 * images. A file missing here would fail the print with the file named, as in the full build.
 */
function writePrintFolder(dir: string, content: ReturnType<typeof loadContent>, pages: readonly DeckPage[]): void {
  for (const { place, html } of pages) {
    const file = path.join(dir, deckPrintPath(place));
    mkdirSync(path.dirname(file), { recursive: true });
    // The name the full build gives the deck's page in an error about it (writeDeckPrintPages).
    writeFileSync(file, deckPrintPageHtml(html, htmlPathFor(documentUrl(place))));
  }
  const manifest = buildManifest(content);
  manifest.artifacts = manifest.artifacts
    .filter((artifact) => artifact.kind === "deck")
    .map(({ pptx: _pptx, singleFile: _singleFile, ...artifact }) => artifact);
  writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [from, to] of Object.entries(assetCopies())) copyAsset(from, path.join(dir, to));
  writeFileSync(path.join(dir, "assets", "brand.css"), brandCss(content.clinic.brandColor));
  if (content.clinic.logo) {
    copyFileSync(path.join(content.contentDir, content.clinic.logo), path.join(dir, "assets", `${CLINIC_LOGO}${path.extname(content.clinic.logo)}`));
  }
  copyContentImages(content.contentDir, dir);
}

/** Copies a file, a folder, or the files a `*` pattern in the last part of `from` matches (Eleventy's passthrough copy, as used). */
function copyAsset(from: string, to: string): void {
  const source = path.resolve(from);
  if (path.basename(source).includes("*")) {
    const pattern = new RegExp(`^${path.basename(source).split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(path.dirname(source)).filter((n) => pattern.test(n))) copyFileSync(path.join(path.dirname(source), name), path.join(to, name));
  } else if (existsSync(source) && statSync(source).isDirectory()) {
    cpSync(source, to, { recursive: true });
  } else {
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(source, to);
  }
}
