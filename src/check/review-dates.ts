/**
 * Review-dates gate: every document has a `reviewed` and a `nextReview` date and shows them; a next review date
 * that has passed (or a review date still in the future) is a warning, so stale advice is seen before it is
 * printed. "Today" is a setting, so tests do not depend on the calendar. A handout without a clinician's
 * sign-off (`clinicalReview` in front matter) is a warning: its sheet says it was reviewed by the content team
 * only, and a patient should not get it before a clinician has approved it. The same holds for every patient
 * document; with `--release` (issue 14) a missing sign-off is an error.
 */
import { templateOf, type GateContext } from "./context.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";
import { translate } from "../i18n/strings.ts";

/**
 * The words a review line starts with in a language ("Reviewed", "Revisado el"): the text of the strings the
 * templates print, up to their first placeholder, so the gate reads a Spanish sheet as well as an English one.
 */
function reviewLineWords(lang: string | undefined): string[] {
  const keys = ["sheet.reviewedClinical", "sheet.reviewedTeamOnly", "page.reviewedClinical", "page.reviewedTeamOnly"];
  return [...new Set(keys.map((key) => translate(key, lang).split("{")[0]!.trim().toLowerCase()).filter(Boolean))];
}

const isDate = (value: unknown): value is string => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export function reviewDatesGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const today = ctx.settings.today;
  for (const doc of ctx.documents) {
    if (!doc.artifact) {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    const { reviewed, nextReview } = doc.artifact;
    const findings: Finding[] = [];
    if (!isDate(reviewed) || !isDate(nextReview)) {
      findings.push({
        gate: "review",
        severity: "error",
        file: doc.source,
        message: `has no valid review dates (reviewed: ${reviewed ?? "missing"}, nextReview: ${nextReview ?? "missing"})`,
        fix: "set `reviewed:` and `nextReview:` in the front matter as YYYY-MM-DD, then rebuild",
      });
    } else {
      if (nextReview < today) {
        findings.push({
          gate: "review",
          severity: "warning",
          file: doc.source,
          message: `was due for review on ${nextReview}`,
          fix: "have the content team review it, then update `reviewed:` and `nextReview:` in the front matter",
        });
      }
      // Issue 14: every patient document (and every handout) needs a clinician's sign-off before release.
      if ((doc.kind === "handout" || doc.artifact.audience === "patient") && !doc.artifact.clinicalReview) {
        findings.push({
          gate: "review",
          severity: ctx.settings.release ? "error" : "warning",
          file: doc.source,
          message: `has no clinical sign-off${ctx.settings.release ? ", so it cannot be released" : ""}: ${doc.kind === "handout" ? "its sheet says it was reviewed by the content team only" : "it says it was reviewed by the content team only"}`,
          fix: "once a clinician approves it, add `clinicalReview: {by: \"Orthopaedic lead\", date: YYYY-MM-DD}` to the front matter",
        });
      } else if (doc.artifact.clinicalReview && doc.artifact.clinicalReview.date > today) {
        findings.push({ gate: "review", severity: "warning", file: doc.source, message: `says a clinician approved it on ${doc.artifact.clinicalReview.date}, which is after today (${today})`, fix: "correct `clinicalReview.date` in the front matter" });
      }
      if (reviewed > today) {
        findings.push({ gate: "review", severity: "warning", file: doc.source, message: `says it was reviewed on ${reviewed}, which is after today (${today})`, fix: "correct `reviewed:` in the front matter" });
      }
    }
    const facts = doc.page?.facts;
    const words = reviewLineWords(doc.artifact?.lang);
    if (facts && !words.some((start) => facts.reviewText.toLowerCase().includes(start))) {
      findings.push({
        gate: "review",
        severity: "error",
        file: templateOf(doc),
        message: `${doc.kind} ${doc.name} does not show its review dates`,
        fix: "keep the review line (templates/partials/review.njk for pages) in the template",
      });
    }
    result.cells.set(doc.key, { text: isDate(nextReview) ? nextReview : "missing", status: statusOf(findings) });
    result.findings.push(...findings);
  }
  return result;
}
