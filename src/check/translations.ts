/**
 * Translations gate (issue 14), read from the content (the Markdown gives exact lines), for every translation:
 *
 * - drift: its source changed since it was made (the stamp differs): an error naming each changed, added or
 *   removed section of the source by heading and line (src/content/translations.ts);
 * - parity with its source (parity.ts): the same warning signs shown, the same figures, the same citation keys,
 *   the same numbers; each mismatch at the translation's file and line, saying what the source has;
 * - review: a translation no qualified medical translator has reviewed yet (no `translationReview`) is a warning,
 *   and an error with `--release`.
 */
import path from "node:path";
import { parseDocument } from "../content/front-matter.ts";
import { listDocumentFiles, loadClinic, relativeSource } from "../content/load-content.ts";
import { readText } from "../content/read-text.ts";
import { loadRedFlags, RED_FLAGS_INCLUDE, signsFor, type TopicRedFlags } from "../content/red-flags.ts";
import { describeChanges, driftFix, frontMatterLine, mainLanguage, slugFromFile, sourceChanges, type TranslatableDocument } from "../content/translations.ts";
import { checkTranslations } from "../content/translations.ts";
import { findSnippetIncludes } from "../markdown/syntax.ts";
import type { GateContext } from "./context.ts";
import { citationKeysIn, figuresIn, numbersIn } from "./parity.ts";
import { documentLines, type SourceLineText } from "./terms.ts";
import { emptyResult, statusOf, type Finding, type GateResult } from "./types.ts";

interface LightDocument extends TranslatableDocument {
  text: string;
}

/** Every document that parses, as the loader reads it (a broken one is the build's to report). */
function readDocuments(contentDir: string): LightDocument[] {
  const docs: LightDocument[] = [];
  for (const full of listDocumentFiles(contentDir)) {
    const source = relativeSource(contentDir, full);
    const text = readText(full);
    try {
      const parsed = parseDocument(source, text);
      docs.push({ source, text, slug: slugFromFile(full, parsed.data.lang), topic: path.relative(contentDir, full).split(path.sep)[0] ?? "", ...parsed });
    } catch {
      continue;
    }
  }
  return docs;
}

export function translationsGate(ctx: GateContext): GateResult {
  const result = emptyResult();
  let mainLang: string;
  try {
    mainLang = mainLanguage(loadClinic(ctx.contentDir).locale);
  } catch {
    return result; // the clinic settings' own error is the build's to report
  }
  const documents = readDocuments(ctx.contentDir);
  const { pairs, errors } = checkTranslations(ctx.contentDir, documents, mainLang, (doc) => doc.text);
  const flags = loadRedFlags(ctx.contentDir, () => true, (file) => relativeSource(ctx.contentDir, file)).byTopic;
  const findingsBySource = new Map<string, Finding[]>();
  const add = (finding: Finding, source: string): void => {
    findingsBySource.set(source, [...(findingsBySource.get(source) ?? []), finding]);
  };
  for (const error of errors) {
    add({ gate: "translations", severity: "error", file: error.file, line: error.line, message: error.message.replace(/^[^:]+(:\d+)?: /, ""), fix: "fix the translation's front matter, then rebuild" }, error.file);
  }
  const sourcesTranslated = new Set(pairs.map((p) => p.source.source));
  for (const { translation, source } of pairs) {
    const at = (field: string): number => frontMatterLine(translation.text, field);
    const changes = sourceChanges(ctx.contentDir, translation, source);
    if (changes) {
      add({ gate: "translations", severity: "error", file: translation.source, line: at("sourceStamp"), message: describeChanges(source.source, changes), fix: driftFix(translation.source) }, translation.source);
    }
    for (const finding of parityFindings(ctx.contentDir, translation, source, flags.get(translation.topic))) add(finding, translation.source);
    if (!translation.data.translationReview) {
      add(
        {
          gate: "translations",
          severity: ctx.settings.release ? "error" : "warning",
          file: translation.source,
          line: at("translator"),
          message: `has not been reviewed by a qualified medical translator${ctx.settings.release ? ", so it cannot be released" : ""}: its sheet and page say so in small print`,
          fix: 'once a qualified medical translator has checked it against its source, add `translationReview: {by: "Qualified medical translator", date: YYYY-MM-DD}` to its front matter',
        },
        translation.source,
      );
    }
  }
  const seen = new Set<string>();
  for (const doc of ctx.documents) {
    const source = doc.artifact?.source;
    if (!source) {
      result.cells.set(doc.key, { text: "—", status: "none" });
      continue;
    }
    seen.add(source);
    const findings = findingsBySource.get(source) ?? [];
    const isTranslation = pairs.some((p) => p.translation.source === source) || findings.length > 0;
    if (isTranslation) {
      const errorsHere = findings.filter((f) => f.severity === "error").length;
      result.cells.set(doc.key, { text: errorsHere ? `${errorsHere} to fix` : findings.length ? "unreviewed" : "ok", status: statusOf(findings) });
    } else result.cells.set(doc.key, { text: sourcesTranslated.has(source) ? "source" : "—", status: "none" });
  }
  // With --only, findings of documents not checked are left out, as for every gate.
  for (const [source, findings] of findingsBySource) if (seen.has(source) || !ctx.partial) result.findings.push(...findings);
  return result;
}

