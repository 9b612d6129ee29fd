/**
 * Translation parity (issue 14): what must be the same in a translation and its source whatever the language.
 * The same warning signs shown, the same figures (a `.<lang>` part of a figure's file name removed: a Spanish
 * drawing `knee-area.es.svg` stands for `knee-area.svg`), the same citation keys, and the same numbers.
 *
 * Numbers: every number written in one appears in the other. Before comparing, each is normalised: a decimal
 * comma is a decimal point (2,5 = 2.5), a thousands separator goes (1,000 = 1.000 = 1000), leading zeros go
 * (0142 = 142), and a range is its two ends (2–3, 2-3, "6 to 12", "6 a 12" all give both numbers). So a changed
 * dose, week count or phone number is caught. A number written as a word in one language ("two") and as digits
 * in the other is not: write numbers as digits in both (docs/authoring.md).
 */
import { findCitations } from "../markdown/syntax.ts";
import type { SourceLineText } from "./terms.ts";

export interface NumberUse {
  value: string;
  /** The number as written. */
  written: string;
  file: string;
  line: number;
}

/**
 * A line as the reader sees it, for numbers: no citation keys, no link or image addresses (a translation may
 * link its own language's pages), no HTML comments, no `![[snippet]]` lines (their text is read in place).
 */
function visibleText(text: string): string {
  return text
    .replace(/<!--[^]*?-->/g, " ")
    .replace(/\[@[^\]]*\]/g, " ")
    .replace(/(!?\[[^\]]*\])\(\s*[^)\s]+(?:\s+"([^"]*)")?\s*\)/g, (_m, label: string, title: string | undefined) => ` ${label} ${title ?? ""} `)
    .replace(/<[^>]+>/g, " ");
}

/** `1,000` / `1.000` → `1000`; `2,5` / `2.5` → `2.5`; `0142` → `142`. */
export function normaliseNumber(written: string): string {
  const groups = written.split(/[.,]/);
  let integer: string;
  let fraction = "";
  // Every group after the first has exactly three digits (and the first at most three): thousands separators.
  if (groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && (groups[0] ?? "").length <= 3 && (groups[0] ?? "") !== "0") {
    integer = groups.join("");
  } else {
    fraction = groups.length > 1 ? (groups.pop() ?? "") : "";
    integer = groups.join("");
  }
  integer = integer.replace(/^0+(?=\d)/, "");
  fraction = fraction.replace(/0+$/, "");
  return fraction ? `${integer}.${fraction}` : integer;
}

/** Every number on the lines, normalised, with where it is written. */
export function numbersIn(lines: readonly SourceLineText[]): NumberUse[] {
  const found: NumberUse[] = [];
  for (const { file, line, text } of lines) {
    // A number glued to letters before it is part of a code (R01, B12): the citation and code checks own it.
    for (const match of visibleText(text).matchAll(/(?<![\p{L}\p{N}_])\d+(?:[.,]\d+)*/gu)) {
      found.push({ value: normaliseNumber(match[0]), written: match[0], file, line });
    }
  }
  return found;
}

/** Citation keys on the lines, each with its first line. */
export function citationKeysIn(lines: readonly SourceLineText[]): Map<string, SourceLineText> {
  const keys = new Map<string, SourceLineText>();
  for (const line of lines) for (const { key } of findCitations(line.text)) if (!keys.has(key)) keys.set(key, line);
  return keys;
}

/**
 * Figures (images) on the lines by file name, a `.<lang>` part before the extension removed
 * (`../figures/knee-area.es.svg` → `knee-area.svg`), each with its first line.
 */
export function figuresIn(lines: readonly SourceLineText[], lang: string): Map<string, SourceLineText & { written: string }> {
  const figures = new Map<string, SourceLineText & { written: string }>();
  const suffix = new RegExp(`\\.${lang.replace(/[^A-Za-z0-9-]/g, "")}(\\.[A-Za-z0-9]+)$`, "i");
  for (const line of lines) {
    for (const match of line.text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)) {
      const written = (match[1] ?? "").replace(/[?#].*$/, "");
      const name = (written.split("/").pop() ?? written).replace(suffix, "$1");
      if (!figures.has(name)) figures.set(name, { ...line, written });
    }
  }
  return figures;
}

/** Where the k-th `## ` section starts in a document's own lines (for pointing at a translation's section). */
export function sectionStarts(lines: readonly SourceLineText[], file: string): { line: number; heading: string }[] {
  const own = lines.filter((l) => l.file === file);
  const starts = own.filter((l) => /^##\s+\S/.test(l.text)).map((l) => ({ line: l.line, heading: l.text.replace(/^##\s+/, "").trim() }));
  const first = own[0];
  const opening = first && (starts[0] === undefined || own.some((l) => l.line < starts[0]!.line && l.text.trim())) ? [{ line: first.line, heading: "(opening)" }] : [];
  return [...opening, ...starts];
}

/** The index of the section (as in sectionStarts) a line falls in. */
export function sectionIndexOf(starts: readonly { line: number }[], line: number): number {
  let index = 0;
  starts.forEach((s, i) => {
    if (s.line <= line) index = i;
  });
  return index;
}
