/**
 * Required parts of a handout: the help box (`![[red-flags]]`, found by what it is, whatever the language of
 * its heading) with warning signs and a phone number in every level, its sources (cited in the Markdown; a
 * patient's sheet names its topic's sources page, a clinician's lists them), and the review dates. A patient
 * takes the sheet home; these are what it must never lack.
 */
import { templateOf, type GateContext } from "./context.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";
import { rawString } from "../i18n/strings.ts";

/**
 * Whether the footer's text holds the review line and the next review, in the handout's language: the words of
 * its strings file before the dates ("Reviewed", "Next review"; "Revisado", "Próxima revisión").
 */
function showsReview(text: string, lang: string | undefined): boolean {
  const lead = (key: string): string => rawString(key, lang).text.split("{")[0]!.replace(/[\s:]+$/, "").trim();
  const has = (words: string): boolean => text.toLocaleLowerCase().includes(words.toLocaleLowerCase());
  const reviewed = lead("sheet.reviewedTeamOnly").split(" ")[0]!;
  return has(reviewed) && has(lead("sheet.nextReview"));
}

export function handoutPartsGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  for (const doc of ctx.documents) {
    if (doc.kind !== "handout") {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    const facts = doc.page?.facts;
    if (!facts) continue;
    const findings: Finding[] = [];
    const missing: string[] = [];
    if (!facts.handout.helpBox) {
      missing.push("help");
      findings.push({
        gate: "parts",
        severity: "error",
        file: doc.source,
        message: "has no help box (the three levels of when to get help)",
        fix: "add a line holding only `![[red-flags]]` and the sets it shows in front matter, like `redFlags: [general]`",
      });
    } else if (facts.handout.helpItems === 0) {
      missing.push("help");
      findings.push({ gate: "parts", severity: "error", file: doc.source, message: "its help box shows no warning sign", fix: "choose sets in `redFlags:` that have signs in the topic's _data/red-flags.yaml" });
    } else if (facts.handout.helpLevelsWithoutPhone.length) {
      missing.push("help");
      findings.push({
        gate: "parts",
        severity: "error",
        file: templateOf(doc),
        message: `the help box of ${doc.name} prints no phone number in its ${facts.handout.helpLevelsWithoutPhone.join(", ")} level`,
        fix: "keep the phone numbers in the levels (src/eleventy/help-box.ts, templates/i18n/en.yaml), and set phone and emergencyNumber in clinic.json",
      });
    }
    const patient = doc.artifact?.audience !== "clinician";
    if (facts.citations.length === 0 || (patient ? !facts.handout.checkedLine : !facts.handout.sourcesLine || facts.handout.sourcesInLine === 0)) {
      missing.push("sources");
      findings.push({
        gate: "parts",
        severity: "error",
        file: facts.citations.length === 0 ? doc.source : templateOf(doc),
        message: facts.citations.length === 0 ? "cites no source" : patient ? "has no “How we checked this” line pointing to its topic's sources page" : "has no sources line",
        fix: facts.citations.length === 0 ? "cite the source of each health fact as `[@KEY]` (keys are in content/_data/references/)" : "keep the sources line in the handout template's footer",
      });
    }
    if (!showsReview(facts.reviewText, doc.artifact?.lang)) {
      missing.push("review");
      findings.push({
        gate: "parts",
        severity: "error",
        file: templateOf(doc),
        message: `the handout ${doc.name} does not show when it was reviewed and when it is next due`,
        fix: "keep the review line (Reviewed … Next review …) in the handout template's footer",
      });
    }
    result.cells.set(doc.key, { text: missing.length ? `no ${missing.join(", ")}` : "ok", status: statusOf(findings) });
    result.findings.push(...findings);
  }
  return result;
}
