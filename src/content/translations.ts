/**
 * Translations that cannot drift (issue 14). A document with `translationOf` in its front matter is a
 * translation; its source is the document with that slug in the same topic and kind, in the site's main language
 * (the language part of the clinic's `locale`). The source is found by its slug, never by the translation's file
 * name, so `knee.es.md`, `rodilla.md` and `knee-spanish.md` all work the same.
 *
 * A translation records what it was made from: the source's content stamp (content-stamp.ts) and one fingerprint
 * per section of the source (`sourceSections`, written by `npm run translation-stamp`). When the source's stamp
 * changes, the sections whose fingerprints changed are the ones the translator has to look at again.
 *
 * Sections: the source body split at `## ` headings (outside code fences); the id is the heading slugified
 * (`## What to do` → `what-to-do`, a repeated heading gets `-2`, `-3`); text before the first heading is
 * `opening`. A section's fingerprint is the first 8 hex digits of the sha256 of its text (its heading line and
 * the lines under it, with each included snippet's text in place, so a changed snippet names the section that
 * shows it) with whitespace collapsed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ContentError } from "../errors.ts";
import { contentStamp } from "./content-stamp.ts";
import { readText } from "./read-text.ts";
import { SNIPPET_INCLUDE } from "../markdown/syntax.ts";
import type { FrontMatter, Kind } from "./schema.ts";
import { primaryLanguage } from "../i18n/strings.ts";

export interface SourceSection {
  id: string;
  /** The heading as written, without `## ` (`(opening)` for the text before the first heading). */
  heading: string;
  /** 1-based line in the file (the heading's line; the body's first line for the opening). */
  line: number;
  fingerprint: string;
}

/** What this module needs to know of a document (load-content.ts's ContentDocument has all of it). */
export interface TranslatableDocument {
  source: string;
  slug: string;
  topic: string;
  data: FrontMatter;
  body: string;
  bodyStartLine: number;
}

export interface TranslationPair<D extends TranslatableDocument = TranslatableDocument> {
  translation: D;
  source: D;
}

export const OPENING = "opening";

// One definition of each, in src/i18n/: the main language is the language part of the clinic's locale.
export { mainLanguage } from "../i18n/locale.ts";
export { primaryLanguage };

/** `What to do?` → `what-to-do`; letters with accents keep their base letter (`Qué hacer` → `que-hacer`). */
export function slugifyHeading(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "section"
  );
}

const fingerprint = (text: string): string => createHash("sha256").update(text.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 8);

/** A body's lines with each `![[snippet]]` line replaced by the snippet's text (content/_snippets/), recursively. */
function expandSnippets(contentDir: string, lines: readonly string[], seen: Set<string> = new Set()): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const name = SNIPPET_INCLUDE.exec(line.trim())?.[1];
    const file = name ? path.join(contentDir, "_snippets", `${name}.md`) : undefined;
    if (!name || !file || seen.has(name) || !existsSync(file)) {
      out.push(line);
      continue;
    }
    out.push(line, ...expandSnippets(contentDir, readText(file).split("\n"), new Set([...seen, name])));
  }
  return out;
}

/** The sections of a document body (see the module comment), with their lines in the file. */
export function sectionsOf(contentDir: string, body: string, bodyStartLine: number): SourceSection[] {
  const lines = body.split("\n");
  const starts: { index: number; heading: string }[] = [];
  let fence: string | undefined;
  lines.forEach((text, index) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker) {
      if (!fence) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      return;
    }
    if (!fence && /^##\s+\S/.test(text)) starts.push({ index, heading: text.replace(/^##\s+/, "").replace(/\s+#*\s*$/, "").trim() });
  });
  const sections: SourceSection[] = [];
  const used = new Map<string, number>();
  const add = (id: string, heading: string, from: number, to: number): void => {
    const count = (used.get(id) ?? 0) + 1;
    used.set(id, count);
    const text = expandSnippets(contentDir, lines.slice(from, to)).join("\n");
    sections.push({ id: count === 1 ? id : `${id}-${count}`, heading, line: from + bodyStartLine, fingerprint: fingerprint(text) });
  };
  const firstHeading = starts[0]?.index ?? lines.length;
  // The opening counts only when it holds words: a body that starts with its first heading has none.
  if (lines.slice(0, firstHeading).some((l) => l.trim())) add(OPENING, "(opening)", 0, firstHeading);
  starts.forEach((start, i) => add(slugifyHeading(start.heading), start.heading, start.index, starts[i + 1]?.index ?? lines.length));
  return sections;
}

