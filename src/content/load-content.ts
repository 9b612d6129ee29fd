/**
 * Reads and checks the whole content folder before anything is rendered: front matter, references, clinic
 * settings, and every cross-reference between documents (citations, snippets, related handouts and decks).
 * All problems are collected and reported together, each with its file and line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ContentError, ContentErrors } from "../errors.ts";
import { parseDocument, parseYaml, schemaErrors } from "./front-matter.ts";
import { clinicSchema, referenceSchema, type Clinic, type FrontMatter, type Kind, type Reference } from "./schema.ts";
import { findCitations, findSnippetIncludes } from "../markdown/syntax.ts";
import { checkMarkdownTargets } from "../check/markdown-targets.ts";
import { deckPdfPaths, documentUrl, handoutPdfPaths, topicSourcesUrl } from "./urls.ts";
import { sourceTopics } from "./topics.ts";
import { loadRedFlags, redFlagsProblem, RED_FLAGS_INCLUDE, type TopicRedFlags } from "./red-flags.ts";

export interface ContentDocument {
  /** Path relative to the repository root (or the folder that holds `content/`), with forward slashes. */
  source: string;
  slug: string;
  /** The first folder under content/: one topic per folder. */
  topic: string;
  data: FrontMatter;
  body: string;
  bodyStartLine: number;
}

export interface Content {
  contentDir: string;
  documents: ContentDocument[];
  references: Map<string, Reference>;
  clinic: Clinic;
  /** parts-print: each topic's warning signs (content/<topic>/_data/red-flags.yaml), by topic folder. */
  redFlags: Map<string, TopicRedFlags>;
}

const KIND_FOLDERS: Record<Kind, string> = { page: "pages", handout: "handouts", deck: "decks" };

/** Markdown files under content/, except the data and snippet folders (anything starting with `_`). */
export function listDocumentFiles(contentDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".md")) found.push(full);
    }
  };
  walk(contentDir);
  return found;
}

export function relativeSource(contentDir: string, file: string): string {
  return path.relative(path.dirname(path.resolve(contentDir)), path.resolve(file)).split(path.sep).join("/");
}

export function loadReferences(contentDir: string): Map<string, Reference> {
  const dir = path.join(contentDir, "_data", "references");
  const references = new Map<string, Reference>();
  const errors: ContentError[] = [];
  if (!existsSync(dir)) return references;
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const file = relativeSource(contentDir, path.join(dir, name));
    const text = readFileSync(path.join(dir, name), "utf8");
    let raw: unknown;
    try {
      raw = parseYaml(file, text, 1);
    } catch (error) {
      errors.push(error as ContentError);
      continue;
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push(new ContentError(file, "expected a map of reference keys, like `R01:` followed by indented fields", { line: 1 }));
      continue;
    }
    for (const [key, value] of Object.entries(raw)) {
      const line = text.split("\n").findIndex((l) => l.startsWith(`${key}:`)) + 1 || undefined;
      if (!/^[A-Za-z0-9_-]+$/.test(key)) {
        errors.push(new ContentError(file, `reference key \`${key}\` may hold only letters, digits, - and _`, { line }));
        continue;
      }
      if (references.has(key)) {
        errors.push(new ContentError(file, `reference key \`${key}\` is defined twice; keys are shared by all topics, so rename one`, { line }));
        continue;
      }
      const result = referenceSchema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          errors.push(new ContentError(file, `reference \`${key}\`, field \`${issue.path.join(".") || "(entry)"}\`: ${issue.message}`, { line }));
        }
        continue;
      }
      references.set(key, result.data);
    }
  }
  if (errors.length) throw new ContentErrors(errors);
  return references;
}

