/**
 * Figures: an image alone in its paragraph becomes `<figure>` with its title as the `<figcaption>`
 * (markdown-it-implicit-figures does the parsing). An SVG figure is inlined into the page rather than linked, so
 * its text is set in the page's own web font and the printed PDF keeps it as vector drawing. Inlining puts the
 * drawing's markup into the page, so it is checked first (an SVG is code: src/content/svg-safety.ts), its ids get
 * a prefix of their own (figures sit side by side on one page), and its style attributes become presentation
 * attributes (the pages' Content-Security-Policy allows no inline style).
 *
 * `findFigures` finds the same figures in Markdown text, for the content check (alt text and caption required on
 * patient documents, with file and line).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import MarkdownItFactory, { type MarkdownIt, type StateCore, type Token } from "markdown-it";
import implicitFigures from "markdown-it-implicit-figures";
import { ContentError } from "../errors.ts";
import { checkSvg } from "../content/svg-safety.ts";
import { describeSource } from "./source-location.ts";
import { nextNumber } from "./counters.ts";

export interface FigureOptions {
  /** The content folder, to find the images a snippet names (relative to content/_snippets/). */
  contentDir?: string | undefined;
}

export function figuresPlugin(md: MarkdownIt, options: FigureOptions = {}): void {
  md.use(implicitFigures, { figcaption: "title" });
  md.core.ruler.after("implicit_figures", "inline_svg_figures", (state: StateCore) => {
    const env = state.env as { page?: { inputPath?: string } } | undefined;
    for (let i = 0; i < state.tokens.length; i++) {
      const open = state.tokens[i]!;
      if (open.type !== "figure_open") continue;
      open.attrJoin("class", "figure");
      const inline = state.tokens[i + 1];
      const children = inline?.children ?? [];
      const index = children.findIndex((child) => child.type === "image");
      const image = children[index];
      if (!inline || !image) continue;
      const src = String(image.attrGet("src") ?? "");
      const file = figureFile(src, inline, env, options.contentDir);
      if (!file) continue;
      const where = describeSource(state.env, inline);
      const shown = path.relative(options.contentDir ? path.dirname(path.resolve(options.contentDir)) : process.cwd(), file).split(path.sep).join("/");
      const problems = checkSvg(readFileSync(file, "utf8"));
      if (problems.length) throw new ContentError(shown, `this SVG is refused: ${problems.join("; ")}. Remove it, then rebuild (figure at ${where.file}:${where.line ?? "?"})`);
      const number = nextNumber(state.env, "figure");
      const alt = image.children?.length ? image.children.map((c) => c.content).join("") : image.content;
      let markup: string;
      try {
        markup = inlineSvg(readFileSync(file, "utf8"), `fig${number}-${path.basename(file, ".svg").replace(/[^A-Za-z0-9_-]/g, "")}-`, alt);
      } catch (error) {
        throw new ContentError(shown, `${(error as Error).message} (figure at ${where.file}:${where.line ?? "?"})`);
      }
      const html = new state.Token("html_inline", "", 0);
      html.content = markup;
      children.splice(index, 1, html);
      open.attrSet("data-figure", path.basename(file));
      // A wide drawing (a row of pictures, a grid) spans both columns of a sheet, its caption beside it; a
      // narrow one sits in its column. Only the viewBox's proportions say which it is.
      if (isWideDrawing(markup)) open.attrJoin("class", "figure-wide");
      // The narrowest the drawing may print with its smallest label still about 7 pt (handout.css reads it).
      const floor = legibleWidthMm(markup);
      if (floor) open.attrSet("data-floor", `${floor}mm`);
    }
  });
}

