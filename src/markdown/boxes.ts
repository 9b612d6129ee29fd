/**
 * The plan box and the remember box (markdown-it-container), placed by an author with one line each:
 *
 *   ::: plan My plan            a form to fill in: `- [ ]` items are tick boxes, a run of 4+ underscores
 *   - [ ] Toe-touch             is a line to write on. On paper they print as boxes and lines; on the web page
 *   Next visit: ____            they are real checkboxes and text fields, labelled, so the reader can fill the
 *   :::                         form in and print it (no script needed).
 *
 *   ::: remember Remember       a short shaded summary (three bullets by convention)
 *   - point one
 *   :::
 *
 * The title after `plan` / `remember` is the author's own words (any language), and required.
 */
import container from "markdown-it-container";
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { ContentError } from "../errors.ts";
import { describeSource } from "./source-location.ts";
import { nextNumber } from "./counters.ts";
import { translate } from "../i18n/strings.ts";
import { linesOutsideFences } from "./syntax.ts";

export const BOX_KINDS = ["plan", "remember"] as const;
/** A run of four or more underscores: a line to write on (plan boxes only). */
export const WRITE_IN = /_{4,}/g;

export function boxesPlugin(md: MarkdownIt): void {
  for (const kind of BOX_KINDS) {
    md.use(container, kind, {
      validate: (params: string) => new RegExp(`^${kind}(\\s|$)`).test(params.trim()),
      render: (tokens: Token[], index: number, _options: unknown, env: unknown) => {
        const token = tokens[index]!;
        if (token.nesting !== 1) return "</section>\n";
        const title = token.info.trim().slice(kind.length).trim();
        if (!title) {
          const where = describeSource(env, token);
          throw new ContentError(where.file, `\`::: ${kind}\` needs a title after it, like \`::: ${kind} ${kind === "plan" ? "My plan" : "Remember"}\``, { line: where.line });
        }
        const id = `${kind}-box-${nextNumber(env, "box")}`;
        return `<section class="${kind}-box" aria-labelledby="${id}">\n<h2 class="box-title" id="${id}">${md.utils.escapeHtml(title)}</h2>\n`;
      },
    });
  }
  // After the tick boxes (tick-boxes.ts) have marked `[ ]` items: inside a plan box they become form fields.
  md.core.ruler.push("plan_form", (state: StateCore) => {
    let depth = 0;
    let title = "";
    const next = (): number => nextNumber(state.env, "field");
    for (let i = 0; i < state.tokens.length; i++) {
      const token = state.tokens[i]!;
      if (token.type === "container_plan_open") {
        depth++;
        title = token.info.trim().slice("plan".length).trim();
      } else if (token.type === "container_plan_close") depth--;
      if (depth === 0) continue;
      // A line of underscores alone is a thematic break to Markdown; in a plan box it is one more line to write on.
      if (token.type === "hr" && token.markup.startsWith("_")) {
        const row = new state.Token("html_block", "", 0);
        const label = lastText(state.tokens, i) ?? title;
        row.content = `<p class="write-in"><input type="text" class="write-in-line" name="plan-${next()}" aria-label="${escapeAttribute(translate("plan.continued", (state.env as { lang?: string } | undefined)?.lang, { label }))}"></p>\n`;
        state.tokens[i] = row;
        continue;
      }
      if (token.type !== "inline" || !token.children) continue;
      token.children = formFields(state, token.children, title, next);
    }
  });
}

/** Tick boxes become labelled checkboxes; lines holding blanks become rows with a labelled text field. */
function formFields(state: StateCore, children: Token[], title: string, next: () => number): Token[] {
  const html = (content: string): Token => {
    const token = new state.Token("html_inline", "", 0);
    token.content = content;
    return token;
  };
  const lines: Token[][] = [[]];
  for (const child of children) {
    if (child.type === "softbreak" || child.type === "hardbreak") lines.push([]);
    else lines.at(-1)!.push(child);
  }
  // A tick item's label is its first line; lines after it (Markdown's lazy continuation, as in `- [ ] Toe-touch`
  // followed by `Next visit: ____`) are rows of their own.
  const head: Token[] = [];
  const first = lines[0]!;
  const box = first.findIndex((c) => c.type === "html_inline" && c.content.includes('class="tickbox"'));
  if (box !== -1) {
    first.splice(box, 1, html(`<label class="tick-label"><input type="checkbox" class="tick-input" name="plan-${next()}"><span>`));
    first.push(html("</span></label>"));
    head.push(...(lines.shift() ?? []));
  }
  const hasBlank = lines.some((line) => line.some((c) => c.type === "text" && /_{4,}/.test(c.content)));
  if (!hasBlank) {
    if (!head.length) return children;
    return [...head, ...lines.flatMap((line) => [html('<span class="plan-line">'), ...line, html("</span>")])];
  }
  const out: Token[] = [...head];
  let previous = title;
  for (const line of lines) {
    const text = line.map((c) => (c.type === "text" || c.type === "code_inline" ? c.content : "")).join("").replace(/_{4,}/g, " ").replace(/\s+/g, " ").trim();
    if (!line.some((c) => c.type === "text" && /_{4,}/.test(c.content))) {
      out.push(html('<span class="plan-line">'), ...line, html("</span>"));
      if (text) previous = text;
      continue;
    }
    const label = text || `${previous} (${title})`;
    out.push(html('<span class="write-in">'));
    for (const child of line) {
      if (child.type !== "text" || !/_{4,}/.test(child.content)) {
        out.push(child);
        continue;
      }
      child.content.split(/(_{4,})/).forEach((part) => {
        if (/^_{4,}$/.test(part)) out.push(html(`<input type="text" class="write-in-line" name="plan-${next()}" aria-label="${escapeAttribute(label)}">`));
        else if (part) {
          const text = new state.Token("text", "", 0);
          text.content = part;
          out.push(text);
        }
      });
    }
    out.push(html("</span>"));
  }
  return out;
}

const escapeAttribute = (text: string): string => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The text of the last line written before token `index` (to label a line that is only underscores). */
function lastText(tokens: readonly Token[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.type === "inline" && token.content.trim()) {
      const last = token.content.split("\n").at(-1) ?? "";
      const text = last.replace(/^\[ \]\s*/, "").replace(/_{4,}/g, " ").replace(/\s+/g, " ").trim();
      if (text) return text;
    }
  }
  return undefined;
}

/**
 * A box's mistakes found from the text alone, so the content check reports them with every other mistake before
 * anything is built: a box with no title, and a box never closed. markdown-it-container closes an open box at the
 * end of the document without a word, which would swallow everything after it (the help box included) into the
 * plan or the summary.
 */
export function boxProblems(body: string): { line: number; problem: string }[] {
  const problems: { line: number; problem: string }[] = [];
  const open: { kind: string; line: number }[] = [];
  for (const { text, line } of linesOutsideFences(body)) {
    const opener = /^\s{0,3}:{3,}\s*([a-z]+)\b(.*)$/.exec(text);
    if (opener && (BOX_KINDS as readonly string[]).includes(opener[1]!)) {
      const kind = opener[1]!;
      if (!opener[2]!.trim()) problems.push({ line, problem: `\`::: ${kind}\` needs a title after it, like \`::: ${kind} ${kind === "plan" ? "My plan" : "Remember"}\`` });
      open.push({ kind, line });
    } else if (/^\s{0,3}:{3,}\s*$/.test(text)) {
      open.pop();
    }
  }
  for (const box of open) {
    problems.push({ line: box.line, problem: `the \`::: ${box.kind}\` box opened here is never closed: add a line holding only \`:::\` where the box ends` });
  }
  return problems;
}