function parityFindings(contentDir: string, translation: LightDocument, source: LightDocument, flags: TopicRedFlags | undefined): Finding[] {
  const findings: Finding[] = [];
  const tLines = documentLines(contentDir, translation.source);
  const sLines = documentLines(contentDir, source.source);
  const finding = (line: number | undefined, message: string, fix: string, file = translation.source): Finding => ({ gate: "translations", severity: "error", file, line, message, fix });
  const tSections = sectionOfEachLine(tLines, translation.source);
  const sSections = sectionOfEachLine(sLines, source.source);
  // The line in the translation that matches a place in the source: the start of the same section by order.
  const matchingLine = (sIndex: number): number => {
    const section = sSections.at(sIndex) ?? 0;
    return tSections.starts[section]?.line ?? translation.bodyStartLine;
  };

  // Warning signs: the ids each shows in its help box.
  const shown = (doc: LightDocument): Set<string> => {
    if (!flags || !doc.data.redFlags || !findSnippetIncludes(doc.body).some((i) => i.name === RED_FLAGS_INCLUDE)) return new Set();
    return new Set(Object.values(signsFor(flags, doc.data.redFlags)).flat().map((f) => f.id));
  };
  const sFlags = shown(source);
  const tFlags = shown(translation);
  const lacking = [...sFlags].filter((id) => !tFlags.has(id));
  const extra = [...tFlags].filter((id) => !sFlags.has(id));
  if (lacking.length || extra.length) {
    const line = translation.data.redFlags ? frontMatterLine(translation.text, "redFlags") : (findSnippetIncludes(translation.body)[0]?.line ?? 1) + translation.bodyStartLine - 1;
    const parts = [lacking.length ? `lacks ${lacking.map((id) => `\`${id}\``).join(", ")}` : "", extra.length ? `adds ${extra.map((id) => `\`${id}\``).join(", ")}` : ""].filter(Boolean);
    findings.push(
      finding(
        line,
        `shows other warning signs than its source: it ${parts.join(" and ")} (the source ${source.source} shows ${[...sFlags].map((id) => `\`${id}\``).join(", ") || "none"})`,
        `give it the source's \`redFlags: ${JSON.stringify(source.data.redFlags ?? [])}\` and a \`![[red-flags]]\` line, as the source has`,
      ),
    );
  }

  // Figures, by name without the language part.
  const sFigures = figuresIn(sLines, translation.data.lang ?? "");
  const tFigures = figuresIn(tLines, translation.data.lang ?? "");
  for (const [name, where] of sFigures) {
    if (tFigures.has(name)) continue;
    findings.push(finding(matchingLine(sLines.findIndex((l) => l === where || (l.file === where.file && l.line === where.line))), `has no figure \`${name}\`, which its source shows (${where.file}:${where.line})`, `add the figure (\`${where.written}\`, or a \`.${translation.data.lang}\` edition of it beside it) to the matching section`));
  }
  for (const [name, where] of tFigures) {
    if (!sFigures.has(name)) findings.push(finding(where.line, `shows the figure \`${where.written}\`, which its source (${source.source}) does not show`, "remove it, or add the same figure to the source first", where.file));
  }

  // Citation keys.
  const sKeys = citationKeysIn(sLines);
  const tKeys = citationKeysIn(tLines);
  for (const [key, where] of sKeys) {
    if (!tKeys.has(key)) findings.push(finding(matchingLine(sLines.indexOf(where)), `never cites \`${key}\`, which its source cites (${where.file}:${where.line})`, `cite [@${key}] where the translation says what the source supports with it`));
  }
  for (const [key, where] of tKeys) {
    if (!sKeys.has(key)) findings.push(finding(where.line, `cites \`${key}\`, which its source (${source.source}) never cites`, `cite only the source's references (${[...sKeys.keys()].join(", ") || "none"})`, where.file));
  }

  // Numbers.
  const sNumbers = numbersIn(sLines);
  const tNumbers = numbersIn(tLines);
  const sValues = new Set(sNumbers.map((n) => n.value));
  const tValues = new Set(tNumbers.map((n) => n.value));
  const reported = new Set<string>();
  for (const use of sNumbers) {
    if (tValues.has(use.value) || reported.has(`s${use.value}`)) continue;
    reported.add(`s${use.value}`);
    const lineText = sLines.find((l) => l.file === use.file && l.line === use.line)?.text.trim() ?? "";
    const index = sLines.findIndex((l) => l.file === use.file && l.line === use.line);
    findings.push(finding(matchingLine(index), `has no ${use.written}, which its source has at ${use.file}:${use.line} (“${quote(lineText)}”)`, `write ${use.written} in the translation where the source has it (as digits), or correct the source`));
  }
  for (const use of tNumbers) {
    if (sValues.has(use.value) || reported.has(`t${use.value}`)) continue;
    reported.add(`t${use.value}`);
    const index = tLines.findIndex((l) => l.file === use.file && l.line === use.line);
    const section = tSections.at(index) ?? 0;
    const near = [...new Set(sNumbers.filter((n) => sSections.at(sLines.findIndex((l) => l.file === n.file && l.line === n.line)) === section).map((n) => n.written))];
    findings.push(
      finding(use.line, `has ${use.written}, which its source (${source.source}) does not have${near.length ? `; the matching section of the source has ${near.join(", ")}` : ""}`, "write the source's number here (a changed dose, time or phone number must change in the source first)", use.file),
    );
  }
  return findings;
}

/** For each line (by position), the index of the `## ` section of the document it falls in; and where each starts. */
function sectionOfEachLine(lines: readonly SourceLineText[], file: string): { at: (index: number) => number | undefined; starts: { line: number }[] } {
  const indices: number[] = [];
  const starts: { line: number }[] = [];
  let current = 0;
  let sawText = false;
  lines.forEach((l) => {
    if (l.file === file && /^##\s+\S/.test(l.text)) {
      // Text before the first heading is the opening, section 0; without one the first heading is section 0.
      if (starts.length === 0 && !sawText) current = 0;
      else current++;
      starts[current] = { line: l.line };
    } else if (l.text.trim() && starts.length === 0) {
      sawText = true;
      starts[0] ??= { line: l.line };
    }
    indices.push(current);
  });
  return { at: (index) => (index < 0 ? undefined : indices[index]), starts };
}

const quote = (text: string): string => (text.length > 70 ? `${text.slice(0, 67)}…` : text);
