/**
 * markdown-it plugin: `[@KEY]` citations. Each becomes a numbered superscript linking to the document's source
 * list; numbers follow the order of first citation in the document, snippets included. The source list itself
 * is built from the rendered HTML by `citedKeys`, so the two always agree.
 */
import type { MarkdownIt } from "markdown-it";
import type { StateInline, StateCore, Token } from "markdown-it";
import { ContentError } from "../errors.ts";
import { CITATION, parseCitationKeys } from "./syntax.ts";
import { describeSource } from "./source-location.ts";

export interface CitationOptions {
  /**
   * Whether the key as written (`R01`, `other-topic/R01`) is a reference for the document being rendered (`env`):
   * true, false, or a sentence saying what is wrong (an unknown key, or one only another topic has).
   */
  hasReference: (key: string, env: unknown) => boolean | string;
}

export function citationsPlugin(md: MarkdownIt, options: CitationOptions): void {
  md.inline.ruler.before("link", "citation", (state: StateInline, silent: boolean) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x40 /* @ */) return false;
    const match = CITATION.exec(state.src.slice(state.pos));
    if (!match) return false;
    if (!silent) {
      const token = state.push("citation", "sup", 0);
      token.meta = { keys: parseCitationKeys(match[1] ?? ""), numbers: [] as number[] };
    }
    state.pos += match[0].length;
    return true;
  });

  md.core.ruler.after("inline", "citation_numbers", (state: StateCore) => {
    const numbers = new Map<string, number>();
    // parts-print: a patient's printed sheet hides its citations, so there they hug the word before them (a
    // hidden citation must not leave "cause ." behind); elsewhere a citation never starts a line on its own.
    const hugs = isPatientSheet(state.env);
    for (const block of state.tokens) {
      const children = block.children ?? [];
      children.forEach((child, index) => {
        const before = children[index - 1];
        if (child.type === "citation" && before?.type === "text") before.content = before.content.replace(/ +$/, hugs ? "" : "\u00a0");
      });
      for (const child of children) {
        if (child.type !== "citation") continue;
        const meta = child.meta as { keys: string[]; numbers: (number | undefined)[] };
        const keys = meta.keys;
        for (const key of keys) {
          const known = options.hasReference(key, state.env);
          if (known !== true) {
            const where = describeSource(state.env, block);
            throw new ContentError(where.file, typeof known === "string" ? known : `unknown citation \`[@${key}]\`: add \`${key}\` to content/_data/references/, or fix the key`, { line: where.line });
          }
          if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
        }
        meta.numbers = keys.map((key) => numbers.get(key));
      }
    }
  });

  md.renderer.rules["citation"] = (tokens: Token[], index: number) => {
    const token = tokens[index];
    if (!token) return "";
    const { keys, numbers } = token.meta as { keys: string[]; numbers: (number | undefined)[] };
    // parts-print: one link per cluster, out of the Tab order (48 citations must not be 48 tab stops before the
    // PDF links); the source list is reached once, by its own heading. `data-cite` marks every key for the checks.
    // A cluster lists its numbers in ascending order ("3,24", not "24,3"), as Vancouver style does. Numbering
    // stays in order of first citation: the keys a cluster cites first get the next numbers in the order written,
    // all above the numbers already used, so sorting never puts a new key before an older one and the source
    // list (`citedKeys`, in HTML order) still matches the numbers.
    const sorted = keys.map((key, i) => ({ key, number: numbers[i] })).sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity));
    const numbered = sorted.map(({ key, number }) => `<span data-cite="${md.utils.escapeHtml(key)}">${number ?? "?"}</span>`);
    return `<sup class="cite"><a href="#ref-${md.utils.escapeHtml(sorted[0]?.key ?? "")}" tabindex="-1">${numbered.join('<span class="cite-sep">,</span>')}</a></sup>`;
  };
}

/** A patient handout: its printed editions show no citation marks (the sources page carries them). */
function isPatientSheet(env: unknown): boolean {
  const data = env as { kind?: string; audience?: string } | undefined;
  return data?.kind === "handout" && (data.audience ?? "patient") === "patient";
}

/** Reference keys in the order of their first citation in rendered HTML. */
export function citedKeys(html: string): string[] {
  const keys: string[] = [];
  for (const match of html.matchAll(/data-cite="([^"]+)"/g)) {
    const key = match[1];
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
