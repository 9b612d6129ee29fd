/**
 * The site's search index: Pagefind reads the built HTML and writes a static index (and its own search
 * interface) to pagefind/ beside the pages, so search needs no server and asks nothing of a third party.
 *
 * Pagefind's binary comes in a platform package (`@pagefind/linux-x64`, …) that npm installs as an optional
 * dependency: an install with `--omit=optional` leaves it out, and the build says so rather than failing obscurely.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { ExitCode, UserError, writeErrorFrom } from "../errors.ts";
import { isDeckPrintPage } from "../content/urls.ts";
import { isRedirectPage } from "../eleventy/redirects.ts";

export const SEARCH_FOLDER = "pagefind";

/** Pagefind missing or failing: an install to repair, not content to fix. */
export class SearchIndexError extends UserError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.bug, options);
  }
}

export interface SearchIndexReport {
  pages: number;
}

/**
 * Indexes every HTML page in `siteDir` except those in `skip` (site-relative paths such as `404.html`).
 * What a page contributes is decided in its templates: `data-pagefind-ignore` marks navigation, sources and
 * footers, so results match what the page is about. Glossary terms (src/markdown/terms.ts) carry their synonyms
 * in a `data-synonyms` attribute that `data-pagefind-index-attrs` asks Pagefind to index, so "oedema" finds a
 * page that says "edema" without the synonym showing on the page.
 */
export async function writeSearchIndex(siteDir: string, skip: Pick<ReadonlySet<string>, "has">): Promise<SearchIndexReport> {
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({ excludeSelectors: EXCLUDED });
    if (!index) throw new SearchIndexError(`Pagefind could not start: ${errors.join("; ")}. ${REINSTALL}`);
    let pages = 0;
    for (const file of htmlFiles(siteDir)) {
      // A deck's print page repeats its slides: one result per deck, the deck itself.
      if (skip.has(file) || isDeckPrintPage(file)) continue;
      const url = `/${file.replace(/(^|\/)index\.html$/, "$1")}`;
      const content = readFileSync(path.join(siteDir, file), "utf8");
      // An old address's redirect page (src/eleventy/redirects.ts) is not a page of its own.
      if (isRedirectPage(content)) continue;
      const added = await index.addHTMLFile({ url, content });
      if (added.errors.length) throw new SearchIndexError(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
      pages++;
    }
    // The files come back to be written here, not by Pagefind's binary: on a full disk the binary panics and its
    // promise never settles (Node then exits 13 mid-build), where our own write fails with ENOSPC and the path.
    const got = await index.getFiles();
    if (got.errors.length) throw new SearchIndexError(`Pagefind could not make the search index: ${got.errors.join("; ")}`);
    for (const file of got.files) {
      const target = path.join(siteDir, SEARCH_FOLDER, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      // A failed write says which file (Node's write errors carry no path).
      await writeFile(target, file.content).catch((error: unknown) => {
        throw Object.assign(error as Error, { path: (error as { path?: string }).path ?? target });
      });
    }
    return { pages };
  } catch (error) {
    if (error instanceof SearchIndexError || writeErrorFrom(error)) throw error;
    throw new SearchIndexError(`Pagefind failed to build the search index (${(error as Error).message}). ${REINSTALL}`, { cause: error });
  } finally {
    await pagefind.close();
  }
}

/**
 * Left out of what a result matches and quotes: citation numbers, and the parts of a handout that are the same on
 * every handout (its toolbar, clinic name, and footer with contact details, sources and QR code).
 */
const EXCLUDED = ["sup.cite", ".skip-link", ".handout-toolbar", ".sheet-brand", ".sheet-footer"];

const REINSTALL = "Its binary comes in an optional npm package (@pagefind/linux-x64 or your platform's): run `npm install` without --omit=optional.";

/** Site-relative paths of every .html file, with forward slashes, in a stable order. */
function htmlFiles(siteDir: string): string[] {
  return readdirSync(siteDir, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => file.endsWith(".html"))
    .sort();
}
