/** Small statistics and table formatting for `npm run bench`. */

/** The middle value (the mean of the two middle values for an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of each numeric field across runs, for records that all have the same fields. */
export function medianOf<T extends Record<string, number>>(runs: readonly T[]): T {
  const first = runs[0];
  if (!first) throw new Error("medianOf needs at least one run");
  const out: Record<string, number> = {};
  for (const key of Object.keys(first)) out[key] = median(runs.map((r) => r[key]!));
  return out as T;
}

/** Seconds with two decimals from milliseconds. */
export const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** A plain-text table with columns padded to line up; columns of numbers (or n/a) are right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const numeric = (text: string): boolean => /^[\d.,×–\s-]+( \(.*\))?$|^n\/a$/.test(text);
  const right = header.map((_, c) => c > 0 && rows.length > 0 && rows.every((row) => numeric(row[c] ?? "")));
  const line = (row: readonly string[]): string =>
    row.map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The same table as GitHub Markdown. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (row: readonly string[]): string => `| ${row.map((cell) => cell.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map((_, c) => (c === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}
