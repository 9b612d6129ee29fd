/**
 * Readability gate: every patient-facing document's own text (see page-facts.ts for what that is,
 * reading-grade.ts for how it is counted) is measured with its language's formula (issue 14): English by
 * Flesch–Kincaid grade (at most `maxGrade`, a warning above `warnGrade`), Spanish by INFLESZ ease (at least
 * `minEase`, a warning below `warnEase`). Limits per language come from the clinic settings (`readability`),
 * over the defaults below; `--max-grade` and `--warn-grade` override the grade limits. A language with no
 * formula is reported once as not measured: a warning, never a silent pass.
 */
import { loadClinic } from "../content/load-content.ts";
import type { ReadabilityLimits } from "../content/schema.ts";
import type { GateContext } from "./context.ts";
import { formulaFor, readingStats, type ReadingFormula, type ReadingStats } from "./reading-grade.ts";
import { findSentence } from "./source-lines.ts";
import { emptyResult, type Finding, type GateResult } from "./types.ts";

/** The limits a language has when the clinic settings give none. */
export const DEFAULT_READABILITY: Record<string, ReadabilityLimits> = {
  en: { maxGrade: 8, warnGrade: 6 },
  // INFLESZ: 55–65 is "normal" (the general press); patient text should not be harder, and aims at "fairly easy".
  es: { minEase: 55, warnEase: 65 },
};

interface Limits {
  limit: number;
  aim: number;
}

const CLINIC_FILE = "content/_data/clinic.json";

