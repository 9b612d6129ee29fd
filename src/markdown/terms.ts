/**
 * markdown-it plugin: on web pages and handouts (not decks), the first use of each glossary term
 * (src/content/terms.ts) becomes a focusable element whose plain definition is its accessible description
 * (aria-describedby) and shows as a tooltip on hover and on keyboard focus, with CSS only. The tooltip is never
 * printed. The term's synonyms ride along in an attribute the search index reads, so searching "oedema" finds a
 * page that says "edema". Headings, links and the plan box's form labels are left alone.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { termPattern, type Term } from "../content/terms.ts";
import { nextNumber } from "./counters.ts";

export interface TermOptions {
  /** The glossary that applies to the document being rendered (its topic's), or none. */
  termsFor: (env: unknown) => readonly Term[];
}

export function termsPlugin(md: MarkdownIt, options: TermOptions): void {
  md.core.ruler.push("glossary_terms", (state: StateCore) => {
    const env = state.env as { kind?: string } | undefined;
    if (!env || env.kind === "deck" || state.inlineMode) return;
    const pending = [...options.termsFor(env)];
    if (!pending.length) return;
    let inHeading = false;
    let inPlan = 0;
    for (const block of state.tokens) {
      if (block.type === "heading_open") inHeading = true;
      else if (block.type === "heading_close") inHeading = false;
      else if (block.type === "container_plan_open") inPlan++;
      else if (block.type === "container_plan_close") inPlan--;
      if (block.type !== "inline" || inHeading || inPlan > 0 || !block.children) continue;
      block.children = wrapFirstUses(state, block.children, pending, env, md);
      if (!pending.length) break;
    }
  });
}

function wrapFirstUses(state: StateCore, children: Token[], pending: Term[], env: unknown, md: MarkdownIt): Token[] {
  const out: Token[] = [];
  let inLink = 0;
  for (const child of children) {
    if (child.type === "link_open") inLink++;
    if (child.type === "link_close") inLink--;
    if (child.type !== "text" || inLink > 0) {
      out.push(child);
      continue;
    }
    let rest = child.content;
    for (;;) {
      // The earliest use in this text of any term not yet wrapped.
      let best: { term: Term; index: number; text: string } | undefined;
      for (const term of pending) {
        const match = termPattern(term, "iu").exec(rest);
        if (match && (!best || match.index < best.index)) best = { term, index: match.index, text: match[0] };
      }
      if (!best) break;
      pending.splice(pending.indexOf(best.term), 1);
      const id = `term-${nextNumber(env, "term")}`;
      const escape = md.utils.escapeHtml;
      if (best.index > 0) out.push(text(state, rest.slice(0, best.index)));
      const html = new state.Token("html_inline", "", 0);
      const synonyms = [best.term.term, ...best.term.synonyms].join(", ");
      html.content =
        `<span class="term" tabindex="0" aria-describedby="${id}" data-synonyms="${escape(synonyms)}" data-pagefind-index-attrs="data-synonyms">${escape(best.text)}</span>` +
        `<span class="term-def" role="tooltip" id="${id}">${escape(best.term.definition)}</span>`;
      out.push(html);
      rest = rest.slice(best.index + best.text.length);
    }
    if (rest) out.push(text(state, rest));
  }
  return out;
}

function text(state: StateCore, content: string): Token {
  const token = new state.Token("text", "", 0);
  token.content = content;
  return token;
}
