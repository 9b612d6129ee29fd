/**
 * markdown-it plugin for decks (env.kind === "deck"): a thematic break (`---`) separates slides, and a paragraph
 * holding only `Note:` starts that slide's speaker notes; a `*` list steps in item by item. Output follows reveal.js's markup:
 * `<section>` per slide with `<aside class="notes">` inside it.
 */
import type { MarkdownIt } from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import { describeSource } from "./source-location.ts";

/** `Note:` (or `Notes:`) at the very start of a top-level paragraph, as in reveal.js's own Markdown. */
const NOTES_START = /^notes?:[ \t]*/i;

export function slidesPlugin(md: MarkdownIt): void {
  md.core.ruler.push("slides", (state: StateCore) => {
    if ((state.env as { kind?: string } | undefined)?.kind !== "deck") return;
    const html = (content: string): Token => {
      const token = new state.Token("html_block", "", 0);
      token.content = content;
      return token;
    };
    const out: Token[] = [];
    const lineOf = sourceLines(state.env);
    splitSlides(state.tokens).forEach((slide, index) => {
      const { body, notes } = splitNotes(slide);
      const hasNotes = notes.some((t) => t.type === "inline" && t.content.trim() !== "");
      // The slide's first line in the deck's file, so the PDF renderer's checks (overflow, notes) can name it.
      const line = lineOf(slide[0]);
      // Reveal's print mode forces a slide's own padding to 0, so the inner box carries the spacing and is
      // also what the overflow check measures.
      out.push(
        html(`<section class="slide-content" data-slide="${index + 1}"${line ? ` data-line="${line}"` : ""}${hasNotes ? "" : ' data-no-notes=""'}>\n<div class="slide-body">\n`),
      );
      markFragments(body);
      out.push(...body, html("</div>\n"));
      if (notes.length) out.push(html('<aside class="notes">\n'), ...notes, html("</aside>\n"));
      out.push(html("</section>\n"));
    });
    state.tokens = out;
  });
}

/**
 * Finds the paragraph that starts with `Note:` (alone on its line, or followed by text on the next lines, as in
 * reveal.js's own Markdown) and moves it and everything after it into the notes.
 */
function splitNotes(slide: Token[]): { body: Token[]; notes: Token[] } {
  const at = slide.findIndex((t, i) => t.type === "inline" && t.level === 1 && slide[i - 1]?.type === "paragraph_open" && NOTES_START.test(t.content));
  if (at === -1) return { body: slide, notes: [] };
  const inline = slide[at]!;
  const children = inline.children ?? [];
  const first = children[0];
  if (first?.type === "text") first.content = first.content.replace(NOTES_START, "");
  while (children.length && ((children[0]?.type === "text" && children[0].content === "") || children[0]?.type === "softbreak")) children.shift();
  inline.content = inline.content.replace(NOTES_START, "");
  const notes = children.length ? slide.slice(at - 1) : slide.slice(at + 2);
  return { body: slide.slice(0, at - 1), notes };
}

/**
 * Marp's convention: a list written with `*` bullets appears one item at a time (reveal.js fragments), while a
 * `-` list shows at once. Only the slide body, never the notes.
 */
function markFragments(body: Token[]): void {
  for (const token of body) {
    if (token.type === "list_item_open" && token.markup === "*") token.attrJoin("class", "fragment");
  }
}

/** Top-level `hr` tokens separate slides; empty slides (a leading or doubled `---`) are dropped. */
function splitSlides(tokens: Token[]): Token[][] {
  const slides: Token[][] = [[]];
  for (const token of tokens) {
    if (token.type === "hr" && token.level === 0) slides.push([]);
    else slides.at(-1)!.push(token);
  }
  return slides.filter((slide) => slide.length > 0);
}

/**
 * Line numbers in the deck's own file; slides that start inside an included snippet get none. The front
 * matter's length is read once per deck rather than once per slide.
 */
function sourceLines(env: unknown): (token: Token | undefined) => number | undefined {
  let offset: number | undefined;
  return (token) => {
    if (!token?.map || token.meta?.snippetFile) return undefined;
    if (offset === undefined) {
      const line = describeSource(env, token).line;
      offset = line === undefined ? 0 : line - (token.map[0] + 1);
    }
    return token.map[0] + 1 + offset;
  };
}
