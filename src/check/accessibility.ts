/**
 * Accessibility gate: axe-core, run in Chromium on every built HTML page with its default rules (WCAG 2 A and
 * AA, and axe's best practices), finds zero violations. One finding per rule and page, with the first elements,
 * named against the content file when every element sits inside the document's own text, else the template.
 */
import { templateOf, type GateContext } from "./context.ts";
import { emptyResult, type GateResult } from "./types.ts";

export function accessibilityGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  for (const doc of ctx.documents) {
    const page = doc.page;
    if (!page?.facts) continue;
    for (const violation of page.violations) {
      const first = violation.nodes
        .slice(0, 2)
        .map((n) => `\`${n.target}\` ${n.html.length > 80 ? `${n.html.slice(0, 77)}…` : n.html}`)
        .join("; ");
      result.findings.push({
        gate: "accessibility",
        severity: "error",
        file: violation.inContent ? doc.source : templateOf(doc),
        message: `${doc.key}: axe rule \`${violation.id}\` (${violation.impact || "no impact given"}): ${violation.help}, on ${violation.nodes.length} element${violation.nodes.length === 1 ? "" : "s"}: ${first}`,
        fix: violation.inContent ? `change the Markdown that makes it (see ${violation.helpUrl})` : `fix it in the template (see ${violation.helpUrl}); it is not in the text of ${doc.source}`,
      });
    }
    const count = page.violations.length;
    result.cells.set(doc.key, { text: String(count), status: count ? "fail" : "pass" });
  }
  return result;
}