export function readabilityGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  let configured: Record<string, ReadabilityLimits> = {};
  try {
    configured = loadClinic(ctx.contentDir).readability ?? {};
  } catch {
    // the clinic settings' own error is the build's to report; the defaults apply here
  }
  const clinicFile = `${ctx.contentDir.split(/[\\/]/).pop() ?? "content"}/_data/clinic.json`;
  const limitsFor = new Map<string, Limits | undefined>();
  const settingProblems: Finding[] = [];
  const limits = (language: string, formula: ReadingFormula): Limits | undefined => {
    if (limitsFor.has(language)) return limitsFor.get(language);
    const given = configured[language] ?? {};
    const defaults = DEFAULT_READABILITY[language] ?? {};
    const merged: ReadabilityLimits = { ...defaults, ...given };
    let found: Limits | undefined;
    if (formula.kind === "grade") {
      const wrong = given.minEase !== undefined || given.warnEase !== undefined;
      if (wrong) settingProblems.push(settingProblem(clinicFile, language, formula, "maxGrade and warnGrade"));
      // --max-grade and --warn-grade (anything but the defaults) win over the clinic settings.
      const maxGrade = ctx.settings.maxGrade !== 8 ? ctx.settings.maxGrade : (merged.maxGrade ?? 8);
      const warnGrade = ctx.settings.warnGrade !== 6 ? ctx.settings.warnGrade : (merged.warnGrade ?? 6);
      found = { limit: maxGrade, aim: warnGrade };
    } else {
      const wrong = given.maxGrade !== undefined || given.warnGrade !== undefined;
      if (wrong) settingProblems.push(settingProblem(clinicFile, language, formula, "minEase and warnEase"));
      if (merged.minEase !== undefined) found = { limit: merged.minEase, aim: merged.warnEase ?? merged.minEase };
    }
    limitsFor.set(language, found);
    return found;
  };

  const unmeasured = new Map<string, string[]>();
  for (const doc of ctx.documents) {
    if (doc.artifact?.audience !== "patient") {
      result.cells.set(doc.key, { text: doc.artifact ? "clin." : "—", status: "none" });
      continue;
    }
    const facts = doc.page?.facts;
    if (!facts) continue; // the page did not load: the links gate reports why
    const lang = doc.artifact.lang || "en";
    const language = (lang.split("-")[0] ?? lang).toLowerCase();
    const formula = formulaFor(lang);
    const bounds = formula ? limits(language, formula) : undefined;
    if (!formula || !bounds) {
      unmeasured.set(language, [...(unmeasured.get(language) ?? []), doc.source]);
      result.cells.set(doc.key, { text: "n/m", status: "warn" });
      continue;
    }
    const stats = readingStats(facts.blocks, formula);
    if (Number.isNaN(stats.grade)) {
      result.cells.set(doc.key, { text: "—", status: "warn" });
      result.findings.push({ gate: "readability", severity: "warning", file: doc.source, message: "has no sentences to measure", fix: "add the document's text, or check that the template shows it" });
      continue;
    }
    const score = Math.round(stats.grade * 10) / 10;
    const easy = formula.kind === "grade" ? (x: number, bound: number) => x <= bound : (x: number, bound: number) => x >= bound;
    const over = !easy(score, bounds.limit) ? "error" : !easy(score, bounds.aim) ? "warning" : undefined;
    result.cells.set(doc.key, { text: score.toFixed(1), status: over === "error" ? "fail" : over ? "warn" : "pass" });
    if (!over) continue;
    const longest = stats.longestSentences[0];
    const where = longest ? findSentence(ctx.contentDir, doc.source, longest.text) : undefined;
    const what = formula.kind === "grade" ? `reads at grade ${score.toFixed(1)}` : `reads at ${formula.name} ${score.toFixed(1)}`;
    const side = formula.kind === "grade" ? "above" : "below";
    result.findings.push({
      gate: "readability",
      severity: over,
      file: doc.source,
      message:
        over === "error"
          ? `${what}, ${side} the limit of ${bounds.limit} for patient text${formula.kind === "ease" ? " (higher is easier)" : ""}`
          : `${what}, ${side} the aim of ${bounds.aim} (the limit is ${bounds.limit})`,
      fix: advice(stats, formula, where ? `${where.file}:${where.line}` : undefined),
    });
  }
  for (const [language, files] of unmeasured) {
    result.findings.push({
      gate: "readability",
      severity: "warning",
      file: files[0]!,
      message: `${files.length} patient document${files.length === 1 ? "" : "s"} in \`${language}\` ${files.length === 1 ? "was" : "were"} not measured: there is no reading formula (or no limit) for that language${files.length > 1 ? ` (${files.join(", ")})` : ""}`,
      fix: `have a reader of ${language} check the reading level by hand; to measure it, add a formula for ${language} in src/check/reading-grade.ts and its limits to \`readability\` in ${CLINIC_FILE}`,
    });
  }
  result.findings.push(...settingProblems);
  return result;
}

function settingProblem(file: string, language: string, formula: ReadingFormula, fields: string): Finding {
  return {
    gate: "readability",
    severity: "error",
    file,
    message: `\`readability.${language}\` sets limits of the wrong kind: ${language} is measured by ${formula.name}`,
    fix: `give ${language} ${fields} instead`,
  };
}

function advice(stats: ReadingStats, formula: ReadingFormula, longestAt: string | undefined): string {
  const perSentence = stats.words / stats.sentences;
  const perWord = stats.syllables / stats.words;
  const typical = formula.kind === "grade" ? "grade 6 is about 14 and 1.4" : "an ease of 65 is about 15 and 1.9";
  const parts = [`use shorter sentences and plainer words (now ${perSentence.toFixed(1)} words a sentence and ${perWord.toFixed(2)} syllables a word; ${typical})`];
  const longest = stats.longestSentences[0];
  if (longest) {
    const quote = longest.text.length > 90 ? `${longest.text.slice(0, 87)}…` : longest.text;
    parts.push(`the longest sentence (${longest.words} words${longestAt ? `, ${longestAt}` : ""}) is “${quote}”`);
  }
  const hard = stats.longestWords.filter((w) => w.syllables >= 4).slice(0, 5);
  if (hard.length) parts.push(`long words: ${hard.map((w) => `${w.word} (${w.syllables})`).join(", ")}`);
  return parts.join("; ");
}
