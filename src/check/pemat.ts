/**
 * PEMAT gate: for each patient handout, the PEMAT-P items a machine can check on the printed sheet
 * (the Patient Education Materials Assessment Tool for printable materials, AHRQ). The cell shows the share of
 * items met and names each one missed; each missed item is an error with its fix. Items that need a person
 * (plain words, active voice, logical order, whether a picture helps…) are listed in docs/authoring.md.
 */
import type { PematFacts } from "./pemat-facts.ts";
import type { GateContext } from "./context.ts";
import { documentGlossaries, glossaries, undefinedTermsOf } from "./terms.ts";
import { emptyResult, type Finding, type GateResult } from "./types.ts";

/** The limits the items use: a short key message, short headings, short bullets. */
export const PEMAT_LIMITS = { leadWords: 45, headingWords: 10, bulletWords: 25 } as const;

/** Headings that say nothing about what follows (PEMAT-P item 9: headings are informative). */
const GENERIC_HEADING = /^(more|other|others|misc\.?|miscellaneous|details|info|information|general|notes?|extra|additional information|more information|other information|other things|things to know|introduction|background|see also)$/i;

export interface PematItem {
  id: string;
  /** Short name for the table. */
  short: string;
  /** The PEMAT-P item(s) it stands for. */
  pemat: string;
  check: (facts: PematFacts, extra: { undefinedTerms: string[] }) => { ok: boolean; message: string; fix: string };
}

export const PEMAT_ITEMS: readonly PematItem[] = [
  {
    id: "lead",
    short: "key message",
    pemat: "1, 11",
    check: (f) => ({
      ok: f.lead?.tag === "p" && f.lead.words > 0 && f.lead.words <= PEMAT_LIMITS.leadWords,
      message: !f.lead || f.lead.tag !== "p" ? `does not open with its key message (it starts with a ${f.lead?.tag ?? "blank"})` : `its opening key message is ${f.lead.words} words long (at most ${PEMAT_LIMITS.leadWords})`,
      fix: `start the handout with one short paragraph (at most ${PEMAT_LIMITS.leadWords} words) saying what it is about and the main thing to do`,
    }),
  },
  {
    id: "headings",
    short: "headings",
    pemat: "8, 9",
    check: (f) => {
      const bad = f.headings.filter((h) => GENERIC_HEADING.test(h.replace(/[:.!?]+$/, "").trim()) || h.split(/\s+/).length > PEMAT_LIMITS.headingWords);
      return {
        ok: f.headings.length > 0 && bad.length === 0,
        message: f.headings.length === 0 ? "has no section headings" : `has headings that are generic or long: ${bad.map((h) => `“${h}”`).join(", ")}`,
        fix: `give each section a short heading (at most ${PEMAT_LIMITS.headingWords} words) that says what follows, like “How to use your crutches”, not “More”`,
      };
    },
  },
  {
    id: "figure",
    short: "figure",
    pemat: "15, 16, 18",
    check: (f) => ({
      ok: f.captionedFigures > 0,
      message: f.figures ? "its figures lack a caption or alt text" : "has no figure",
      fix: 'add a simple drawing that helps the main action, with alt text and a caption: ![What it shows](../figures/name.svg "Caption under the picture")',
    }),
  },
  {
    id: "plan",
    short: "plan box",
    pemat: "23",
    check: (f) => ({
      ok: f.planBoxes + f.tickLists > 0,
      message: "has no plan box or checklist for the patient to use",
      fix: "add a plan box: `::: plan My plan`, tick items `- [ ] …` and lines to write on `____`, then `:::`",
    }),
  },
  {
    id: "steps",
    short: "steps",
    pemat: "22",
    check: (f) => ({
      ok: f.stepLists > 0,
      message: "gives no actions as numbered steps",
      fix: "write what to do as a numbered list (`1.`, `2.`, …), one small action per step",
    }),
  },
  {
    id: "help",
    short: "help box",
    pemat: "20, 21, 22",
    check: (f) => ({
      ok: f.help.found && f.help.levels >= 3 && f.help.levelsWithNumber >= 3,
      message: !f.help.found ? "has no three-level “When to get help” box" : `its help box has ${f.help.levels} level(s), ${f.help.levelsWithNumber} with a phone number inside (3 of each needed)`,
      fix: "place the help box on a line of its own: `![[red-flags]]` (sets in front matter: `redFlags: [general]`)",
    }),
  },
  {
    id: "no-citations",
    short: "no citations in print",
    pemat: "2",
    check: (f) => ({
      ok: f.printedCitations === 0 && f.printedSources === 0,
      message: `prints ${f.printedCitations} citation mark(s) and ${f.printedSources} source-list part(s)`,
      fix: "patient sheets print no citations or source list: the handout template hides them in print (keep citing in the Markdown)",
    }),
  },
  {
    id: "no-number-superscript",
    short: "number+superscript",
    pemat: "6",
    check: (f) => ({
      ok: f.numberThenSuperscript.length === 0,
      message: `prints a superscript right after a number: ${f.numberThenSuperscript.slice(0, 3).map((t) => `“${t}”`).join(", ")}`,
      fix: "a superscript after a number reads as part of it: move the citation, or reword so no number is followed by a superscript",
    }),
  },
  {
    id: "terms",
    short: "terms",
    pemat: "4",
    check: (_f, extra) => ({
      ok: extra.undefinedTerms.length === 0,
      message: `uses terms it does not define: ${extra.undefinedTerms.map((t) => `“${t}”`).join(", ")}`,
      fix: "define each term on the handout: write it in bold once, then its plain meaning (see the terms column)",
    }),
  },
  {
    id: "bullets",
    short: "bullets",
    pemat: "8, 12",
    check: (f) => {
      const long = f.bullets.filter((b) => b.words > PEMAT_LIMITS.bulletWords);
      return {
        ok: long.length === 0,
        message: `has bullets over ${PEMAT_LIMITS.bulletWords} words: ${long.slice(0, 3).map((b) => `“${b.start}…” (${b.words})`).join(", ")}`,
        fix: `keep each bullet to at most ${PEMAT_LIMITS.bulletWords} words: split it, or move detail into a step`,
      };
    },
  },
];

export function pematGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const { terms } = glossaries(ctx);
  // Each handout against the glossary of its own language: a Spanish handout is not held to the English terms.
  const glossaryOf = documentGlossaries(ctx, terms);
  for (const doc of ctx.documents) {
    const artifact = doc.artifact;
    if (doc.kind !== "handout" || artifact?.audience !== "patient") {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    const facts = doc.page?.pemat;
    if (!facts) continue; // the page did not load: the links gate reports why
    const undefinedTerms = undefinedTermsOf(ctx, terms, artifact.source, artifact.topic, glossaryOf(artifact.topic, artifact.lang)).map((t) => t.used);
    const findings: Finding[] = [];
    const missed: string[] = [];
    for (const item of PEMAT_ITEMS) {
      const outcome = item.check(facts, { undefinedTerms });
      if (outcome.ok) continue;
      missed.push(item.short);
      findings.push({ gate: "pemat", severity: "error", file: doc.source, message: `PEMAT-P ${item.pemat}: ${outcome.message}`, fix: outcome.fix });
    }
    const score = Math.round((100 * (PEMAT_ITEMS.length - missed.length)) / PEMAT_ITEMS.length);
    result.cells.set(doc.key, { text: missed.length ? `${score}% ${missed.join(", ")}` : `${score}%`, status: missed.length ? "fail" : "pass" });
    result.findings.push(...findings);
  }
  return result;
}
