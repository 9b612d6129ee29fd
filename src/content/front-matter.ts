/**
 * Splits a content file into YAML front matter and Markdown body, and validates the front matter against the
 * schema. Errors carry the file, the line of the offending field and what was expected.
 */
import yaml from "js-yaml";
import type { z } from "zod";
import { ContentError, ContentErrors } from "../errors.ts";
import { frontMatterSchema, type FrontMatter } from "./schema.ts";
import { normaliseText } from "./read-text.ts";
import { checkDataStrings } from "./markdown-safety.ts";

export interface SplitFile {
  yaml: string;
  body: string;
  /** 1-based line number of the first body line, so body positions can be reported as file lines. */
  bodyStartLine: number;
}

/** Content is data, not code: only YAML front matter is accepted (`---js` would execute the file). */
export function splitFrontMatter(file: string, source: string): SplitFile {
  const text = normaliseText(source);
  const lines = text.split("\n");
  const opener = lines[0]?.trim() ?? "";
  if (/^---\s*(js|javascript|json|ejs|node)\b/i.test(opener)) {
    throw new ContentError(file, "front matter that runs code (`---js`) is not allowed; write YAML between two `---` lines", { line: 1 });
  }
  if (opener !== "---" && opener !== "---yaml") {
    throw new ContentError(file, "no front matter: start the file with a line `---`, the YAML fields, then another `---`", { line: 1 });
  }
  const close = lines.findIndex((line, index) => index > 0 && /^---\s*$/.test(line));
  if (close === -1) {
    throw new ContentError(file, "the front matter is never closed: add a line `---` after the last field", { line: 1 });
  }
  return {
    yaml: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    bodyStartLine: close + 2,
  };
}

/**
 * Parses YAML with the core schema: dates and other values stay the text that was written (the schema checks
 * them), and nothing YAML-specific such as `!!js` tags is understood. Errors are reported in plain words at the
 * line that needs fixing (for a list or quote left open, the line where it was opened, not the end of the file).
 */
export function parseYaml(file: string, text: string, firstLine = 1): unknown {
  try {
    return yaml.load(normaliseText(text), { filename: file, schema: yaml.CORE_SCHEMA }) ?? {};
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const plain = plainYamlReason(reason);
    const opened = plain.unclosed ? unclosedLine(normaliseText(text)) : undefined;
    const line = opened !== undefined ? opened + firstLine - 1 : mark?.line !== undefined ? mark.line + firstLine : undefined;
    throw new ContentError(file, `broken YAML: ${plain.text}`, { line, cause: error });
  }
}

/** js-yaml's reasons, said for someone who edits the file rather than someone who wrote the parser. */
function plainYamlReason(reason: string): { text: string; unclosed?: boolean } {
  const table: [RegExp, string, boolean?][] = [
    [/within a flow collection|missed comma between flow collection/, "a list `[` or group `{` opened on this line is not closed: add the closing `]` or `}` (and a comma between items)", true],
    [/within a (single|double) quoted scalar/, "a quote opened on this line is not closed: add the closing quote, or remove the opening one", true],
    [/duplicated mapping key/, "a field is written twice: keep one of the two lines"],
    [/tab characters must not be used/, "a line is indented with a tab: indent with spaces only"],
    [/bad indentation of a sequence entry/, "the items of a list (lines starting with `- `) must line up under each other"],
    [/bad indentation|can not read a block mapping entry|incomplete explicit mapping pair|end of the stream or a document separator is expected/, "this line cannot be read: check that it starts at the same column as the fields around it, and put quotes around text that holds a colon followed by a space, like title: \"Knee pain: what to do\""],
    [/a colon is missed|can not read an implicit mapping pair/, "a colon is missing after the field name: write `field: value`"],
    [/non-printable characters/, "the file holds invisible control characters: retype this line"],
    [/unknown tag|unacceptable node kind|unknown escape sequence/, "this line uses YAML syntax the content does not allow (a `!` tag or a `\\` escape): write plain text, in quotes if it holds a colon"],
  ];
  for (const [pattern, text, unclosed] of table) if (pattern.test(reason)) return { text, unclosed: unclosed ?? false };
  return { text: `this line cannot be read (${reason}): check its indentation, and put quotes around text that holds a colon` };
}

