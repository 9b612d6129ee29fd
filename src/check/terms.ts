/**
 * Terms gate: a patient document (handout or page) that uses a glossary term (content/<topic>/_data/terms.yaml)
 * must define it on that same document: the term or one of its synonyms written in **bold** somewhere in the
 * document or the snippets it includes (by convention followed by its plain meaning). Otherwise it is an error
 * naming the term and the line of its first use.
 *
 * Read from the Markdown, not the page, so the line is exact. What counts as a use: the term or a synonym,
 * case-insensitive, as whole words (src/content/terms.ts), in the text a reader sees: not in headings (a heading
 * may name a term that the text under it explains), front matter, code, link addresses or image file names.
 * Image alt text and captions count.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ContentError, ContentErrors } from "../errors.ts";
import { splitFrontMatter } from "../content/front-matter.ts";
import { glossaryFor, loadTerms, loadTranslatedTerms, termPattern, type Term } from "../content/terms.ts";
import { loadClinic } from "../content/load-content.ts";
import { mainLanguage } from "../content/translations.ts";
import { SNIPPET_INCLUDE } from "../markdown/syntax.ts";
import type { GateContext } from "./context.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

export interface SourceLineText {
  /** As in the manifest: relative to the folder that holds content/. */
  file: string;
  line: number;
  text: string;
}

export interface UndefinedTerm {
  term: Term;
  /** The words as written at the first use. */
  used: string;
  file: string;
  line: number;
}

/** The document's lines as a reader meets them: its own, with each included snippet's lines in place. */
export function documentLines(contentDir: string, source: string): SourceLineText[] {
  const root = path.dirname(path.resolve(contentDir));
  const read = (file: string, stack: string[]): SourceLineText[] => {
    const full = path.join(root, file);
    if (!existsSync(full)) return [];
    const raw = readFileSync(full, "utf8").replace(/\r\n?/g, "\n");
    const isDocument = stack.length === 0;
    const { body, bodyStartLine } = isDocument ? splitFrontMatter(file, raw) : { body: raw, bodyStartLine: 1 };
    const out: SourceLineText[] = [];
    let fence: string | undefined;
    body.split("\n").forEach((text, index) => {
      const line = index + bodyStartLine;
      const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
      if (marker) {
        fence = fence ? (marker[0] === fence ? undefined : fence) : marker[0];
        return;
      }
      if (fence) return;
      const name = SNIPPET_INCLUDE.exec(text.trim())?.[1];
      if (name) {
        const snippet = `${path.basename(contentDir)}/_snippets/${name}.md`;
        if (!stack.includes(snippet)) out.push(...read(snippet, [...stack, file]));
        return;
      }
      out.push({ file, line, text });
    });
    return out;
  };
  return read(source, []);
}