/** The SVG file an image of a figure names, relative to the Markdown file (or to content/_snippets/). */
function figureFile(src: string, inline: Token, env: { page?: { inputPath?: string } } | undefined, contentDir: string | undefined): string | undefined {
  if (!/\.svg$/i.test(src.replace(/[?#].*$/, "")) || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(src)) return undefined;
  let written = src.replace(/[?#].*$/, "");
  try {
    written = decodeURI(written);
  } catch {
    // keep it as written
  }
  const snippet = inline.meta?.snippetFile as string | undefined;
  const base = snippet && contentDir ? path.join(contentDir, "_snippets") : env?.page?.inputPath ? path.dirname(path.resolve(env.page.inputPath)) : undefined;
  if (!base) return undefined;
  const file = path.resolve(base, written);
  return existsSync(file) ? file : undefined;
}

/** Wider than about 500 user units and wider than tall: drawn for the width of the page, not of a column. */
export function isWideDrawing(svg: string): boolean {
  const box = /<svg\b[^>]*\sviewBox\s*=\s*"\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/i.exec(svg);
  if (!box) return false;
  const width = Number(box[1]);
  const height = Number(box[2]);
  return width > 500 && width > height;
}

/** Smallest printed label, in points, that a patient can be expected to read on a sheet. */
export const SMALLEST_LABEL_PT = 7;

/**
 * The narrowest printed width (whole mm, rounded up) at which the drawing's smallest text (`font-size` in user
 * units, the root's included) still prints at SMALLEST_LABEL_PT; undefined without a viewBox or a font size.
 */
export function legibleWidthMm(svg: string): number | undefined {
  const box = /<svg\b[^>]*\sviewBox\s*=\s*"\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+[\d.]+\s*"/i.exec(svg);
  const sizes = [...svg.matchAll(/\sfont-size\s*=\s*"([\d.]+)(?:px)?"/g)].map((m) => Number(m[1])).filter((n) => n > 0);
  if (!box || !sizes.length) return undefined;
  const smallest = Math.min(...sizes);
  // At print, 1 CSS px = 0.75 pt: a label of `smallest` user units prints at 0.75 × smallest × (width / viewBox width).
  const widthPx = (Number(box[1]) * SMALLEST_LABEL_PT) / (0.75 * smallest);
  return Math.ceil((widthPx * 25.4) / 96);
}

const escapeAttribute = (text: string): string => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The SVG as markup for an HTML page: no XML prolog or comments, ids prefixed, style attributes turned into
 * presentation attributes, the root sized by CSS (its viewBox keeps the shape) and named by the alt text.
 * Throws an Error with the fix when the drawing cannot be inlined.
 */
export function inlineSvg(text: string, prefix: string, alt: string): string {
  let svg = text
    .replace(/<\?xml[\s\S]*?\?>/g, "")
    .replace(/<!DOCTYPE[^>]*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  if (/<style[\s>]/i.test(svg)) {
    throw new Error("an SVG figure may not hold a <style> element (its rules would restyle the whole page): write fill=, stroke=, font-size= … as attributes on the shapes");
  }
  const root = /<svg\b([^>]*)>/i.exec(svg);
  if (!root) throw new Error("no <svg> element: save the drawing as SVG");
  const ids = new Set([...svg.matchAll(/\sid\s*=\s*"([^"]+)"/g)].map((m) => m[1]!));
  const renamed = (id: string): string => (ids.has(id) ? `${prefix}${id}` : id);
  svg = svg
    .replace(/(\sid\s*=\s*")([^"]+)"/g, (_m, head: string, id: string) => `${head}${renamed(id)}"`)
    .replace(/url\(\s*#([^)\s]+)\s*\)/g, (_m, id: string) => `url(#${renamed(id)})`)
    .replace(/(\s(?:xlink:)?href\s*=\s*")#([^"]+)"/g, (_m, head: string, id: string) => `${head}#${renamed(id)}"`)
    .replace(/(\saria-(?:labelledby|describedby)\s*=\s*")([^"]+)"/g, (_m, head: string, list: string) => `${head}${list.split(/\s+/).map(renamed).join(" ")}"`)
    .replace(/\sstyle\s*=\s*"([^"]*)"/g, (_m, style: string) => styleToAttributes(style));
  // The root: drop its fixed size and any name it had; CSS sizes it, the alt text names it.
  const rootMatch = /<svg\b([^>]*)>/i.exec(svg)!;
  let attributes = rootMatch[1] ?? "";
  const width = /\swidth\s*=\s*"([\d.]+)(?:px)?"/.exec(attributes)?.[1];
  const height = /\sheight\s*=\s*"([\d.]+)(?:px)?"/.exec(attributes)?.[1];
  if (!/\sviewBox\s*=/.test(attributes)) {
    if (!width || !height) throw new Error("the drawing has neither a viewBox nor a width and height in pixels: give the <svg> a viewBox");
    attributes += ` viewBox="0 0 ${width} ${height}"`;
  }
  attributes = attributes.replace(/\s(?:width|height|role|aria-label|aria-labelledby|aria-describedby|aria-hidden|class|focusable)\s*=\s*"[^"]*"/g, "");
  const named = alt.trim() ? ` role="img" aria-label="${escapeAttribute(alt.trim())}"` : ' aria-hidden="true"';
  return svg.replace(rootMatch[0], `<svg${attributes} class="figure-art"${named} focusable="false">`);
}

/** `fill:#fff; stroke-width:2` → ` fill="#fff" stroke-width="2"` (every CSS property used in SVG drawings is also an attribute). */
function styleToAttributes(style: string): string {
  let out = "";
  for (const declaration of style.split(";")) {
    const colon = declaration.indexOf(":");
    if (colon === -1) continue;
    const name = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).trim();
    if (/^[a-z-]+$/.test(name) && value) out += ` ${name}="${escapeAttribute(value.replace(/"/g, "'"))}"`;
  }
  return out;
}

export interface FoundFigure {
  src: string;
  alt: string;
  caption: string;
  /** 1-based line in the text. */
  line: number;
}

const plainParser = new MarkdownItFactory({ html: false, linkify: false });

/** Every image alone in its paragraph (a figure) in Markdown text, with its alt text, caption and line. */
export function findFigures(body: string): FoundFigure[] {
  const tokens = plainParser.parse(body, {});
  const found: FoundFigure[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "inline" || tokens[i - 1]?.type !== "paragraph_open") return;
    const children = (token.children ?? []).filter((c) => !(c.type === "text" && c.content.trim() === ""));
    const image = children.length === 1 ? children[0] : children.length === 3 && children[0]?.type === "link_open" ? children[1] : undefined;
    if (image?.type !== "image") return;
    found.push({ src: String(image.attrGet("src") ?? ""), alt: image.content.trim(), caption: String(image.attrGet("title") ?? "").trim(), line: (token.map?.[0] ?? 0) + 1 });
  });
  return found;
}
