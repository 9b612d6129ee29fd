/**
 * The Content-Security-Policy every layout sends in a `<meta http-equiv>` (templates/partials/csp.njk). Static
 * hosts differ in how headers are set, so the policy travels inside the page. Everything is self-hosted, so each
 * kind of page allows its own origin only, and only what it needs:
 *
 * - site pages run no script except the search page, which runs Pagefind (its WebAssembly needs
 *   'wasm-unsafe-eval'), and the handout and deck libraries, whose filter a small script of this site's own
 *   enhances (templates/assets/library-filter.js; the filter works as plain links without it);
 * - handouts run no script at all;
 * - decks run reveal.js from files (and show its icons, data: SVGs). reveal's speaker view writes its own page (one inline `<script>`, one
 *   `<style>` and two `style` attributes) into a blank popup window, and that window inherits this policy, so the
 *   deck policy lists the hashes of exactly those, computed from the reveal.js file the build ships.
 *
 * `frame-ancestors`, `report-uri` and `sandbox` are ignored (with a console error) in a meta policy: left out.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type PolicyKind = "page" | "library" | "search" | "handout" | "deck";

const COMMON = ["default-src 'none'", "img-src 'self'", "font-src 'self'", "style-src 'self'", "base-uri 'none'", "form-action 'self'"];

export interface PolicyOptions {
  /**
   * `npm run dev`: Eleventy's dev server adds its live-reload script (a file from the same origin) to every page,
   * and it talks to the server over a WebSocket.
   */
  dev?: boolean;
  /** What reveal's speaker view writes inline (computed from reveal.js when not given). */
  inline?: InlineHashes;
}

export function contentSecurityPolicy(kind: PolicyKind, options: PolicyOptions = {}): string {
  const directives = [...COMMON];
  if (kind === "search") {
    // Pagefind's stylesheet draws its icons as data: SVGs.
    directives[directives.indexOf("img-src 'self'")] = "img-src 'self' data:";
    directives.push("script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "worker-src 'self'");
  }
  if (kind === "deck") {
    // reveal.js's stylesheet draws its overlay buttons' icons (the help's close button) as data: SVGs.
    directives[directives.indexOf("img-src 'self'")] = "img-src 'self' data:";
    const inline = options.inline ?? revealNotesHashes();
    // Two iframes in the speaker view show the current and next slide: the deck itself, from this origin.
    directives.push(`script-src 'self' ${inline.scripts.join(" ")}`.trim(), "frame-src 'self'", "connect-src 'self'");
    const styleSrc = directives.indexOf("style-src 'self'");
    const attributeHashes = inline.styleAttributes.length ? ` 'unsafe-hashes' ${inline.styleAttributes.join(" ")}` : "";
    directives[styleSrc] = `style-src 'self' ${inline.styles.join(" ")}${attributeHashes}`.trim();
  }
  if (kind === "library") directives.push(options.dev ? "script-src 'self'; connect-src 'self'" : "script-src 'self'");
  if (kind === "page" || kind === "handout") directives.push(options.dev ? "script-src 'self'; connect-src 'self'" : "script-src 'none'");
  return directives.join("; ");
}

/**
 * The policy of a deck's single-file edition (src/build/single-file-deck.ts): nothing from anywhere, not even its
 * own folder; the scripts and stylesheets written into it allowed by their hashes, fonts and pictures only as
 * data: URLs, and the speaker view's frames (this same file) and inline parts as for the deck.
 */
export function singleFilePolicy(inlined: { scripts: string[]; styles: string[] }, speaker: InlineHashes = revealNotesHashes()): string {
  const scripts = [...inlined.scripts.map(sha256), ...speaker.scripts];
  const styles = [...inlined.styles.map(sha256), ...speaker.styles];
  const attributes = speaker.styleAttributes.length ? ` 'unsafe-hashes' ${speaker.styleAttributes.join(" ")}` : "";
  return [
    "default-src 'none'",
    "img-src data:",
    "font-src data:",
    `style-src ${styles.join(" ")}${attributes}`,
    "base-uri 'none'",
    "form-action 'none'",
    `script-src ${scripts.join(" ")}`,
    "frame-src 'self'",
  ].join("; ");
}

export interface InlineHashes {
  scripts: string[];
  styles: string[];
  styleAttributes: string[];
}

const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The CSP hashes of the inline script, style elements and style attributes in an HTML string. */
export function inlineHashes(html: string): InlineHashes {
  const all = (pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => sha256(m[1] ?? ""));
  return {
    scripts: all(/<script>([\s\S]*?)<\/script>/g),
    styles: all(/<style>([\s\S]*?)<\/style>/g),
    styleAttributes: [...new Set(all(/\sstyle="([^"]*)"/g))],
  };
}

/**
 * Turns the source text of a JavaScript template literal with no `${}` into the string it evaluates to
 * (reveal's build escapes `</script>` as `<\/script>`, and some characters as `\xHH`).
 */
export function cookTemplateLiteral(raw: string): string {
  const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };
  return raw
    .replace(/\\\r?\n/g, "")
    .replace(/\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)/g, (_, esc: string) => {
      if (/^x/.test(esc) || /^u/.test(esc)) return String.fromCodePoint(Number.parseInt(esc.replace(/^[xu]\{?|\}$/g, ""), 16));
      return simple[esc] ?? esc;
    });
}

const require = createRequire(import.meta.url);
let cached: InlineHashes | undefined;

/**
 * Hashes of what reveal's notes plugin writes into the speaker window. Found by its `document.write(` of a
 * template literal; if a reveal.js upgrade changes that, the deck test that opens the speaker view fails.
 */
export function revealNotesHashes(): InlineHashes {
  if (cached) return cached;
  const file = path.join(path.dirname(require.resolve("reveal.js")), "plugin", "notes.js");
  const source = readFileSync(file, "utf8");
  const open = "document.write(`";
  const start = source.indexOf(open);
  // The literal ends at the first backtick that is not escaped.
  const close = start < 0 ? null : /(?<!\\)(?:\\\\)*`/.exec(source.slice(start + open.length));
  const literal = close ? source.slice(start + open.length, start + open.length + close.index + close[0].length - 1) : "";
  if (literal.includes("${")) throw new Error(`${file}: the speaker view's HTML is no longer a plain template literal; update src/eleventy/csp.ts`);
  cached = inlineHashes(cookTemplateLiteral(literal));
  return cached;
}
