/**
 * Splits a content file into YAML front matter and Markdown body, and validates the front matter against the
 * schema. Errors carry the file, the line of the offending field and what was expected.
 */
import yaml from "js-yaml";
import type { z } from "zod";
import { ContentError, ContentErrors } from "../errors.ts";
import { frontMatterSchema, type FrontMatter } from "./schema.ts";

export interface SplitFile {
  yaml: string;
  body: string;
  /** 1-based line number of the first body line, so body positions can be reported as file lines. */
  bodyStartLine: number;
}

/** Content is data, not code: only YAML front matter is accepted (`---js` would execute the file). */
export function splitFrontMatter(file: string, source: string): SplitFile {
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
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

/** Parses YAML, reporting js-yaml's own line (offset by the opening `---`). */
export function parseYaml(file: string, text: string, firstLine = 1): unknown {
  try {
    return yaml.load(text, { filename: file }) ?? {};
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const line = mark?.line !== undefined ? mark.line + firstLine : undefined;
    throw new ContentError(file, `broken YAML: ${reason}. Check indentation, and quote text that contains a colon`, { line, cause: error });
  }
}

/** Finds the line of a top-level YAML key so a schema error can point at it. */
export function lineOfKey(yamlText: string, key: string, firstLine: number): number | undefined {
  const index = yamlText.split("\n").findIndex((line) => line.startsWith(`${key}:`));
  return index === -1 ? undefined : index + firstLine;
}

/** Turns zod issues into errors that name the field, the line, what is there and what is expected. */
export function schemaErrors(file: string, issues: readonly z.core.$ZodIssue[], yamlText: string, firstLine: number, raw: unknown): ContentError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "(front matter)";
    const top = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    const present = top !== undefined && raw !== null && typeof raw === "object" && top in raw;
    const line = top === undefined ? 1 : (lineOfKey(yamlText, top, firstLine) ?? 1);
    // Our own messages read "a date written as ..."; zod's defaults are whole sentences ("Invalid option: ...").
    const expected = /^[A-Z]/.test(issue.message) ? issue.message : `expected ${issue.message}`;
    let problem: string;
    if (issue.code === "unrecognized_keys") {
      const keys = (issue as { keys: string[] }).keys;
      const lines = keys.map((k) => lineOfKey(yamlText, k, firstLine)).filter((n): n is number => n !== undefined);
      return new ContentError(file, `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${k}\``).join(", ")}: remove ${keys.length > 1 ? "them" : "it"} or check the spelling (see docs/authoring.md)`, { line: lines[0] ?? 1 });
    } else if (!present && top !== undefined) {
      problem = `field \`${field}\` is missing: ${expected}`;
    } else {
      problem = `field \`${field}\` is invalid: ${expected}`;
    }
    return new ContentError(file, problem, { line });
  });
}

export interface ParsedDocument {
  data: FrontMatter;
  body: string;
  bodyStartLine: number;
}

export function parseDocument(file: string, source: string): ParsedDocument {
  const split = splitFrontMatter(file, source);
  const raw = parseYaml(file, split.yaml, 2);
  const result = frontMatterSchema.safeParse(raw);
  if (!result.success) {
    const errors = schemaErrors(file, result.error.issues, split.yaml, 2, raw);
    throw errors.length === 1 ? errors[0] : new ContentErrors(errors);
  }
  return { data: result.data, body: split.body, bodyStartLine: split.bodyStartLine };
}
