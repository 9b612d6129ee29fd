/**
 * The gates read the built HTML, but an editor fixes the Markdown: these helpers find the line of the Markdown
 * (the document's own file, then the snippets it may include) that a sentence or a link came from.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface SourceLine {
  file: string;
  line: number;
}

/** The files a document's text may come from: its own file, then every snippet. Paths as in the manifest. */
function candidateFiles(contentDir: string, source: string): string[] {
  const snippets = path.join(contentDir, "_snippets");
  const snippetFiles = existsSync(snippets)
    ? readdirSync(snippets)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => `${path.basename(contentDir)}/_snippets/${name}`)
    : [];
  return [source, ...snippetFiles];
}

function readLines(contentDir: string, file: string): string[] {
  const full = path.join(path.dirname(path.resolve(contentDir)), file);
  // A generated page's "source" is the templates folder: nothing to search there.
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, "utf8").split(/\r?\n/) : [];
}

/** Markdown as a reader sees it: no emphasis marks, link text without its address, no citations. */
function plain(line: string): string {
  return line
    .replace(/\[@[^\]]*\]/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ");
}

/** The line where a sentence of the rendered text starts, found by its first few words. */
export function findSentence(contentDir: string, source: string, sentence: string): SourceLine | undefined {
  const head = sentence.replace(/\s+/g, " ").split(" ").slice(0, 6).join(" ").replace(/[“”"]/g, "");
  if (!head) return undefined;
  for (const file of candidateFiles(contentDir, source)) {
    const index = readLines(contentDir, file).findIndex((line) => plain(line).replace(/[“”"]/g, "").includes(head));
    if (index !== -1) return { file, line: index + 1 };
  }
  return undefined;
}

/**
 * The line of a Markdown link or image whose address resolves to `resolved`: relative addresses against the
 * page's URL, site-absolute ones (`/when-to-get-help/`) against the site's base URL, as the build rewrites them.
 */
export function findLinkTarget(contentDir: string, source: string, pageUrl: string, baseUrl: string, resolved: string): SourceLine | undefined {
  const strip = (url: string): string => url.replace(/#.*$/, "");
  for (const file of candidateFiles(contentDir, source)) {
    const lines = readLines(contentDir, file);
    for (let index = 0; index < lines.length; index++) {
      for (const match of (lines[index] ?? "").matchAll(/\]\(\s*<?([^)\s>]+)/g)) {
        try {
          const written = match[1] ?? "";
          const target = (written.startsWith("/") && !written.startsWith("//") ? new URL(written.slice(1), baseUrl) : new URL(written, pageUrl)).href;
          if (target === resolved || strip(target) === strip(resolved)) return { file, line: index + 1 };
        } catch {
          // not a URL; not the one we look for
        }
      }
    }
  }
  return undefined;
}
