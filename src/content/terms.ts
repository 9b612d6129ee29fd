/**
 * The glossary: `content/<topic>/_data/terms.yaml`, a list of terms a patient may not know, each with a plain
 * definition and the other ways it is written (synonyms such as "oedema"). Read and checked while content loads
 * (file and line for every mistake); used by the web page (definitions on focus and hover, src/markdown/terms.ts),
 * by search (synonyms are indexed) and by `npm run check` (a patient document must define the terms it uses).
 *
 * Matching rule, one for every use: a name matches case-insensitively, as whole words (letters and digits on
 * either side stop it), with any run of spaces between its words.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { readText } from "./read-text.ts";
import { editionLanguage } from "./language-editions.ts";
import path from "node:path";
import { z } from "zod";
import { ContentError, ContentErrors } from "../errors.ts";
import { parseYaml } from "./front-matter.ts";

export const termSchema = z.strictObject({
  term: z.string().trim().min(2, "the term, like `bone marrow edema`"),
  definition: z.string().trim().min(10, "a plain definition of at least 10 characters"),
  synonyms: z.array(z.string().trim().min(2)).default([]),
});
export type Term = z.output<typeof termSchema>;

export const TERMS_FILE = path.join("_data", "terms.yaml");

/** Every topic's glossary, by topic folder name. Throws ContentErrors naming file and line. */
export function loadTerms(contentDir: string): Map<string, Term[]> {
  const byTopic = new Map<string, Term[]>();
  const errors: ContentError[] = [];
  if (!existsSync(contentDir)) return byTopic;
  for (const topic of readdirSync(contentDir).sort()) {
    if (topic.startsWith("_") || topic.startsWith(".")) continue;
    const full = path.join(contentDir, topic, TERMS_FILE);
    if (!existsSync(full) || !statSync(full).isFile()) continue;
    const file = path.relative(path.dirname(path.resolve(contentDir)), full).split(path.sep).join("/");
    try {
      byTopic.set(topic, parseTerms(file, readText(full)));
    } catch (error) {
      if (error instanceof ContentErrors) errors.push(...error.errors);
      else if (error instanceof ContentError) errors.push(error);
      else throw error;
    }
  }
  if (errors.length) throw new ContentErrors(errors);
  return byTopic;
}

/**
 * Issue 14: each topic's glossaries in other languages, `content/<topic>/_data/terms.<lang>.yaml` (the terms.yaml
 * format, in that language), by topic and then by language tag (lower case). Throws ContentErrors naming file and line.
 */
export function loadTranslatedTerms(contentDir: string): Map<string, Map<string, Term[]>> {
  const byTopic = new Map<string, Map<string, Term[]>>();
  const errors: ContentError[] = [];
  if (!existsSync(contentDir)) return byTopic;
  for (const topic of readdirSync(contentDir).sort()) {
    if (topic.startsWith("_") || topic.startsWith(".")) continue;
    const dir = path.join(contentDir, topic, "_data");
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      const lang = editionLanguage(name, "terms")?.toLowerCase();
      if (!lang) continue;
      const full = path.join(dir, name);
      const file = path.relative(path.dirname(path.resolve(contentDir)), full).split(path.sep).join("/");
      try {
        const languages = byTopic.get(topic) ?? new Map<string, Term[]>();
        languages.set(lang, parseTerms(file, readText(full)));
        byTopic.set(topic, languages);
      } catch (error) {
        if (error instanceof ContentErrors) errors.push(...error.errors);
        else if (error instanceof ContentError) errors.push(error);
        else throw error;
      }
    }
  }
  if (errors.length) throw new ContentErrors(errors);
  return byTopic;
}

/**
 * The glossary a document uses: its topic's terms.yaml in the main language; in another language, that
 * language's terms.<lang>.yaml (es-MX, then es), and none when there is none (never the main language's terms).
 */
export function glossaryFor(main: ReadonlyMap<string, Term[]>, translated: ReadonlyMap<string, ReadonlyMap<string, Term[]>>, topic: string, lang: string, mainLang: string): Term[] {
  const tag = lang.toLowerCase();
  const primary = tag.split("-")[0] ?? tag;
  if (primary === mainLang) return main.get(topic) ?? [];
  const languages = translated.get(topic);
  return languages?.get(tag) ?? languages?.get(primary) ?? [];
}

export function parseTerms(file: string, text: string): Term[] {
  const raw = parseYaml(file, text, 1);
  if (!Array.isArray(raw)) throw new ContentError(file, "expected a list of terms, each starting `- term: …` with `definition:` and `synonyms: […]` under it", { line: 1 });
  // The line each list entry starts on: `- ` at the start of a line.
  const starts = text.split("\n").flatMap((line, index) => (/^-\s/.test(line) ? [index + 1] : []));
  const terms: Term[] = [];
  const errors: ContentError[] = [];
  const seen = new Map<string, string>();
  raw.forEach((entry, index) => {
    const line = starts[index];
    const result = termSchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path.join(".") || "(entry)";
        errors.push(new ContentError(file, `term ${index + 1}, field \`${field}\`: ${/^[A-Z]/.test(issue.message) ? issue.message : `expected ${issue.message}`}`, { line }));
      }
      return;
    }
    for (const name of termNames(result.data)) {
      const key = normalize(name);
      const taken = seen.get(key);
      if (taken) errors.push(new ContentError(file, `\`${name}\` is listed twice (also under \`${taken}\`); keep it under one term`, { line }));
      else seen.set(key, result.data.term);
    }
    terms.push(result.data);
  });
  if (errors.length) throw new ContentErrors(errors);
  return terms;
}

/** The term and its synonyms. */
export function termNames(term: Term): string[] {
  return [term.term, ...term.synonyms];
}

const normalize = (text: string): string => text.toLowerCase().replace(/\s+/g, " ").trim();
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const patterns = new WeakMap<Term, Map<string, RegExp>>();

/** A pattern for any of the term's names, longest first, as whole words, case-insensitive (built once per term). */
export function termPattern(term: Term, flags = "giu"): RegExp {
  const known = patterns.get(term) ?? new Map<string, RegExp>();
  patterns.set(term, known);
  const cached = known.get(flags);
  if (cached) {
    cached.lastIndex = 0;
    return cached;
  }
  const names = termNames(term)
    .map((name) => name.trim().split(/\s+/).map(escapeRegExp).join("\\s+"))
    .sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.join("|")})(?![\\p{L}\\p{N}])`, flags);
  known.set(flags, pattern);
  return pattern;
}