export interface SourceFingerprint {
  stamp: string;
  sections: SourceSection[];
}

/** What `translation-stamp` writes into a translation, and what the check compares with. */
export function sourceFingerprint(contentDir: string, source: Pick<TranslatableDocument, "body" | "bodyStartLine">): SourceFingerprint {
  return { stamp: contentStamp(contentDir, source.body), sections: sectionsOf(contentDir, source.body, source.bodyStartLine) };
}

export interface SectionChange {
  kind: "changed" | "added" | "removed";
  id: string;
  /** Heading and line in the source as it is now; undefined for a removed section (it is no longer there). */
  heading?: string | undefined;
  line?: number | undefined;
}

/**
 * How the source changed since the translation was made, section by section; undefined when its stamp is still
 * the one recorded. An empty list means the stamp changed but no section's words did (only spacing changed).
 */
export function sourceChanges(contentDir: string, translation: TranslatableDocument, source: TranslatableDocument): SectionChange[] | undefined {
  const now = sourceFingerprint(contentDir, source);
  if (translation.data.sourceStamp === now.stamp) return undefined;
  const recorded = translation.data.sourceSections ?? {};
  const changes: SectionChange[] = [];
  for (const section of now.sections) {
    const before = recorded[section.id];
    if (before === undefined) changes.push({ kind: "added", id: section.id, heading: section.heading, line: section.line });
    else if (before !== section.fingerprint) changes.push({ kind: "changed", id: section.id, heading: section.heading, line: section.line });
  }
  const present = new Set(now.sections.map((s) => s.id));
  for (const id of Object.keys(recorded)) if (!present.has(id)) changes.push({ kind: "removed", id });
  return changes;
}

/** One sentence naming each changed section of the source by heading and line. */
export function describeChanges(sourceFile: string, changes: readonly SectionChange[]): string {
  if (!changes.length) return `its source ${sourceFile} changed since it was translated (only spacing or line breaks, no section's words)`;
  const named = changes.map((c) =>
    c.kind === "removed" ? `section \`${c.id}\` was removed` : `${c.kind === "added" ? "section added" : "changed"}: “${c.heading}” (${sourceFile}:${c.line})`,
  );
  return `its source changed since it was translated: ${named.join("; ")}`;
}

export const driftFix = (translationFile: string): string =>
  `update the translation to match, then run \`npm run translation-stamp -- ${translationFile}\``;

/** The 1-based line of a top-level front matter field, or 1. */
export function frontMatterLine(fileText: string, key: string): number {
  const lines = fileText.split("\n");
  const close = lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l));
  const index = lines.slice(0, close === -1 ? lines.length : close).findIndex((l) => l.startsWith(`${key}:`));
  return index === -1 ? 1 : index + 1;
}

export interface TranslationCheck<D extends TranslatableDocument> {
  pairs: TranslationPair<D>[];
  /** Mistakes in how a translation names its source: the build stops on these. */
  errors: ContentError[];
  /** Translations whose source changed since they were made (see docs/authoring.md: the build warns, the check fails). */
  drift: ContentError[];
}

/**
 * Pairs every translation with its source and checks the pairing: the fields a translation needs, a source that
 * exists in the main language, one translation per source and language. `fileText` gives a document's whole
 * file, for the lines of its fields.
 */
