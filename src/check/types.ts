/**
 * The shapes the quality gates share: what a gate found (a finding, always with the source file and the fix) and
 * what it shows in the report table (one cell per document).
 */

export type Severity = "error" | "warning";

/** One id per gate; each gate fills one column of the table. */
export type GateId = "readability" | "fit" | "parts" | "sources" | "review" | "accessibility" | "links" | "privacy" | "pdf" | "terms" | "pemat" | "translations";

export interface Finding {
  gate: GateId;
  severity: Severity;
  /** The file an editor opens to fix it: the content file, a references file, or a template. */
  file: string;
  line?: number | undefined;
  /** What is wrong, in one sentence. */
  message: string;
  /** How to fix it, in one sentence. */
  fix: string;
}

export type Status = "pass" | "warn" | "fail" | "none";

export interface Cell {
  text: string;
  status: Status;
}

export interface GateResult {
  /** Cells by row key (the HTML file relative to output/). Rows a gate does not apply to get no cell. */
  cells: Map<string, Cell>;
  findings: Finding[];
}

export function emptyResult(): GateResult {
  return { cells: new Map(), findings: [] };
}

/** The status of a cell from the findings that belong to it. */
export function statusOf(findings: readonly Finding[]): Status {
  if (findings.some((f) => f.severity === "error")) return "fail";
  if (findings.length) return "warn";
  return "pass";
}