export function loadClinic(contentDir: string): Clinic {
  const full = path.join(contentDir, "_data", "clinic.json");
  const file = relativeSource(contentDir, full);
  if (!existsSync(full)) {
    throw new ContentError(file, "missing: create it with at least name, phone, siteTitle and baseUrl (see README, 'Clinic details')");
  }
  const text = readFileSync(full, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ContentError(file, `broken JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = clinicSchema.safeParse(raw);
  if (!result.success) {
    // JSON keys are quoted, so find `"key":` rather than a YAML key.
    const quoted = text.replace(/^\s*"([A-Za-z]+)"\s*:/gm, "$1:");
    const errors = schemaErrors(file, result.error.issues, quoted, 1, raw);
    throw errors.length === 1 ? errors[0] : new ContentErrors(errors);
  }
  const clinic = result.data;
  if (clinic.logo && !existsSync(path.join(contentDir, clinic.logo))) {
    throw new ContentError(file, `field \`logo\`: the file content/${clinic.logo} does not exist; add it or remove the field`);
  }
  return clinic;
}

export function loadSnippetNames(contentDir: string): Set<string> {
  const dir = path.join(contentDir, "_snippets");
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir).filter((n) => n.endsWith(".md")).map((n) => n.slice(0, -3)));
}

/** Loads every document and checks it; throws ContentErrors listing every problem found. */
export function loadContent(contentDir: string): Content {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new ContentError(contentDir, "the content folder does not exist");
  }
  const errors: ContentError[] = [];
  const collect = (fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ContentErrors) errors.push(...error.errors);
      else if (error instanceof ContentError) errors.push(error);
      else throw error;
    }
  };

  let references = new Map<string, Reference>();
  let clinic: Clinic | undefined;
  collect(() => (references = loadReferences(contentDir)));
  collect(() => (clinic = loadClinic(contentDir)));
  const snippets = loadSnippetNames(contentDir);
  // parts-print: red flags are checked against the references, so a broken references file reports only itself.
  const redFlagData = loadRedFlags(contentDir, (key) => references.has(key) || references.size === 0, (file) => relativeSource(contentDir, file));
  errors.push(...redFlagData.errors);

  const documents: ContentDocument[] = [];
  // Documents that failed to parse still exist: links to them are not reported a second time.
  const unparsed = new Set<string>();
  for (const full of listDocumentFiles(contentDir)) {
    const source = relativeSource(contentDir, full);
    const before = errors.length;
    collect(() => {
      const parsed = parseDocument(source, readFileSync(full, "utf8"));
      const parts = path.relative(contentDir, full).split(path.sep);
      const expectedFolder = KIND_FOLDERS[parsed.data.kind];
      if (parts.length < 3 || parts[parts.length - 2] !== expectedFolder) {
        throw new ContentError(source, `a ${parsed.data.kind} belongs in content/<topic>/${expectedFolder}/; move the file or change \`kind\``, { line: 2 });
      }
      documents.push({ source, slug: path.basename(full, ".md"), topic: parts[0] ?? "", ...parsed });
    });
    if (errors.length > before) unparsed.add(path.basename(full, ".md"));
  }
  const knownUrls = siteAddresses(contentDir, documents);

  for (const [name, full] of [...snippets].map((n) => [n, path.join(contentDir, "_snippets", `${n}.md`)] as const)) {
    const text = readFileSync(full, "utf8");
    checkBodyReferences(relativeSource(contentDir, full), text, 1, references, snippets, errors);
    errors.push(...checkMarkdownTargets({ source: relativeSource(contentDir, full), file: full, contentDir, body: text, firstLine: 1, pageUrl: undefined, knownUrls }));
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
      errors.push(new ContentError(relativeSource(contentDir, full), "snippet file names are lower-case words joined by hyphens, like `when-to-get-help.md`"));
    }
  }

  const slugs: Record<Kind, Map<string, string>> = { page: new Map(), handout: new Map(), deck: new Map() };
  for (const doc of documents) {
    const taken = slugs[doc.data.kind].get(doc.slug);
    if (taken) errors.push(new ContentError(doc.source, `another ${doc.data.kind} already uses the slug \`${doc.slug}\` (${taken}); rename one file`));
    else slugs[doc.data.kind].set(doc.slug, doc.source);
  }
  for (const doc of documents) {
    const fmLine = (key: string): number => {
      const raw = readFileSync(path.join(path.dirname(path.resolve(contentDir)), doc.source), "utf8").split("\n");
      const index = raw.findIndex((l) => l.startsWith(`${key}:`));
      return index === -1 ? 1 : index + 1;
    };
    const expectSlugs = (key: string, kind: Kind, values: readonly string[]): void => {
      for (const value of values) {
        if (!slugs[kind].has(value) && !unparsed.has(value)) {
          const known = [...slugs[kind].keys()].sort().join(", ") || "none yet";
          errors.push(new ContentError(doc.source, `field \`${key}\` names the ${kind} \`${value}\`, which does not exist (known: ${known})`, { line: fmLine(key) }));
        }
      }
    };
    expectSlugs("handouts", "handout", doc.data.handouts);
    if (doc.data.kind === "page") expectSlugs("decks", "deck", doc.data.decks);
    if (doc.data.kind === "handout" && doc.data.relatedPage) expectSlugs("relatedPage", "page", [doc.data.relatedPage]);
    checkBodyReferences(doc.source, doc.body, doc.bodyStartLine, references, snippets, errors);
    // parts-print: a document that places the help box says which warning signs it shows, from sets that exist.
    const helpBox = findSnippetIncludes(doc.body).find((include) => include.name === RED_FLAGS_INCLUDE);
    if (helpBox || doc.data.redFlags !== undefined) {
      const problem = redFlagsProblem(doc.topic, redFlagData.byTopic.get(doc.topic), doc.data.redFlags);
      if (problem) errors.push(new ContentError(doc.source, problem, { line: doc.data.redFlags === undefined && helpBox ? helpBox.line + doc.bodyStartLine - 1 : fmLine("redFlags") }));
    }
    errors.push(
      ...checkMarkdownTargets({
        source: doc.source,
        file: path.join(path.dirname(path.resolve(contentDir)), doc.source),
        contentDir,
        body: doc.body,
        firstLine: doc.bodyStartLine,
        pageUrl: documentUrl(doc.data.kind, doc.slug),
        knownUrls,
      }),
    );
  }

  if (errors.length) throw new ContentErrors(errors);
  if (!clinic) throw new Error("unreachable: clinic settings failed without an error");
  return { contentDir, documents, references, clinic, redFlags: redFlagData.byTopic };
}