export function checkTranslations<D extends TranslatableDocument>(
  contentDir: string,
  documents: readonly D[],
  mainLang: string,
  fileText: (doc: D) => string,
): TranslationCheck<D> {
  const errors: ContentError[] = [];
  const drift: ContentError[] = [];
  const pairs: TranslationPair<D>[] = [];
  const byLanguage = new Map<string, D>();
  const key = (topic: string, kind: Kind, slug: string): string => `${topic}\0${kind}\0${slug}`;
  const sources = new Map<string, D>();
  for (const doc of documents) {
    if (doc.data.translationOf === undefined && primaryLanguage(doc.data.lang ?? mainLang) === mainLang) sources.set(key(doc.topic, doc.data.kind, doc.slug), doc);
  }
  for (const doc of documents) {
    const data = doc.data;
    const line = (field: string): number => frontMatterLine(fileText(doc), field);
    if (data.translationOf === undefined) {
      const stray = (["sourceStamp", "sourceSections", "translator", "translationReview"] as const).filter((field) => data[field] !== undefined);
      if (stray.length) {
        errors.push(new ContentError(doc.source, `field \`${stray[0]}\` belongs to a translation, but this document has no \`translationOf\`: add \`translationOf: <source slug>\`, or remove ${stray.map((f) => `\`${f}\``).join(", ")}`, { line: line(stray[0]!) }));
      }
      continue;
    }
    const before = errors.length;
    if (primaryLanguage(data.lang ?? mainLang) === mainLang) {
      errors.push(new ContentError(doc.source, `a translation must be in another language than the site's main language (${mainLang}, from the clinic's locale): set \`lang:\` to the translation's language, like \`lang: es\``, { line: line(data.lang ? "lang" : "translationOf") }));
    }
    const source = sources.get(key(doc.topic, data.kind, data.translationOf));
    if (!source) {
      const there = documents.find((d) => d.slug === data.translationOf && d.topic === doc.topic && d.data.kind === data.kind && d !== doc);
      const reason = there
        ? `${there.source} has that slug but is ${there.data.translationOf !== undefined ? "itself a translation" : `in ${there.data.lang}, not the main language (${mainLang})`}`
        : `no ${data.kind} in the topic \`${doc.topic}\` has the slug \`${data.translationOf}\``;
      errors.push(new ContentError(doc.source, `field \`translationOf\` names \`${data.translationOf}\`, but ${reason}: name the slug of the ${mainLang} ${data.kind} this translates`, { line: line("translationOf") }));
    }
    const missing = (["sourceStamp", "sourceSections", "translator"] as const).filter((field) => data[field] === undefined);
    const stampable = missing.filter((f) => f !== "translator");
    if (stampable.length) {
      errors.push(new ContentError(doc.source, `a translation records what it was made from, but ${stampable.map((f) => `\`${f}\``).join(" and ")} ${stampable.length > 1 ? "are" : "is"} missing: run \`npm run translation-stamp -- ${doc.source}\``, { line: line("translationOf") }));
    }
    if (missing.includes("translator")) {
      errors.push(new ContentError(doc.source, "a translation says who made it: add `translator:` with a role, like `translator: Content team (draft)`", { line: line("translationOf") }));
    }
    if (source) {
      const langKey = `${key(doc.topic, data.kind, data.translationOf)}\0${(data.lang ?? mainLang).toLowerCase()}`;
      const first = byLanguage.get(langKey);
      if (first) {
        errors.push(new ContentError(doc.source, `${first.source} already translates \`${data.translationOf}\` into ${data.lang}: keep one of the two files (${first.source}, ${doc.source})`, { line: line("translationOf") }));
      } else byLanguage.set(langKey, doc);
    }
    if (errors.length > before || !source) continue;
    pairs.push({ translation: doc, source });
    const changes = sourceChanges(contentDir, doc, source);
    if (changes) drift.push(new ContentError(doc.source, `${describeChanges(source.source, changes)}: ${driftFix(doc.source)}`, { line: line("sourceStamp") }));
  }
  return { pairs, errors, drift };
}

/**
 * A document's slug from its file name: `knee.md` → `knee`; `knee.es.md` → `knee` when the front matter's
 * `lang` is `es` (the contract's file naming for a translation beside its source).
 */
export function slugFromFile(file: string, lang: string | undefined): string {
  const base = path.basename(file, ".md");
  const suffix = lang ? `.${lang.toLowerCase()}` : undefined;
  return suffix && base.toLowerCase().endsWith(suffix) ? base.slice(0, -suffix.length) : base;
}

/** The Markdown files of one topic's kind folder (pages, handouts, decks). */
export function kindFolderFiles(contentDir: string, topic: string, folder: string): string[] {
  const dir = path.join(contentDir, topic, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".md") && !e.name.startsWith("_") && !e.name.startsWith("."))
    .map((e) => path.join(dir, e.name))
    .sort();
}
