/**
 * Prints a check report: one table with a row per document and a column per gate, then every error and
 * warning with the file to open and the fix, then one summary line.
 */
import type { CheckReport } from "./run-checks.ts";
import type { Finding, Status } from "./types.ts";

const MARK: Record<Status, string> = { pass: "✓", warn: "!", fail: "✗", none: "" };

export function formatTable(report: CheckReport): string {
  const header = ["Document", ...report.gates.map((g) => g.column)];
  const rows = report.rows.map((row) => [
    `${row.doc.kind} ${row.doc.name}`,
    ...report.gates.map((gate) => {
      const cell = row.cells.get(gate.id);
      if (!cell) return "·";
      return MARK[cell.status] ? `${cell.text} ${MARK[cell.status]}` : cell.text;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function formatFinding(finding: Finding): string {
  const where = finding.line ? `${finding.file}:${finding.line}` : finding.file;
  return `  ${finding.severity === "error" ? "✗" : "!"} ${where} [${finding.gate}] ${finding.message}.\n      Fix: ${finding.fix}.`;
}

export function formatReport(report: CheckReport): string {
  const { settings } = report;
  const kinds = (kind: string): number => report.rows.filter((r) => r.doc.kind === kind).length;
  const errors = report.findings.filter((f) => f.severity === "error");
  const warnings = report.findings.filter((f) => f.severity === "warning");
  const out = [
    `Quality check of ${report.outDir}${report.partial ? " (only some documents)" : ""}: ${kinds("page")} pages, ${kinds("handout")} handouts, ${kinds("deck")} decks` +
      (kinds("other") ? `, ${kinds("other")} other HTML files` : "") +
      `. Reading grade at most ${settings.maxGrade} (aim ${settings.warnGrade}); today is ${settings.today}.`,
    "",
    formatTable(report),
    "",
    "✓ passes  ! warning  ✗ error  · not checked. Grade: reading grade (Flesch–Kincaid) or ease (Spanish: Szigriszt-Pazos) of patient text (clin. = for clinicians). " +
      "Pages: pages per PDF (handouts: Letter+A4+large print; decks: slides PDF pages/slides+notes PDF). Review: next review date. " +
      "A11y: axe-core rules violated. Links: broken links and images. Off-site: requests outside the site. " +
        "Terms: glossary terms used but not defined. PEMAT: share of the machine-checkable PEMAT-P items the printed handout meets, and those it misses. " +
        "Transl.: a translation against its source (changes since it was made, same warning signs, figures, citations and numbers; review).",
  ];
  if (errors.length) out.push("", `${errors.length} error${errors.length === 1 ? "" : "s"}:`, ...errors.map(formatFinding));
  if (warnings.length) out.push("", `${warnings.length} warning${warnings.length === 1 ? "" : "s"}:`, ...warnings.map(formatFinding));
  out.push(
    "",
    errors.length
      ? `Check failed: ${errors.length} error${errors.length === 1 ? "" : "s"}, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}.`
      : `Check passed${warnings.length ? ` with ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}: ${report.rows.length} documents.`,
  );
  return out.join("\n");
}
