/**
 * The links-and-images gate's first half, run on the Markdown while content loads (load-content.ts), so the
 * build stops before anything is built, naming the file and line: a link to a page of this site that does not
 * exist, an image whose file is missing, an image without alt text, or an image from another site. The second
 * half (links.ts) reads the built HTML, template links included.
 *
 * Images are written relative to the Markdown file (`![An MRI of the knee](knee-mri.png)` beside knee.md); the
 * build copies each one next to the page that shows it (src/eleventy/plugin.ts). Images in a snippet are
 * relative to the snippet file.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import MarkdownItFactory from "markdown-it";
import type { Token } from "markdown-it";
import { ContentError } from "../errors.ts";

export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"] as const;

export interface MarkdownTarget {
  kind: "link" | "image";
  /** The address as markdown-it normalized it (percent-encoded). */
  target: string;
  /** Image alt text ("" when none). */
  alt: string;
  /** 1-based line in the body. */
  line: number;
}

// Plain CommonMark is enough to find links and images: the project's own syntax (`[@KEY]`, `![[snippet]]`) is
// neither, and raw HTML is off in content.
const parser = new MarkdownItFactory({ html: false, linkify: false });

export function findMarkdownTargets(body: string): MarkdownTarget[] {
  const lines = body.split("\n");
  const found: MarkdownTarget[] = [];
  const lineOf = (block: Token, needle: string): number => {
    const [start, end] = block.map ?? [0, 1];
    // An inline token spans a whole paragraph; find the line that holds this address.
    for (let index = start; index < end; index++) {
      if ((lines[index] ?? "").includes(needle)) return index + 1;
    }
    return start + 1;
  };
  for (const block of parser.parse(body, {})) {
    for (const child of block.children ?? []) {
      if (child.type === "image") {
        const target = String(child.attrGet("src") ?? "");
        found.push({ kind: "image", target, alt: child.content.trim(), line: lineOf(block, safeDecode(target)) });
      } else if (child.type === "link_open") {
        const target = String(child.attrGet("href") ?? "");
        found.push({ kind: "link", target, alt: "", line: lineOf(block, safeDecode(target)) });
      }
    }
  }
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

export interface TargetContext {
  /** The file as reported in errors (relative to the folder that holds content/). */
  source: string;
  /** The Markdown file on disk: images resolve against its folder. */
  file: string;
  contentDir: string;
  body: string;
  /** Body line 1 is this line of the file. */
  firstLine: number;
  /** The document's site URL (`/handouts/knee/`); undefined for a snippet, whose relative links depend on the page. */
  pageUrl: string | undefined;
  /** Site paths of every document and its PDFs, like `/topic/handouts/knee/` and `/topic/handouts/knee/knee.letter.pdf`. */
  knownUrls: ReadonlySet<string>;
  /**
   * A site-absolute link written as a document's name (`/handouts/knee/`, `/when-to-get-help/`) means that
   * document in the linking document's topic (src/content/names.ts): the address it becomes, a problem, `{}` when
   * the target failed to load (reported there), or undefined when the link is not such a name.
   */
  resolveLink?: ((sitePath: string) => { found?: string | undefined; problem?: string | undefined } | undefined) | undefined;
}

const hasScheme = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");

export function checkMarkdownTargets(ctx: TargetContext): ContentError[] {
  const errors: ContentError[] = [];
  const fail = (line: number, problem: string): void => {
    errors.push(new ContentError(ctx.source, problem, { line: line + ctx.firstLine - 1 }));
  };
  for (const { kind, target, alt, line } of findMarkdownTargets(ctx.body)) {
    const written = safeDecode(target);
    if (kind === "image") {
      if (!alt) fail(line, `image \`${written}\` has no alt text: describe what it shows between the brackets, like ![An MRI of the knee](${written})`);
      if (hasScheme(target)) {
        // data:, file: and other non-web addresses are refused by markdown-safety.ts, with their own fix.
        if (!/^(https?:|\/\/)/i.test(target)) continue;
        fail(line, `image \`${written}\` comes from another site, which would tell that site who reads the page: save the file beside this Markdown file and write its name`);
        continue;
      }
      if (written.startsWith("/")) {
        fail(line, `image \`${written}\`: write the path relative to this Markdown file, like \`${path.posix.basename(written)}\` for a file beside it`);
        continue;
      }
      const pathOnly = written.replace(/[?#].*$/, "");
      const ext = path.extname(pathOnly).slice(1).toLowerCase();
      if (!(IMAGE_EXTENSIONS as readonly string[]).includes(ext)) {
        fail(line, `image \`${written}\` is not an image file the site can show: use ${IMAGE_EXTENSIONS.map((e) => `.${e}`).join(", ")}`);
        continue;
      }
      const full = path.resolve(path.dirname(ctx.file), pathOnly);
      const inside = full.startsWith(path.resolve(ctx.contentDir) + path.sep);
      const shown = path.relative(path.dirname(path.resolve(ctx.contentDir)), full).split(path.sep).join("/");
      if (!inside) fail(line, `image \`${written}\` is outside the content folder: move the file into content/, beside this Markdown file`);
      else if (!existsSync(full) || !statSync(full).isFile()) fail(line, `image file \`${written}\` not found (looked for ${shown}): add the file, or fix the name`);
      continue;
    }
    if (!target || target.startsWith("#") || hasScheme(target)) continue;
    if (ctx.pageUrl === undefined && !written.startsWith("/")) continue;
    const sitePath = new URL(written, `https://site.invalid${ctx.pageUrl ?? "/"}`).pathname;
    let decodedPath = safeDecode(sitePath);
    if (written.startsWith("/") && ctx.resolveLink) {
      const named = ctx.resolveLink(decodedPath);
      if (named?.problem) {
        fail(line, named.problem);
        continue;
      }
      if (named && !named.found) continue;
      if (named?.found) decodedPath = named.found;
    }
    if (ctx.knownUrls.has(decodedPath) || decodedPath.startsWith("/assets/")) continue;
    // A relative link to an image beside the Markdown file is copied like an image.
    if (!written.startsWith("/") && existsSync(path.resolve(path.dirname(ctx.file), written.replace(/[?#].*$/, "")))) continue;
    const withSlash = decodedPath.endsWith("/") ? undefined : `${decodedPath}/`;
    const lastSegment = decodedPath.split("/").filter(Boolean).pop();
    const suggestion =
      withSlash && ctx.knownUrls.has(withSlash)
        ? withSlash
        : [...ctx.knownUrls].find((url) => lastSegment !== undefined && url.endsWith(`/${lastSegment}/`));
    fail(
      line,
      `link to \`${written}\`, which is not a page of this site: ` +
        (suggestion ? `did you mean \`${suggestion}\`? ` : "") +
        "pages are at /<topic>/<slug>/, handouts at /<topic>/handouts/<slug>/, slides at /<topic>/slides/<slug>/ (a topic's own are also found as /<slug>/, /handouts/<slug>/ and /slides/<slug>/)",
    );
  }
  return errors;
}
