/**
 * Red flags as data (parts-print): one list of warning signs per topic, in content/<topic>/_data/red-flags.yaml,
 * each with its level (emergency now, call today, call within 2–3 days), the sets it belongs to (general, knee,
 * hip, ...) and its sources. A document picks sets in front matter (`redFlags: [general, knee]` or `all`) and
 * places the box with `![[red-flags]]`; the handout, the site page and the deck slide all print from this one
 * list, so they cannot drift apart. Every mistake is reported with the file and the line of the entry.
 */
import { existsSync, readdirSync } from "node:fs";
import { readText } from "./read-text.ts";
import { editionLanguage } from "./language-editions.ts";
import path from "node:path";
import { ContentError } from "../errors.ts";
import { parseYaml } from "./front-matter.ts";
import { topicFolders } from "./topics.ts";
import { RED_FLAG_LEVELS, redFlagSchema, type RedFlag, type RedFlagLevel } from "./schema.ts";

export const RED_FLAGS_FILE = path.join("_data", "red-flags.yaml");
/** The line that places the box; a built-in include, not a snippet file. */
export const RED_FLAGS_INCLUDE = "red-flags";

export interface TopicRedFlags {
  /** The data file, relative to the folder that holds content/ (for messages). */
  file: string;
  flags: RedFlag[];
  sets: Set<string>;
  /**
   * Issue 14: the signs' words in other languages, from `red-flags.<lang>.yaml` beside the file, by language tag
   * (lower case). Level, sets and sources always come from red-flags.yaml.
   */
  translations?: Map<string, { file: string; signs: Map<string, SignWords> }>;
}

/** A sign's words in one language. */
export interface SignWords {
  text: string;
  action?: string | undefined;
}

/** Reads and checks every topic's red flags; cite keys are checked against `hasReference` in their own topic. */
export function loadRedFlags(contentDir: string, hasReference: (key: string, topic: string) => boolean, relative: (file: string) => string): { byTopic: Map<string, TopicRedFlags>; errors: ContentError[] } {
  const byTopic = new Map<string, TopicRedFlags>();
  const errors: ContentError[] = [];
  for (const topic of topicFolders(contentDir)) {
    const full = path.join(contentDir, topic, RED_FLAGS_FILE);
    if (!existsSync(full)) continue;
    const file = relative(full);
    const text = readText(full);
    let raw: unknown;
    try {
      raw = parseYaml(file, text, 1);
    } catch (error) {
      errors.push(error as ContentError);
      continue;
    }
    if (!Array.isArray(raw)) {
      errors.push(new ContentError(file, "expected a list of warning signs, each starting with `- id:` (see docs/authoring.md, “Red flags”)", { line: 1 }));
      continue;
    }
    const lines = text.split("\n");
    // The line where each top-level list entry starts, and where a field sits inside it.
    const starts = lines.flatMap((line, index) => (/^- /.test(line) ? [index] : []));
    const fieldLine = (entry: number, field: string | undefined): number => {
      const start = starts[entry] ?? 0;
      const end = starts[entry + 1] ?? lines.length;
      if (field) {
        const at = lines.slice(start, end).findIndex((line) => new RegExp(`^(- |\\s+)${field}\\s*:`).test(line));
        if (at !== -1) return start + at + 1;
      }
      return start + 1;
    };
    const flags: RedFlag[] = [];
    const ids = new Map<string, number>();
    raw.forEach((value, entry) => {
      const result = redFlagSchema.safeParse(value);
      const id = value && typeof value === "object" && "id" in value ? String((value as { id: unknown }).id) : `#${entry + 1}`;
      if (!result.success) {
        for (const issue of result.error.issues) {
          const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
          const message = issue.code === "unrecognized_keys" ? `unknown field ${(issue as { keys: string[] }).keys.map((k) => `\`${k}\``).join(", ")}: use id, level, sets, text, action and cite` : `field \`${issue.path.join(".") || "(entry)"}\`: ${/^[A-Z]/.test(issue.message) ? issue.message : `expected ${issue.message}`}`;
          errors.push(new ContentError(file, `warning sign \`${id}\`, ${message}`, { line: fieldLine(entry, issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys[0] : field) }));
        }
        return;
      }
      const flag = result.data;
      const first = ids.get(flag.id);
      if (first !== undefined) {
        errors.push(new ContentError(file, `warning sign id \`${flag.id}\` is used twice (first at line ${fieldLine(first, "id")}); give each sign its own id`, { line: fieldLine(entry, "id") }));
        return;
      }
      ids.set(flag.id, entry);
      for (const key of flag.cite) {
        if (!hasReference(key, topic)) {
          errors.push(new ContentError(file, `warning sign \`${flag.id}\` cites \`${key}\`, which is not in content/_data/references/${topic}.yaml; add it there or fix the key`, { line: fieldLine(entry, "cite") }));
        }
      }
      flags.push(flag);
    });
    const translations = loadTranslatedSigns(path.join(contentDir, topic, "_data"), flags, relative, errors);
    byTopic.set(topic, { file, flags, sets: new Set(flags.flatMap((flag) => flag.sets)), translations });
  }
  return { byTopic, errors };
}

