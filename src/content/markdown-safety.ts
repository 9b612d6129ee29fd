/**
 * What the docs forbid in content, refused before anything is built, each with the file, the line and the fix:
 *
 * - raw HTML and HTML comments in Markdown (the site's Markdown has HTML off, so they would print as visible
 *   text on a patient's sheet);
 * - links and images to addresses that are not web pages: `javascript:`, `data:`, `vbscript:`, `file:` and any
 *   other scheme but http(s), mailto and tel (markdown-it would print them as text, not links);
 * - template tags (`{{`, `{%`, `{#`) in Markdown and in front matter, clinic and reference text: templates
 *   never run on content, so they too would print as written;
 * - HTML in front matter, clinic and reference text;
 * - lists and quotes nested deeper than the parser follows (markdown-it drops what is deeper, silently).
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import type { StateBlock, Token } from "markdown-it";
import { ContentError } from "../errors.ts";

/**
 * How deep lists and quotes may nest, in markdown-it's levels (a list and its item are two). Well under
 * markdown-it's own limit (maxNesting, 100), so the deepest text is reported instead of dropped; real handouts
 * nest two or three lists.
 */
export const MAX_NESTING_LEVEL = 20;

/** A block rule that runs first at every level, and reports the line where content nests too deep. */
export function nestingLimitPlugin(md: MarkdownIt, onTooDeep: (state: StateBlock, line: number) => void): void {
  md.block.ruler.before("table", "nesting_limit", (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
    if (!silent && state.level > MAX_NESTING_LEVEL) onTooDeep(state, startLine);
    return false;
  });
}

const TEMPLATE_TAG = /\{[{%#]|[}%#]\}/;
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|<!--|<!\[CDATA\[|<![a-z]/i;
const WEB_LINK = /^(?:https?:|mailto:|tel:)/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

// HTML on, and every address accepted, so that what the site's parser would turn into text is found here.
const parser = new MarkdownItFactory({ html: true, linkify: false });
parser.validateLink = () => true;
let tooDeep: number | undefined;
nestingLimitPlugin(parser, (_state, line) => {
  tooDeep ??= line;
});

/** Problems in a Markdown body; `firstLine` is the file line of body line 1. */
export function checkMarkdownSafety(source: string, body: string, firstLine: number): ContentError[] {
  const errors: ContentError[] = [];
  const lines = body.split("\n");
  const fail = (bodyLine: number, problem: string): void => {
    errors.push(new ContentError(source, problem, { line: bodyLine + firstLine - 1 }));
  };
  const lineOf = (block: Token, needle: string): number => {
    // Table cells carry no line map: search the whole body then.
    const [start, end] = block.map ?? [0, lines.length];
    for (let index = start; index < end; index++) if ((lines[index] ?? "").includes(needle)) return index + 1;
    return start + 1;
  };

  tooDeep = undefined;
  const tokens = parser.parse(body, {});
  if (tooDeep !== undefined) {
    fail(
      tooDeep + 1,
      `lists or quotes are nested more than ${MAX_NESTING_LEVEL / 2} levels deep here, deeper than the site can show (the deepest text would be lost): flatten the list`,
    );
  }

  const htmlProblem = (html: string): string => {
    const tag = html.trim().replace(/\s+/g, " ").slice(0, 40);
    return `raw HTML \`${tag}\` is not allowed in content (it would print as text on the page): write it in Markdown, e.g. **bold**, a list, or a link [words](address)`;
  };
  for (const block of tokens) {
    if (block.type === "html_block") {
      fail((block.map?.[0] ?? 0) + 1, htmlProblem(block.content));
      continue;
    }
    if (block.type === "inline" && TEMPLATE_TAG.test(block.content)) {
      // Code spans are text shown as written; every other text must not hold template tags.
      for (const child of block.children ?? []) {
        const tag = child.type === "text" ? TEMPLATE_TAG.exec(child.content)?.[0] : undefined;
        if (tag) {
          fail(lineOf(block, tag), `template tag \`${tag}\` is not allowed in content: templates never run on content, so it would print as written. Remove it, or write the text it stands for`);
          break;
        }
      }
    }
    let htmlSeen = false;
    for (const child of block.children ?? []) {
      if (child.type === "html_inline") {
        // `<b>word</b>` is one mistake, not two: the first tag of a paragraph is named.
        if (!htmlSeen) fail(lineOf(block, child.content), htmlProblem(child.content));
        htmlSeen = true;
      } else if (child.type === "link_open" || child.type === "image") {
        const attr = child.type === "image" ? "src" : "href";
        const address = String(child.attrGet(attr) ?? "").trim();
        const scheme = SCHEME.exec(address)?.[1]?.toLowerCase();
        if (!scheme) continue;
        const needle = address.slice(0, scheme.length + 1);
        if (child.type === "image") {
          // Images from http(s) sites are refused by the links check (markdown-targets.ts), with its own fix.
          if (scheme !== "http" && scheme !== "https") {
            fail(lineOf(block, needle), `image address \`${shorten(address)}\` is not a file: save the picture beside this Markdown file and write its file name, like ![What it shows](picture.png)`);
          }
        } else if (!WEB_LINK.test(address)) {
          fail(lineOf(block, needle), `link to \`${shorten(address)}\`: a \`${scheme}:\` address is not a web page and is not allowed; link to https://…, mailto:… or tel:…, or to a page of this site`);
        }
      }
    }
  }
  return errors;
}

/**
 * Strings in front matter, clinic settings or a reference that would print as something other than what they
 * say: HTML (escaped, so shown as tags) or template tags (never run). `lineOf` finds the line of a top-level key.
 */
export function checkDataStrings(source: string, raw: unknown, lineOf: (key: string) => number | undefined, what = "field"): ContentError[] {
  const errors: ContentError[] = [];
  // YAML aliases can make one object appear many times (and a "billion laughs" file, billions of times): each
  // object is visited once, and no deeper than any real field goes.
  const seen = new Set<object>();
  const visit = (value: unknown, path: string[]): void => {
    if (path.length > 12) return;
    if (typeof value === "string") {
      const field = path.join(".");
      const line = path[0] === undefined ? undefined : lineOf(path[0]);
      const tag = TEMPLATE_TAG.exec(value)?.[0];
      if (tag) {
        errors.push(new ContentError(source, `${what} \`${field}\` holds the template tag \`${tag}\`: templates never run on content, so it would print as written. Write the text itself`, { line }));
      }
      const html = HTML_TAG.exec(value)?.[0];
      if (html) {
        errors.push(new ContentError(source, `${what} \`${field}\` holds HTML \`${shorten(html)}\`, which would print as text: write plain words (no tags)`, { line }));
      }
    } else if (value !== null && typeof value === "object") {
      if (seen.has(value)) return;
      seen.add(value);
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)]));
    } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(raw, []);
  return errors;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 50 ? `${flat.slice(0, 47)}...` : flat;
}
