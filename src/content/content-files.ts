/**
 * What may be in the content folder at all, checked before any file is read for its content. The build copies
 * or renders files from content/, so a file that is code, a link to somewhere else, or not what its name says
 * would otherwise reach the site:
 *
 * - code or raw data Eleventy would load (`*.11tydata.js`, a folder's `<folder>.json`, any `.js`): content is
 *   data, and only the files the schema knows are read (clinic.json, the YAML lists, Markdown);
 * - links (symlinks): every file the build copies or renders must be a real file inside content/, so a link to
 *   `/etc/passwd` named `scan.png`, or a linked folder that would skip the checks, is refused by the link's name;
 * - images whose bytes are not the image their extension says, and SVGs that could run code or fetch from
 *   elsewhere (svg-safety.ts);
 * - file and folder names that cannot be addresses: slugs are lower-case letters, digits and hyphens.
 */
import { lstatSync, openSync, readdirSync, readFileSync, readSync, closeSync, realpathSync } from "node:fs";
import path from "node:path";
import { ContentError } from "../errors.ts";
import { checkSvg } from "./svg-safety.ts";
import { IMAGE_EXTENSIONS } from "../check/markdown-targets.ts";
import { documentFileName } from "./names.ts";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Files Eleventy or Node would run or merge into the data, wherever they are in content/. */
const CODE_FILE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/i;
/** Template and web page files: Eleventy renders such files when their format is on, and content holds none. */
const TEMPLATE_FILE = /\.(?:njk|liquid|webc|hbs|handlebars|mustache|ejs|haml|pug|html?|xhtml|11ty\.\w+)$/i;
/** The global data folder Eleventy is pointed at (.eleventy.js), so that nothing in content/ is global data. */
export const NO_RAW_DATA_DIR = "_no_raw_data";

/** Checks every entry under the content folder; returns the problems, each naming the file. */
export function checkContentFiles(contentDir: string): ContentError[] {
  const root = path.resolve(contentDir);
  const realRoot = safeRealpath(root) ?? root;
  const shown = (full: string): string => path.relative(path.dirname(root), full).split(path.sep).join("/");
  const errors: ContentError[] = [];
  const fail = (full: string, problem: string): void => {
    errors.push(new ContentError(shown(full), problem));
  };

  const walk = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        const target = safeRealpath(full);
        if (target === undefined) fail(full, "is a link to a file that does not exist: remove the link, and put the real file here instead");
        else if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
          fail(full, `is a link to ${target}, outside the content folder; the build never publishes files from outside content/: copy the file here instead of linking to it`);
        } else {
          fail(full, `is a link to ${shown(path.join(root, path.relative(realRoot, target)))}; the build does not follow links: move or copy the file here instead`);
        }
        continue;
      }
      if (stat.isDirectory()) {
        if (entry.name === NO_RAW_DATA_DIR && depth === 0) {
          fail(full, `the folder name \`${NO_RAW_DATA_DIR}\` is reserved by the build: rename the folder`);
          continue;
        }
        // Folders that become part of an address (topics, and the pages/handouts/decks/figures folders).
        if (!entry.name.startsWith("_") && !entry.name.startsWith(".") && !SLUG.test(entry.name)) {
          fail(full, `folder name \`${entry.name}\` cannot be part of a web address: use lower-case letters, digits and hyphens, like \`${suggestSlug(entry.name)}\``);
        }
        walk(full, depth + 1);
        continue;
      }
      if (!stat.isFile()) {
        fail(full, "is not a regular file (a device, pipe or socket): remove it from the content folder");
        continue;
      }
      checkFile(full, entry.name, relative, fail);
    }
  };
  walk(root, 0);
  return errors;
}

function checkFile(full: string, name: string, relative: string[], fail: (full: string, problem: string) => void): void {
  const ext = path.extname(name).slice(1).toLowerCase();
  const inUnderscore = relative.slice(0, -1).some((part) => part.startsWith("_") || part.startsWith("."));
  if (CODE_FILE.test(name)) {
    fail(full, "content is data, never code: a script in content/ would run during the build (Eleventy reads `*.11tydata.js` and folder `.js` files as data). Remove the file; front matter holds a document's data");
    return;
  }
  if (/\.11tydata\./i.test(name) && ext !== "json") {
    fail(full, "Eleventy data files (`*.11tydata.*`) are not read: a document's data is its front matter, checked by the build. Remove the file");
    return;
  }
  if (TEMPLATE_FILE.test(name)) {
    fail(full, "is a template or web page file, which content never holds (pages are written in Markdown; templates live in templates/): remove it, or rewrite it as a Markdown document");
    return;
  }
  if (ext === "json" && !(relative.length === 2 && relative[0] === "_data" && name === "clinic.json")) {
    fail(full, "only content/_data/clinic.json may be JSON: Eleventy would merge a JSON file beside a document or named after its folder into the pages' data, unchecked. Remove the file (front matter and the YAML lists in _data/ hold data)");
    return;
  }
  if ((IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
    for (const problem of checkImage(full, ext)) fail(full, problem);
    return;
  }
  if (ext === "md" && !name.endsWith(".md")) {
    fail(full, `the extension must be written \`.md\` in lower case (the build would not check \`${name}\`, but could still publish it): rename the file`);
    return;
  }
  if (ext === "md" && !inUnderscore && !name.startsWith("_") && !name.startsWith(".")) {
    // `<slug>.md`, or `<slug>.<lang>.md` for a translation beside its source (src/content/names.ts).
    const named = documentFileName(name);
    const slug = named?.slug ?? name.slice(0, -3);
    if (!named || !SLUG.test(slug)) {
      fail(full, `file name \`${name}\` cannot be a web address: the name is the slug, so use lower-case letters, digits and hyphens, like \`${suggestSlug(slug)}${named?.lang ? `.${named.lang}` : ""}.md\` (a translation adds its language tag: \`knee.es.md\`)`);
    }
  }
}

/** The first bytes each image format starts with; an image is refused unless its bytes match its extension. */
function checkImage(full: string, ext: string): string[] {
  if (ext === "svg") {
    const problems = checkSvg(readFileSync(full, "utf8"));
    return problems.map((problem) => `unsafe or broken SVG, ${problem}`);
  }
  const head = Buffer.alloc(16);
  const fd = openSync(full, "r");
  let read = 0;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, read);
  const ascii = (from: number, to: number): string => bytes.subarray(from, to).toString("latin1");
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isGif = ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a";
  const isWebp = ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP";
  const isAvif = ascii(4, 8) === "ftyp" && /^avi[fs]$/.test(ascii(8, 12));
  const ok: Record<string, boolean> = { png: isPng, jpg: isJpeg, jpeg: isJpeg, gif: isGif, webp: isWebp, avif: isAvif };
  if (ok[ext]) return [];
  const actual = isPng ? "a PNG image" : isJpeg ? "a JPEG image" : isGif ? "a GIF image" : isWebp ? "a WebP image" : isAvif ? "an AVIF image" : read === 0 ? "empty" : "not an image";
  return [`is named .${ext} but the file is ${actual}: export the picture again as a real .${ext} file, or give it the right extension`];
}

function safeRealpath(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

/** `Knee Pain.md` → `knee-pain`: a suggestion only, so accents are dropped rather than transliterated well. */
export function suggestSlug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "my-page"
  );
}