/**
 * Every site address a Markdown link may point at: each document's page and its PDFs. A file that failed to
 * parse counts by the folder it is in, so links to it are not reported on top of its own error.
 */
function siteAddresses(contentDir: string, documents: readonly ContentDocument[]): Set<string> {
  const byFolder = new Map<string, Kind>(Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as Kind]));
  const entries: { kind: Kind; slug: string }[] = documents.map((doc) => ({ kind: doc.data.kind, slug: doc.slug }));
  for (const full of listDocumentFiles(contentDir)) {
    const kind = byFolder.get(path.basename(path.dirname(full)));
    if (kind) entries.push({ kind, slug: path.basename(full, ".md") });
  }
  const urls = new Set<string>();
  for (const { kind, slug } of entries) {
    const url = documentUrl(kind, slug);
    urls.add(url);
    const pdfs = kind === "handout" ? handoutPdfPaths(slug) : kind === "deck" ? deckPdfPaths(slug) : {};
    for (const file of Object.values(pdfs)) urls.add(`/${file}`);
  }
  // parts-print: each topic's generated sources page may be linked too.
  for (const topic of sourceTopics(contentDir)) urls.add(topicSourcesUrl(topic));
  return urls;
}

function checkBodyReferences(
  source: string,
  body: string,
  firstLine: number,
  references: Map<string, Reference>,
  snippets: Set<string>,
  errors: ContentError[],
): void {
  for (const { key, line } of findCitations(body)) {
    if (!references.has(key)) {
      errors.push(new ContentError(source, `unknown citation \`[@${key}]\`: add \`${key}\` to content/_data/references/, or fix the key`, { line: line + firstLine - 1 }));
    }
  }
  for (const { name, line } of findSnippetIncludes(body)) {
    // `![[red-flags]]` is built in (the topic's warning signs), not a file in content/_snippets/.
    if (name !== RED_FLAGS_INCLUDE && !snippets.has(name)) {
      errors.push(new ContentError(source, `unknown snippet \`![[${name}]]\`: create content/_snippets/${name}.md, or fix the name`, { line: line + firstLine - 1 }));
    }
  }
}
