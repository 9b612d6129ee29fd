/**
 * `npm run translation-stamp`: records in a translation's front matter what its source is now (`sourceStamp`,
 * `sourceSections`; see translations.ts), after the translator has brought the translation up to date. Only those
 * two fields are written: every other line of the file stays as it was written (comments, order, quoting).
 *
 * It reads the files directly rather than through loadContent: a translation without a stamp yet is a content
 * error there, and this command is what fixes it.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ContentError } from "../errors.ts";
import { parseDocument, parseYaml, splitFrontMatter } from "./front-matter.ts";
import { loadClinic } from "./load-content.ts";
import { readText } from "./read-text.ts";
import type { Kind } from "./schema.ts";
import { kindFolderFiles, mainLanguage, primaryLanguage, slugFromFile, sourceFingerprint } from "./translations.ts";

const KIND_FOLDERS: Record<Kind, string> = { page: "pages", handout: "handouts", deck: "decks" };

export interface StampResult {
  file: string;
  source: string;
  stamp: string;
  /** The file's text was already up to date. */
  unchanged: boolean;
}

/** Stamps one translation file (a path as given on the command line); throws a ContentError naming the fix. */
export function stampTranslation(contentDir: string, file: string): StampResult {
  const root = path.dirname(path.resolve(contentDir));
  const full = path.resolve(file);
  const shown = path.relative(root, full).split(path.sep).join("/");
  const inside = path.relative(path.resolve(contentDir), full);
  if (inside.startsWith("..") || path.isAbsolute(inside)) throw new ContentError(shown, `is not inside the content folder ${contentDir}: give a translation's Markdown file under it (or pass --content)`);
  const text = readText(full);
  const split = splitFrontMatter(shown, text);
  // Only the fields this needs are read here; the rest is checked by the build, once the stamp is there.
  const raw = parseYaml(shown, split.yaml, 2) as Record<string, unknown>;
  const translationOf = typeof raw.translationOf === "string" ? raw.translationOf : undefined;
  const kind = raw.kind as Kind;
  if (!translationOf) throw new ContentError(shown, "has no `translationOf`: add `translationOf: <slug of the source>` to its front matter first");
  if (!(kind in KIND_FOLDERS)) throw new ContentError(shown, "has no valid `kind` (page, handout or deck)");
  const topic = inside.split(path.sep)[0] ?? "";
  const main = mainLanguage(loadClinic(contentDir).locale);
  const candidates = kindFolderFiles(contentDir, topic, KIND_FOLDERS[kind]).filter((f) => path.resolve(f) !== full);
  let source: { file: string; body: string; bodyStartLine: number } | undefined;
  for (const candidate of candidates) {
    const candidateShown = path.relative(root, candidate).split(path.sep).join("/");
    let parsed;
    try {
      parsed = parseDocument(candidateShown, readText(candidate));
    } catch {
      continue; // a broken document is reported by the build; it cannot be the source anyway unless fixed
    }
    const data = parsed.data;
    if (data.kind !== kind || data.translationOf !== undefined || primaryLanguage(data.lang ?? main) !== main) continue;
    if (slugFromFile(candidate, data.lang ?? main) === translationOf) source = { file: candidateShown, body: parsed.body, bodyStartLine: parsed.bodyStartLine };
  }
  if (!source) throw new ContentError(shown, `\`translationOf: ${translationOf}\`: no ${main} ${kind} with that slug in content/${topic}/${KIND_FOLDERS[kind]}/ (a source is in the main language, ${main}, and is not itself a translation)`);
  const now = sourceFingerprint(contentDir, source);
  const lines = [`sourceStamp: "${now.stamp}"`, "sourceSections:", ...now.sections.map((s) => `  ${s.id}: "${s.fingerprint}"`)];
  const updated = replaceFields(text, split.bodyStartLine, lines);
  if (updated !== text) writeFileSync(full, updated);
  return { file: shown, source: source.file, stamp: now.stamp, unchanged: updated === text };
}

/**
 * The file with its `sourceStamp` and `sourceSections` fields (and the indented lines under them) replaced by
 * `fields`, at the place of the first of them; added before the closing `---` when neither is there.
 */
export function replaceFields(text: string, bodyStartLine: number, fields: readonly string[]): string {
  const lines = text.split("\n");
  const close = bodyStartLine - 2; // index of the closing `---`
  const kept: string[] = [];
  let at: number | undefined;
  for (let i = 1; i < close; i++) {
    const line = lines[i] ?? "";
    if (/^(sourceStamp|sourceSections)\s*:/.test(line)) {
      at ??= kept.length;
      // The field's own continuation: indented lines (block style) under it.
      while (i + 1 < close && /^\s+\S|^\s*$/.test(lines[i + 1] ?? "") && !/^\S/.test(lines[i + 1] ?? "")) i++;
      continue;
    }
    kept.push(line);
  }
  kept.splice(at ?? kept.length, 0, ...fields);
  return [lines[0] ?? "---", ...kept, ...lines.slice(close)].join("\n");
}