/**
 * Issue 14: `red-flags.<lang>.yaml`, a mapping `<id>: { text: "…", action: "…" }`: every sign of red-flags.yaml
 * translated, no other id, and `action` exactly where the source sign has one.
 */
function loadTranslatedSigns(dataDir: string, flags: readonly RedFlag[], relative: (file: string) => string, errors: ContentError[]): Map<string, { file: string; signs: Map<string, SignWords> }> {
  const byLang = new Map<string, { file: string; signs: Map<string, SignWords> }>();
  const names = existsSync(dataDir) ? readdirSync(dataDir).sort() : [];
  for (const name of names) {
    const lang = editionLanguage(name, "red-flags")?.toLowerCase();
    if (!lang) continue;
    const full = path.join(dataDir, name);
    const file = relative(full);
    const text = readText(full);
    let raw: unknown;
    try {
      raw = parseYaml(file, text, 1);
    } catch (error) {
      errors.push(error as ContentError);
      continue;
    }
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    const lineOf = (id: string): number => lines.findIndex((l) => new RegExp(`^["']?${id}["']?\\s*:`).test(l)) + 1 || 1;
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push(new ContentError(file, "expected a mapping of warning-sign ids to their words, each like `cold-leg:` with `text: \"…\"` indented under it", { line: 1 }));
      continue;
    }
    const signs = new Map<string, SignWords>();
    const known = new Map(flags.map((f) => [f.id, f]));
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      const flag = known.get(id);
      if (!flag) {
        errors.push(new ContentError(file, `\`${id}\` is not a warning sign in red-flags.yaml (known: ${[...known.keys()].join(", ")}): fix the id, or remove it`, { line: lineOf(id) }));
        continue;
      }
      const entry = value as { text?: unknown; action?: unknown } | null;
      const keys = entry && typeof entry === "object" ? Object.keys(entry) : [];
      const words = entry && typeof entry === "object" && typeof entry.text === "string" && entry.text.trim().length >= 3 ? entry.text.trim() : undefined;
      if (!words) {
        errors.push(new ContentError(file, `\`${id}\` needs its words: \`text: "…"\` indented under it`, { line: lineOf(id) }));
        continue;
      }
      const stray = keys.filter((k) => k !== "text" && k !== "action");
      if (stray.length) errors.push(new ContentError(file, `\`${id}\`: unknown field ${stray.map((k) => `\`${k}\``).join(", ")}; a translation gives only text and action (level, sets and cite come from red-flags.yaml)`, { line: lineOf(id) }));
      const action = typeof entry?.action === "string" ? entry.action.trim() : undefined;
      if (flag.action && !action) errors.push(new ContentError(file, `\`${id}\` has an action in red-flags.yaml (“${flag.action}”): translate it as \`action: "…"\``, { line: lineOf(id) }));
      if (!flag.action && entry?.action !== undefined) errors.push(new ContentError(file, `\`${id}\` has no action in red-flags.yaml: remove \`action\` here`, { line: lineOf(id) }));
      signs.set(id, { text: words, action });
    }
    const missing = flags.filter((f) => !signs.has(f.id) && !(raw as Record<string, unknown>)[f.id]);
    if (missing.length) errors.push(new ContentError(file, `does not translate ${missing.map((f) => `\`${f.id}\``).join(", ")}: add ${missing.length > 1 ? "them" : "it"}, so a ${lang} help box never shows a sign in another language`, { line: 1 }));
    byLang.set(lang, { file, signs });
  }
  return byLang;
}

/** The signs a document shows, by level in the box's order; `sets` as in front matter. */
export function signsFor(topic: TopicRedFlags, sets: "all" | readonly string[]): Record<RedFlagLevel, RedFlag[]> {
  const chosen = topic.flags.filter((flag) => sets === "all" || flag.sets.some((set) => sets.includes(set)));
  return Object.fromEntries(RED_FLAG_LEVELS.map((level) => [level, chosen.filter((flag) => flag.level === level)])) as Record<RedFlagLevel, RedFlag[]>;
}

/**
 * Why a document's `redFlags` cannot be shown, or undefined when it can: no data file for its topic, or a set
 * the data does not use.
 */
export function redFlagsProblem(topicName: string, topic: TopicRedFlags | undefined, sets: "all" | readonly string[] | undefined): string | undefined {
  if (sets === undefined) return "`![[red-flags]]` needs the warning-sign sets in front matter, like `redFlags: [general]` (or `redFlags: all`)";
  if (!topic) return `there is no content/${topicName}/_data/red-flags.yaml for \`redFlags\` to choose from; create it (see docs/authoring.md, “Red flags”)`;
  if (sets === "all") return undefined;
  const unknown = sets.filter((set) => !topic.sets.has(set));
  if (unknown.length) return `field \`redFlags\` names the set${unknown.length > 1 ? "s" : ""} ${unknown.map((s) => `\`${s}\``).join(", ")}, which ${topic.file} does not use (known: ${[...topic.sets].sort().join(", ")})`;
  return undefined;
}
