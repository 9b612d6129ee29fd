/**
 * Answers a page's requests from the built folder. Pages load under the site's public base URL, so links and
 * QR codes in a PDF point at the real site; every request outside it is blocked, so nothing leaks and nothing
 * slow or missing sneaks into a PDF.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { HTTPRequest, Page } from "puppeteer-core";

/** Content types of the files a built site holds (also used by the tests' static server). */
export const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".pdf": "application/pdf",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Maps a URL under baseUrl to a file in outDir, or undefined for anything outside the site. */
export function fileForUrl(url: string, baseUrl: string, outDir: string): string | undefined {
  // Compare the normalized URL: `/guide/../../etc` must not pass for a URL under `/guide/`.
  const parsed = new URL(url);
  if (!`${parsed.origin}${parsed.pathname}`.startsWith(baseUrl)) return undefined;
  const pathname = decodeURIComponent(parsed.pathname);
  const basePath = new URL(baseUrl).pathname;
  let relative = pathname.slice(basePath.length);
  if (relative === "" || relative.endsWith("/")) relative += "index.html";
  const file = path.resolve(outDir, relative);
  // Never serve anything outside the built folder, whatever the URL says.
  if (file !== path.resolve(outDir) && !file.startsWith(path.resolve(outDir) + path.sep)) return undefined;
  return file;
}

export interface ServeLog {
  blocked: string[];
  missing: string[];
  /** Every file answered, relative to the built folder: what shaped the page (the PDF cache keys on these). */
  served: string[];
}

/** Answers one page's requests; a tab that prints one job after another starts a new log for each job. */
export interface Serving {
  /** Requests from now on are recorded in the returned log (and no longer in the previous one). */
  newLog: () => ServeLog;
}

export interface ServeOptions {
  /** Hears how long each request took to answer (for `npm run bench`). */
  onAnswered?: ((ms: number) => void) | undefined;
  /**
   * Files already read during this run, shared by every tab: the stylesheets, fonts and scripts every page
   * loads are read from disk once, not once per PDF. Pages (.html) are not kept: each is printed a few times
   * at most, and a big site's pages would pile up in memory.
   */
  files?: Map<string, Promise<Buffer>> | undefined;
}

export async function startServing(page: Page, baseUrl: string, outDir: string, options: ServeOptions = {}): Promise<Serving> {
  let log: ServeLog = { blocked: [], missing: [], served: [] };
  await page.setRequestInterception(true);
  page.on("request", (request: HTTPRequest) => {
    const started = performance.now();
    void answer(request, baseUrl, outDir, log, options.files).finally(() => options.onAnswered?.(performance.now() - started));
  });
  return {
    newLog: () => {
      log = { blocked: [], missing: [], served: [] };
      return log;
    },
  };
}

/** Serves a page that loads once: the returned log records everything it asked for. */
export async function serveFromOutput(page: Page, baseUrl: string, outDir: string): Promise<ServeLog> {
  return (await startServing(page, baseUrl, outDir)).newLog();
}

function read(file: string, files: Map<string, Promise<Buffer>> | undefined): Promise<Buffer> {
  if (!files || file.endsWith(".html")) return readFile(file);
  let bytes = files.get(file);
  if (!bytes) {
    bytes = readFile(file);
    files.set(file, bytes);
    // A failed read (a missing file) is answered with 404 each time it is asked for, and not kept.
    bytes.catch(() => files.delete(file));
  }
  return bytes;
}

async function answer(request: HTTPRequest, baseUrl: string, outDir: string, log: ServeLog, files: Map<string, Promise<Buffer>> | undefined): Promise<void> {
  const url = request.url();
  if (url.startsWith("data:") || url.startsWith("blob:")) return request.continue();
  const file = fileForUrl(url, baseUrl, outDir);
  if (!file) {
    log.blocked.push(url);
    return request.abort("blockedbyclient");
  }
  try {
    const body = await read(file, files);
    log.served.push(path.relative(outDir, file).split(path.sep).join("/"));
    await request.respond({ status: 200, contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream", body });
  } catch {
    // Chromium asks for /favicon.ico on its own; only files the page itself links count as missing.
    if (!url.endsWith("/favicon.ico")) log.missing.push(url);
    await request.respond({ status: 404, contentType: "text/plain", body: "Not found" });
  }
}
