/**
 * A content-addressed cache of printed PDFs, so a rebuild prints only what changed.
 *
 * An entry is found by a hash of the job (kind, paper, edition, title and the other metadata written into the
 * PDF, the clinic named as author), the HTML printed and the renderer (Chromium binary, puppeteer-core, our own
 * src/pdf code). It is valid only while every file the page loaded when it was printed (CSS, fonts, images,
 * scripts, the clinic's brand colours) still has the same bytes: those are recorded with the entry and checked.
 * A change to one handout therefore re-prints that handout's PDFs only; a change to the clinic's settings or the
 * stylesheet re-prints everything that uses them.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { PdfJob } from "./jobs.ts";
import { htmlPathFor } from "../content/urls.ts";

const require = createRequire(import.meta.url);

export interface CacheEntry {
  /** Files the page loaded, relative to output/, with the sha256 of their bytes when it was printed. */
  dependencies: Record<string, string>;
  pages: number;
  fit?: number;
  figure?: number;
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Everything about the renderer that could change a PDF's bytes. */
export function rendererFingerprint(browserPath: string): string {
  const hash = createHash("sha256");
  const browser = statSync(browserPath);
  hash.update(`${browserPath}\0${browser.size}\0${browser.mtimeMs}\0`);
  hash.update(readFileSync(require.resolve("puppeteer-core/package.json")));
  hash.update(readFileSync(require.resolve("pdf-lib/package.json")));
  const pdfDir = import.meta.dirname;
  for (const name of readdirSync(pdfDir).filter((n) => n.endsWith(".ts")).sort()) hash.update(readFileSync(path.join(pdfDir, name)));
  return hash.digest("hex");
}

export class PdfCache {
  readonly dir: string;
  private readonly renderer: string;
  private readonly site: string;
  private readonly fileHashes = new Map<string, string | undefined>();

  constructor(dir: string, renderer: string, site: unknown) {
    this.dir = dir;
    this.renderer = renderer;
    this.site = JSON.stringify(site);
  }

  key(job: PdfJob, outDir: string): string {
    const html = this.hashOf(outDir, htmlPathFor(job.url)) ?? "missing";
    return sha256(JSON.stringify([this.renderer, this.site, job, html]));
  }

  /** Copies a cached PDF (and thumbnail) into outDir when the entry is still valid. */
  async restore(key: string, job: PdfJob, outDir: string): Promise<CacheEntry | undefined> {
    const metaFile = path.join(this.dir, `${key}.json`);
    if (!existsSync(metaFile)) return undefined;
    const entry = JSON.parse(await readFile(metaFile, "utf8")) as CacheEntry;
    for (const [file, hash] of Object.entries(entry.dependencies)) {
      if (this.hashOf(outDir, file) !== hash) return undefined;
    }
    await mkdir(path.dirname(path.join(outDir, job.output)), { recursive: true });
    await copyFile(path.join(this.dir, `${key}.pdf`), path.join(outDir, job.output));
    if (job.thumbnail) {
      const thumb = path.join(this.dir, `${key}.png`);
      if (!existsSync(thumb)) return undefined;
      await copyFile(thumb, path.join(outDir, job.thumbnail));
    }
    return entry;
  }

  async store(key: string, job: PdfJob, outDir: string, served: readonly string[], result: { pages: number; fit?: number; figure?: number }): Promise<void> {
    const dependencies: Record<string, string> = {};
    for (const file of new Set(served)) {
      const hash = this.hashOf(outDir, file);
      if (hash) dependencies[file] = hash;
    }
    await mkdir(this.dir, { recursive: true });
    await copyFile(path.join(outDir, job.output), path.join(this.dir, `${key}.pdf`));
    if (job.thumbnail) await copyFile(path.join(outDir, job.thumbnail), path.join(this.dir, `${key}.png`));
    const entry: CacheEntry = {
      dependencies,
      pages: result.pages,
      ...(result.fit === undefined ? {} : { fit: result.fit }),
      ...(result.figure === undefined ? {} : { figure: result.figure }),
    };
    // Written last: an entry without its metadata is never used.
    await writeFile(path.join(this.dir, `${key}.json`), JSON.stringify(entry));
  }

  /** sha256 of a built file, read once per build. */
  private hashOf(outDir: string, file: string): string | undefined {
    if (!this.fileHashes.has(file)) {
      const full = path.join(outDir, file);
      this.fileHashes.set(file, existsSync(full) ? sha256(readFileSync(full)) : undefined);
    }
    return this.fileHashes.get(file);
  }
}
