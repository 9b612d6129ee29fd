/**
 * Required parts of a handout: a "When to get help" section with something in it, a sources line that names
 * at least one source, and the review dates. A patient takes the sheet home; these are what it must never lack.
 */
import { templateOf, type GateContext } from "./context.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

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
    if (!facts.handout.helpHeading) {
      missing.push("help");
      findings.push({
        gate: "parts",
        severity: "error",
        file: doc.source,
        message: "has no “When to get help” section",
        fix: "add a section `## When to get help` with the shared list: a line holding only `![[when-to-get-help]]`",
      });
    } else if (facts.handout.helpItems === 0) {
      missing.push("help");
      findings.push({ gate: "parts", severity: "error", file: doc.source, message: `its “${facts.handout.helpHeading}” section is empty`, fix: "put the warning signs under it, for example `![[when-to-get-help]]`" });
    }
    if (!facts.handout.sourcesLine || facts.handout.sourcesInLine === 0) {
      missing.push("sources");
      findings.push({
        gate: "parts",
        severity: "error",
        file: doc.source,
        message: "has no sources line: it cites no source",
        fix: "cite the source of each health fact as `[@KEY]` (keys are in content/_data/references/)",
      });
    }
    if (!/reviewed/i.test(facts.reviewText) || !/next review/i.test(facts.reviewText)) {
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