/** The 1-based line where a `[`, `{` or quote was opened and never closed, by a plain scan of the text. */
function unclosedLine(text: string): number | undefined {
  let depth = 0;
  let depthLine: number | undefined;
  let quote: string | undefined;
  let quoteLine: number | undefined;
  const lines = text.split("\n");
  lines.forEach((line, index) => {
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (quote) {
        if (quote === '"' && c === "\\") i++;
        else if (c === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = undefined;
        }
        continue;
      }
      if (c === "#" && (i === 0 || /\s/.test(line[i - 1]!))) break;
      // A quote opens a quoted value only at the start of a value, not inside words like don't.
      if ((c === '"' || c === "'") && (i === 0 || /[\s:\[{,-]/.test(line[i - 1]!))) {
        quote = c;
        quoteLine = index + 1;
      } else if (c === "[" || c === "{") {
        if (depth === 0) depthLine = index + 1;
        depth++;
      } else if ((c === "]" || c === "}") && depth > 0) depth--;
    }
  });
  if (quote) return quoteLine;
  return depth > 0 ? depthLine : undefined;
}

/** Finds the line of a top-level YAML key so a schema error can point at it. */
export function lineOfKey(yamlText: string, key: string, firstLine: number): number | undefined {
  const index = yamlText.split("\n").findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`));
  return index === -1 ? undefined : index + firstLine;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list, like [first, second]",
  object: "a group of fields, each on its own indented line",
  date: "a date written as YYYY-MM-DD",
};

/** What was written, in a few words (zod says "received undefined"). */
function describeValue(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a group of fields";
  if (typeof value === "string") return `\`${value.length > 40 ? `${value.slice(0, 37)}...` : value}\``;
  return `\`${String(value)}\``;
}

/**
 * One zod issue as the rest of a sentence after "field `x` ": what is wrong and how to fix it, without zod's
 * words ("expected string, received undefined"). Messages this project wrote (lower case) are kept.
 */
export function plainIssue(issue: z.core.$ZodIssue, field: string, present: boolean, value: unknown): string {
  const last = field.split(".").pop() ?? field;
  if (!present && issue.code === "invalid_type") return `is missing: add a line \`${last}: …\``;
  const ours = /^[a-z]/.test(issue.message) ? issue.message : undefined;
  const given = present ? ` (it says ${describeValue(value)})` : "";
  if (ours) return `is invalid${given}: it should be ${ours}`;
  switch (issue.code) {
    case "invalid_type": {
      const expected = TYPE_WORDS[String((issue as { expected?: string }).expected)] ?? String((issue as { expected?: string }).expected);
      return `should be ${expected}${given}`;
    }
    case "too_small":
    case "too_big": {
      const i = issue as { origin?: string; minimum?: number | bigint; maximum?: number | bigint };
      const small = issue.code === "too_small";
      const limit = String(small ? i.minimum : i.maximum);
      if (i.origin === "string") return `is too ${small ? "short" : "long"}${given}: write at ${small ? "least" : "most"} ${limit} characters`;
      if (i.origin === "array") return `has too ${small ? "few" : "many"} items: at ${small ? "least" : "most"} ${limit}`;
      return `is too ${small ? "small" : "large"}${given}: at ${small ? "least" : "most"} ${limit}`;
    }
    case "invalid_value": {
      const values = ((issue as { values?: unknown[] }).values ?? []).map(String);
      return `should be ${values.length === 1 ? `\`${values[0]}\`` : `one of ${values.map((v) => `\`${v}\``).join(", ")}`}${given}`;
    }
    case "invalid_format": {
      const format = (issue as { format?: string }).format;
      if (format === "url") return `should be a web address starting with https://${given}`;
      return `is not written the right way${given}`;
    }
    case "invalid_union":
      return `is not one of the allowed values${given}`;
    default:
      return `is invalid${given}`;
  }
}

/** Turns zod issues into errors that name the field, the line, what is there and what is expected. */
export function schemaErrors(file: string, issues: readonly z.core.$ZodIssue[], yamlText: string, firstLine: number, raw: unknown): ContentError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "(front matter)";
    const top = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    const line = top === undefined ? 1 : (lineOfKey(yamlText, top, firstLine) ?? 1);
    if (issue.code === "unrecognized_keys") {
      const keys = (issue as { keys: string[] }).keys;
      const lines = keys.map((k) => lineOfKey(yamlText, k, firstLine)).filter((n): n is number => n !== undefined);
      return new ContentError(file, `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${k}\``).join(", ")}: remove ${keys.length > 1 ? "them" : "it"} or check the spelling (see docs/authoring.md)`, { line: lines[0] ?? 1 });
    }
    const value = valueAt(raw, issue.path);
    return new ContentError(file, `field \`${field}\` ${plainIssue(issue, field, value.present, value.value)}`, { line });
  });
}

function valueAt(raw: unknown, keys: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let current: unknown = raw;
  for (const key of keys) {
    if (current === null || typeof current !== "object" || !(String(key) in current)) return { present: false, value: undefined };
    current = (current as Record<string, unknown>)[String(key)];
  }
  return { present: current !== undefined, value: current };
}

export interface ParsedDocument {
  data: FrontMatter;
  body: string;
  bodyStartLine: number;
}

export function parseDocument(file: string, source: string): ParsedDocument {
  const split = splitFrontMatter(file, source);
  const raw = parseYaml(file, split.yaml, 2);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ContentError(file, "the front matter is not a list of fields: write one `field: value` per line between the two `---` lines", { line: 2 });
  }
  const errors = checkDataStrings(file, raw, (key) => lineOfKey(split.yaml, key, 2));
  const result = frontMatterSchema.safeParse(raw);
  if (!result.success) errors.push(...schemaErrors(file, result.error.issues, split.yaml, 2, raw));
  if (errors.length || !result.success) throw errors.length === 1 ? errors[0] : new ContentErrors(errors);
  return { data: result.data, body: split.body, bodyStartLine: split.bodyStartLine };
}
