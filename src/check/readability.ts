/**
 * Readability gate: the Flesch–Kincaid grade of every patient-facing document's own text (see page-facts.ts for
 * what that is, reading-grade.ts for how it is counted) is at most `maxGrade`; above `warnGrade` is a warning.
 */
import type { GateContext } from "./context.ts";
import { readingStats, type ReadingStats } from "./reading-grade.ts";
import { findSentence } from "./source-lines.ts";
import { emptyResult, type GateResult } from "./types.ts";

export function readabilityGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const { maxGrade, warnGrade } = ctx.settings;
  for (const doc of ctx.documents) {
    if (doc.artifact?.audience !== "patient") {
      result.cells.set(doc.key, { text: doc.artifact ? "clin." : "—", status: "none" });
      continue;
    }
    const facts = doc.page?.facts;
    if (!facts) continue; // the page did not load: the links gate reports why
    const stats = readingStats(facts.blocks);
    if (Number.isNaN(stats.grade)) {
      result.cells.set(doc.key, { text: "—", status: "warn" });
      result.findings.push({ gate: "readability", severity: "warning", file: doc.source, message: "has no sentences to measure", fix: "add the document's text, or check that the template shows it" });
      continue;
    }
    const grade = Math.round(stats.grade * 10) / 10;
    const over = grade > maxGrade ? "error" : grade > warnGrade ? "warning" : undefined;
    result.cells.set(doc.key, { text: grade.toFixed(1), status: over === "error" ? "fail" : over ? "warn" : "pass" });
    if (!over) continue;
    const longest = stats.longestSentences[0];
    const where = longest ? findSentence(ctx.contentDir, doc.source, longest.text) : undefined;
    result.findings.push({
      gate: "readability",
      severity: over,
      file: doc.source,
      message:
        over === "error"
          ? `reads at grade ${grade.toFixed(1)}, above the limit of ${maxGrade} for patient text`
          : `reads at grade ${grade.toFixed(1)}, above the aim of ${warnGrade} (the limit is ${maxGrade})`,
      fix: advice(stats, where ? `${where.file}:${where.line}` : undefined),
    });
  }
  return result;
}

function advice(stats: ReadingStats, longestAt: string | undefined): string {
  const perSentence = stats.words / stats.sentences;
  const perWord = stats.syllables / stats.words;
  const parts = [`use shorter sentences and plainer words (now ${perSentence.toFixed(1)} words a sentence and ${perWord.toFixed(2)} syllables a word; grade 6 is about 14 and 1.4)`];
  const longest = stats.longestSentences[0];
  if (longest) {
    const quote = longest.text.length > 90 ? `${longest.text.slice(0, 87)}…` : longest.text;
    parts.push(`the longest sentence (${longest.words} words${longestAt ? `, ${longestAt}` : ""}) is “${quote}”`);
  }
  const hard = stats.longestWords.filter((w) => w.syllables >= 4).slice(0, 5);
  if (hard.length) parts.push(`long words: ${hard.map((w) => `${w.word} (${w.syllables})`).join(", ")}`);
  return parts.join("; ");
}
