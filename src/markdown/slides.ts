/**
 * markdown-it plugin for decks (env.kind === "deck"): a thematic break (`---`) separates slides, and a paragraph
 * holding only `Note:` starts that slide's speaker notes. Output follows reveal.js's markup:
 * `<section>` per slide with `<aside class="notes">` inside it.
 */
import type MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it/index.js";

const NOTES_MARKER = /^notes?:$/i;

export function slidesPlugin(md: MarkdownIt): void {
  md.core.ruler.push("slides", (state: StateCore) => {
    if ((state.env as { kind?: string } | undefined)?.kind !== "deck") return;
    const slides = splitSlides(state.tokens);
    const html = (content: string): Token => {
      const token = new state.Token("html_block", "", 0);
      token.content = content;
      return token;
    };
    const out: Token[] = [];
    slides.forEach((slide, index) => {
      const notesAt = slide.findIndex(
        (t, i) => t.type === "inline" && slide[i - 1]?.type === "paragraph_open" && t.level === 1 && NOTES_MARKER.test(t.content.trim()),
      );
      const hasNotes = notesAt !== -1 && slide.slice(notesAt + 2).some((t) => t.type === "inline" && t.content.trim() !== "");
      out.push(html(`<section class="slide-content" data-slide="${index + 1}"${hasNotes ? "" : ' data-no-notes=""'}>\n`));
      if (notesAt === -1) {
        out.push(...slide);
      } else {
        out.push(...slide.slice(0, notesAt - 1));
        out.push(html('<aside class="notes">\n'), ...slide.slice(notesAt + 2), html("</aside>\n"));
      }
      out.push(html("</section>\n"));
    });
    state.tokens = out;
  });
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
