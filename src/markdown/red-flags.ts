/**
 * markdown-it plugin (parts-print): a line holding only `![[red-flags]]` prints the three-level help box from
 * the topic's warning signs (src/content/red-flags.ts). Each level is a full-width band with an icon, its
 * words and its phone number, then its signs as a list. The signs are parsed as Markdown into the document's
 * own token stream, so their `cite` keys become ordinary citations, numbered with the rest of the document.
 * What the box holds (levels, words, numbers) comes from the caller; this module only lays it out.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { ContentError } from "../errors.ts";
import { RED_FLAGS_INCLUDE } from "../content/red-flags.ts";
import type { RedFlag, RedFlagLevel } from "../content/schema.ts";
import { SNIPPET_INCLUDE } from "./syntax.ts";
import { describeSource } from "./source-location.ts";

export interface HelpLevel {
  level: RedFlagLevel;
  /** The level's name, like "Emergency now". */
  title: string;
  /** What to do, with the phone number(s) in it, built from the clinic settings. */
  call: string;
  /** A further line inside the level, after its signs (the after-hours line). */
  note?: string | undefined;
  /** The note as HTML when part of it needs its own `lang` (a clinic value in another language); else `note` is escaped. */
  noteHtml?: string | undefined;
  signs: RedFlag[];
}

export interface HelpBox {
  /** An accessible name for the whole box ("When to get help"). */
  label: string;
  /** The data file, for errors found in the signs' text (an unknown citation). */
  file: string;
  levels: HelpLevel[];
}

export interface HelpBoxSource {
  /** The box for the document being rendered (`env` is Eleventy's data), or a sentence saying why not. */
  forDocument(env: unknown): HelpBox | string;
}

/** Simple shapes that read in grey-scale and at 5 mm: a warning triangle, a clock, a calendar. */
const ICONS: Record<RedFlagLevel, string> = {
  emergency:
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M12 2 23 21H1z" fill="currentColor"/><path d="M11 9h2v6h-2zm0 8h2v2h-2z" class="help-icon-mark"/></svg>',
  today:
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" stroke-width="2.6"/><path d="M12 6v6.5l4.5 3" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/></svg>',
  soon:
    '<svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><rect x="2.5" y="4.5" width="19" height="17" rx="2" fill="none" stroke="currentColor" stroke-width="2.4"/><path d="M2.5 9.5h19M7.5 2v5M16.5 2v5" stroke="currentColor" stroke-width="2.4"/><path d="M7 13h3v3H7zm5 0h3v3h-3z" fill="currentColor"/></svg>',
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/**
 * Escapes text and makes each phone number a `tel:` link (a frightened patient on a phone taps it rather than
 * retyping it) that stays on one line (a number split over two lines gets misdialled). The link's href holds
 * only the digits (and a leading +); its text is the number as printed, so PDFs read the same. Print and deck
 * styles show it as plain text; the gates find it by its `.phone` class.
 */
export function withPhoneNumbers(text: string): string {
  return escapeHtml(text).replace(/\+?\d[\d ().-]*\d/g, (number) =>
    /\d.*\d.*\d/.test(number) ? `<a class="phone" href="tel:${number.replace(/[^\d+]/g, "")}">${number}</a>` : number,
  );
}

/** A sign as one Markdown list item: its words, its own action in bold, its citations. */
function signMarkdown(sign: RedFlag): string {
  const one = (text: string): string => text.replace(/\s*\n\s*/g, " ");
  const action = sign.action ? ` **${one(sign.action)}**` : "";
  return `- ${one(sign.text)}${action} [${sign.cite.map((key) => `@${key}`).join("; ")}]\n`;
}

export function redFlagsPlugin(md: MarkdownIt, source: HelpBoxSource): void {
  md.block.ruler.before(
    "paragraph",
    "red_flags",
    (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
      if (state.level !== 0 || state.sCount[startLine]! - state.blkIndent >= 4) return false;
      const text = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
      if (SNIPPET_INCLUDE.exec(text)?.[1] !== RED_FLAGS_INCLUDE) return false;
      if (silent) return true;
      const box = source.forDocument(state.env);
      if (typeof box === "string") {
        const at = describeSource(state.env, { map: [startLine, startLine + 1] } as never);
        throw new ContentError(at.file, box, { line: at.line });
      }
      const html = (content: string): void => {
        const token = state.push("html_block", "", 0);
        token.content = content;
        token.map = [startLine, startLine + 1];
      };
      html(`<div class="help-box" data-help-box="" role="group" aria-label="${escapeHtml(box.label)}">\n`);
      for (const level of box.levels) {
        if (!level.signs.length) continue;
        html(
          `<div class="help-level help-${level.level}" data-help-level="${level.level}">\n` +
            `<p class="help-head"><span class="help-icon">${ICONS[level.level]}</span><span class="help-title">${escapeHtml(level.title)}</span>` +
            // The after-hours line sits in the band beside the day number: one heading line says whom to call.
            `<span class="help-call">${withPhoneNumbers(level.call)}${level.note ? `<span class="help-note">${level.noteHtml ?? withPhoneNumbers(level.note)}</span>` : ""}</span></p>\n`,
        );
        const first = state.tokens.length;
        state.md.block.parse(level.signs.map(signMarkdown).join(""), state.md, state.env, state.tokens);
        for (const token of state.tokens.slice(first)) {
          token.meta = { ...(token.meta ?? {}), snippetFile: box.file };
          if (token.type === "bullet_list_open") token.attrJoin("class", "help-signs");
        }
        html("</div>\n");
      }
      html("</div>\n");
      state.line = startLine + 1;
      return true;
    },
    { alt: ["paragraph"] },
  );
}