/** Markdown as a reader sees it, minus headings: no citations, link addresses, code or image file names. */
function readable(text: string): string {
  if (/^\s{0,3}#{1,6}\s/.test(text) || /^\s{0,3}:::/.test(text)) return "";
  return text
    .replace(/\[@[^\]]*\]/g, " ")
    .replace(/!\[([^\]]*)\]\(\s*\S+(?:\s+"([^"]*)")?\s*\)/g, " $1 $2 ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`[^`]*`/g, " ");
}

/** Text written in bold (`**…**` or `__…__`) anywhere in the lines. */
function boldTexts(lines: readonly SourceLineText[]): string[] {
  const all = lines.map((l) => l.text).join("\n");
  return [...all.matchAll(/\*\*([^*]+?)\*\*|__([^_\n]*\p{L}[^_\n]*?)__/gu)].map((m) => (m[1] ?? m[2] ?? "").replace(/\s+/g, " "));
}

/** Glossary terms the document uses but does not define, each at its first use. */
export function findUndefinedTerms(lines: readonly SourceLineText[], terms: readonly Term[]): UndefinedTerm[] {
  const bold = boldTexts(lines);
  const found: UndefinedTerm[] = [];
  for (const term of terms) {
    if (bold.some((text) => termPattern(term, "iu").test(text))) continue;
    for (const line of lines) {
      const match = termPattern(term, "iu").exec(readable(line.text));
      if (match) {
        found.push({ term, used: match[0], file: line.file, line: line.line });
        break;
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** Every topic's glossary, or the problems reading them (reported once, as findings). */
export function glossaries(ctx: GateContext): { terms: Map<string, Term[]>; problems: ContentError[] } {
  try {
    return { terms: loadTerms(ctx.contentDir), problems: [] };
  } catch (error) {
    if (error instanceof ContentErrors) return { terms: new Map(), problems: [...error.errors] };
    if (error instanceof ContentError) return { terms: new Map(), problems: [error] };
    throw error;
  }
}

/** Issue 14: the glossaries in other languages, and the site's main language, for glossaryFor. */
function otherLanguages(ctx: GateContext): { translated: Map<string, Map<string, Term[]>>; mainLang: string; problems: ContentError[] } {
  let mainLang = "en";
  try {
    mainLang = mainLanguage(loadClinic(ctx.contentDir).locale);
  } catch {
    // the clinic settings' own error is the build's to report
  }
  try {
    return { translated: loadTranslatedTerms(ctx.contentDir), mainLang, problems: [] };
  } catch (error) {
    if (error instanceof ContentErrors) return { translated: new Map(), mainLang, problems: [...error.errors] };
    if (error instanceof ContentError) return { translated: new Map(), mainLang, problems: [error] };
    throw error;
  }
}

/**
 * The glossary a document is checked against: its topic's glossary in the document's own language (a Spanish
 * handout defines "resonancia magnética", not "MRI"), the main language's for a document without `lang`.
 */
export function documentGlossaries(ctx: GateContext, terms: Map<string, Term[]>): (topic: string, lang: string | undefined) => Term[] {
  const languages = otherLanguages(ctx);
  return (topic, lang) => glossaryFor(terms, languages.translated, topic, lang || languages.mainLang, languages.mainLang);
}

export function undefinedTermsOf(ctx: GateContext, terms: Map<string, Term[]>, source: string, topic: string, glossaryOverride?: readonly Term[]): UndefinedTerm[] {
  const glossary = glossaryOverride ?? terms.get(topic) ?? [];
  return glossary.length ? findUndefinedTerms(documentLines(ctx.contentDir, source), glossary) : [];
}

export function termsGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  const { terms, problems } = glossaries(ctx);
  const languages = otherLanguages(ctx);
  for (const problem of [...problems, ...languages.problems]) {
    result.findings.push({ gate: "terms", severity: "error", file: problem.file, line: problem.line, message: problem.message.replace(/^[^:]+(:\d+)?: /, ""), fix: "fix the glossary entry (term, definition, synonyms)" });
  }
  for (const doc of ctx.documents) {
    const artifact = doc.artifact;
    if (!artifact || artifact.audience !== "patient" || artifact.kind === "deck") {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    const glossary = glossaryFor(terms, languages.translated, artifact.topic, artifact.lang || languages.mainLang, languages.mainLang);
    const findings: Finding[] = undefinedTermsOf(ctx, terms, artifact.source, artifact.topic, glossary).map((missing) => ({
      gate: "terms",
      severity: "error",
      file: missing.file,
      line: missing.line,
      message: `uses the term “${missing.used}” without defining it on ${artifact.kind === "handout" ? "this handout" : "this page"}${missing.file === artifact.source ? "" : ` (${artifact.source})`}`,
      fix: `write it in bold once, followed by its plain meaning, for example **${capitalize(missing.term.term)}** is ${lowerFirst(missing.term.definition).replace(/[.\s]+$/, "")}`,
    }));
    const count = glossary.length;
    // A topic without a glossary has nothing to check: no mark, rather than a pass.
    result.cells.set(doc.key, count ? { text: findings.length ? `${findings.length} undefined` : "ok", status: statusOf(findings) } : { text: "—", status: "none" });
    result.findings.push(...findings);
  }
  return result;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);
