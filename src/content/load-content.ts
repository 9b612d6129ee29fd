/**
 * Reads and checks the whole content folder before anything is rendered: front matter, references, clinic
 * settings, and every cross-reference between documents (citations, snippets, related handouts and decks).
 * All problems are collected and reported together, each with its file and line.
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ContentError, ContentErrors } from "../errors.ts";
import { lineOfKey, parseDocument, parseYaml, plainIssue, schemaErrors } from "./front-matter.ts";
import { clinicSchema, referenceSchema, type Clinic, type FrontMatter, type Kind, type Reference } from "./schema.ts";
import { findCitations, findSnippetIncludes } from "../markdown/syntax.ts";
import { checkContentFiles } from "./content-files.ts";
import { checkDataStrings, checkMarkdownSafety } from "./markdown-safety.ts";
import { readText } from "./read-text.ts";
import { contentToday } from "./today.ts";
import { createMarkdown } from "../markdown/markdown.ts";
import { notesError, type SlideReport } from "../pdf/print-deck.ts";
import { checkMarkdownTargets } from "../check/markdown-targets.ts";
import { deckPdfPaths, documentUrl, handoutPdfPaths, mainLanguage, placeOf, reservedPageProblem, reservedTopicProblem, topicHomeUrl, topicSourcesUrl, type DocumentPlace } from "./urls.ts";
import { sourceTopics, topicFolders } from "./topics.ts";
import { sitePages } from "../eleventy/site-files.ts";
import { documentFileName, listSnippets, resolveCitation, resolveDocument, resolveDocumentLink, resolveSnippet, type ReferenceKeys, type SnippetFile } from "./names.ts";
import type { IncludedSnippet } from "../markdown/snippets.ts";
import { loadTerms, loadTranslatedTerms, type Term } from "./terms.ts";
import { findFigures } from "../markdown/figures.ts";
import { boxProblems } from "../markdown/boxes.ts";
import { loadRedFlags, redFlagsProblem, RED_FLAGS_INCLUDE, type TopicRedFlags } from "./red-flags.ts";
import { loadTopicInfo, type TopicInfo } from "./topic-info.ts";
import { checkTranslations, type TranslationPair } from "./translations.ts";

export interface ContentDocument {
  /** Path relative to the repository root (or the folder that holds `content/`), with forward slashes. */
  source: string;
  /** The file name without `.md` and without its language suffix (`knee.es.md` → `knee`). */
  slug: string;
  /** The first folder under content/: one topic per folder. */
  topic: string;
  /**
   * The document's language: front matter `lang`, which a file-name suffix (`knee.es.md`) must equal, or else the
   * site's main language (the language part of the clinic's locale). A document is (topic, kind, slug, lang).
   */
  lang: string;
  data: FrontMatter;
  body: string;
  bodyStartLine: number;
}

export interface Content {
  contentDir: string;
  documents: ContentDocument[];
  /** Each topic's references, by topic then key: keys are per topic (two topics may both have R01). */
  referencesByTopic: Map<string, Map<string, Reference>>;
  /** The references as loaded, for resolving keys (names.ts) and naming the files they are in. */
  referenceLoad: ReferenceLoad;
  /** Every snippet file: shared (content/_snippets/) and each topic's (content/<topic>/_snippets/). */
  snippets: SnippetFile[];
  /** The site's main language (`en` for the locale en-US): documents in it have unprefixed addresses. */
  mainLang: string;
  clinic: Clinic;
  /** Each topic's glossary (content/<topic>/_data/terms.yaml), by topic folder. */
  terms: Map<string, Term[]>;
  /** Issue 14: each topic's glossaries in other languages (terms.<lang>.yaml), by topic folder then language. */
  translatedTerms: Map<string, Map<string, Term[]>>;
  /** parts-print: each topic's warning signs (content/<topic>/_data/red-flags.yaml), by topic folder. */
  redFlags: Map<string, TopicRedFlags>;
  /** Each topic's description (content/<topic>/_data/topic.yaml and its translations), by topic folder. */
  topics: Map<string, TopicInfo>;
  /** Issue 14: every translation with its source (found by `translationOf`, same topic and kind, main language). */
  translations: TranslationPair<ContentDocument>[];
  /**
   * Translations whose source changed since they were made, one line each naming the changed sections. Not a
   * build error (a clinic must be able to publish a fix to the source at once); `npm run check` fails on them and
   * the build prints them as warnings.
   */
  translationDrift: ContentError[];
}

const KIND_FOLDERS: Record<Kind, string> = { page: "pages", handout: "handouts", deck: "decks" };

/** Markdown files under content/, except the data and snippet folders (anything starting with `_`). */
export function listDocumentFiles(contentDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith("_") || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      // Links are never followed (content-files.ts refuses them, naming the link).
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md")) found.push(full);
    }
  };
  walk(contentDir);
  return found;
}

export function relativeSource(contentDir: string, file: string): string {
  return path.relative(path.dirname(path.resolve(contentDir)), path.resolve(file)).split(path.sep).join("/");
}

/** In `unsure`: a references file could not be read at all, so no citation of its topic is reported as unknown. */
const ANY_KEY = "*";

export interface ReferenceLoad {
  /** Each topic's references (content/_data/references/<topic>.yaml), by topic: keys are per topic. */
  byTopic: Map<string, Map<string, Reference>>;
  errors: ContentError[];
  /**
   * Keys written in a references file that failed to load (broken YAML, or an invalid entry), by topic: a citation
   * of one is not reported as unknown, since the file's own error already says what to fix.
   */
  unsure: Map<string, Set<string>>;
  /** Where each key is defined (`content/_data/references/<topic>.yaml:12`), by topic, for messages. */
  definedAt: Map<string, Map<string, string>>;
}

/** The key questions citations ask of the loaded references (src/content/names.ts). */
export function referenceKeys(load: ReferenceLoad): ReferenceKeys {
  return {
    has: (topic, key) => load.byTopic.get(topic)?.has(key) ?? false,
    unsure: (topic, key) => Boolean(load.unsure.get(topic)?.has(key) || load.unsure.get(topic)?.has(ANY_KEY)),
    where: (topic, key) => load.definedAt.get(topic)?.get(key),
    topics: () => [...load.byTopic.keys()].sort(),
  };
}

/**
 * Reads every references file, each its own topic's (named for the topic folder); a broken file or entry costs
 * only its own keys, never the others' (nor another topic's: two topics may both have R01).
 */
export function readReferences(contentDir: string): ReferenceLoad {
  const dir = path.join(contentDir, "_data", "references");
  const byTopic = new Map<string, Map<string, Reference>>();
  const definedAt = new Map<string, Map<string, string>>();
  const unsure = new Map<string, Set<string>>();
  const unsureOf = (topic: string): Set<string> => unsure.get(topic) ?? unsure.set(topic, new Set()).get(topic)!;
  const errors: ContentError[] = [];
  if (!existsSync(dir)) return { byTopic, errors, unsure, definedAt };
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => /\.ya?ml$/.test(e.name));
  // A references file that is a link is refused by content-files.ts and not read: any key of its topic might be in it.
  for (const e of entries.filter((e) => e.isSymbolicLink())) unsureOf(e.name.replace(/\.ya?ml$/, "")).add(ANY_KEY);
  for (const name of entries.filter((e) => e.isFile()).map((e) => e.name).sort()) {
    const topic = name.replace(/\.ya?ml$/, "");
    const references = byTopic.get(topic) ?? byTopic.set(topic, new Map()).get(topic)!;
    const definedIn = definedAt.get(topic) ?? definedAt.set(topic, new Map()).get(topic)!;
    const file = relativeSource(contentDir, path.join(dir, name));
    const text = readText(path.join(dir, name));
    const lines = text.split("\n");
    // The keys as written, found without the YAML parser, so a file it cannot read still vouches for its keys.
    const writtenKeys = lines.map((l) => /^["']?([A-Za-z0-9_-]+)["']?\s*:/.exec(l)?.[1]).filter((k): k is string => k !== undefined);
    let raw: unknown;
    try {
      raw = parseYaml(file, text, 1);
    } catch (error) {
      errors.push(error as ContentError);
      for (const key of writtenKeys) unsureOf(topic).add(key);
      continue;
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push(new ContentError(file, "a references file is a list of keys, each like `R01:` at the start of a line followed by its indented fields", { line: 1 }));
      for (const key of writtenKeys) unsureOf(topic).add(key);
      continue;
    }
    for (const [key, value] of Object.entries(raw)) {
      const line = lines.findIndex((l) => new RegExp(`^["']?${key.replace(/[^A-Za-z0-9_-]/g, "\\$&")}["']?\\s*:`).test(l)) + 1 || undefined;
      if (!/^[A-Za-z0-9_-]+$/.test(key)) {
        errors.push(new ContentError(file, `reference key \`${key}\` may hold only letters, digits, - and _: rename it`, { line }));
        continue;
      }
      if (definedIn.has(key)) {
        errors.push(new ContentError(file, `reference key \`${key}\` is also defined at ${definedIn.get(key)}; rename one of the two`, { line }));
        continue;
      }
      definedIn.set(key, line ? `${file}:${line}` : file);
      const strings = checkDataStrings(file, value, () => line, `reference \`${key}\`, field`);
      const result = referenceSchema.safeParse(value);
      if (!result.success || strings.length) {
        errors.push(...strings);
        for (const issue of result.error?.issues ?? []) {
          const field = issue.path.map(String).join(".");
          const present = value !== null && typeof value === "object" && field in value;
          const said = present ? (value as Record<string, unknown>)[field] : undefined;
          const unknown = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : undefined;
          const problem = unknown
            ? `unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `\`${k}\``).join(", ")}: remove ${unknown.length > 1 ? "them" : "it"} or check the spelling (see docs/authoring.md, Citations)`
            : field
            ? `field \`${field}\` ${plainIssue(issue, field, present, said)}`.replace(/add a line `([^`]+)`/, `add a line \`  $1\` under \`${key}:\``)
            : "should be a group of indented fields (short, title, ...)";
          errors.push(new ContentError(file, `reference \`${key}\`: ${problem}`, { line }));
        }
        unsureOf(topic).add(key);
        continue;
      }
      references.set(key, result.data);
    }
  }
  return { byTopic, errors, unsure, definedAt };
}

/** Each topic's references, by topic; throws every problem of the references files together. */
export function loadReferences(contentDir: string): Map<string, Map<string, Reference>> {
  const { byTopic, errors } = readReferences(contentDir);
  if (errors.length) throw new ContentErrors(errors);
  return byTopic;
}

export function loadClinic(contentDir: string): Clinic {
  const full = path.join(contentDir, "_data", "clinic.json");
  const file = relativeSource(contentDir, full);
  if (!existsSync(full)) {
    throw new ContentError(file, "missing: create it with at least name, phone, siteTitle and baseUrl (see README, 'Clinic details')");
  }
  const text = readText(full);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw jsonError(file, text, error);
  }
  // JSON keys are quoted, so find `"key":` rather than a YAML key.
  const quoted = text.replace(/^\s*"([A-Za-z]+)"\s*:/gm, "$1:");
  const errors = checkDataStrings(file, raw, (key) => lineOfKey(quoted, key, 1));
  const result = clinicSchema.safeParse(raw);
  if (!result.success) errors.push(...schemaErrors(file, result.error.issues, quoted, 1, raw));
  if (errors.length || !result.success) throw errors.length === 1 ? errors[0] : new ContentErrors(errors);
  const clinic = result.data;
  // A logo that is a link (even a broken one) is refused once, as a link, by content-files.ts.
  if (clinic.logo && !existsSync(path.join(contentDir, clinic.logo)) && !isLink(path.join(contentDir, clinic.logo))) {
    throw new ContentError(file, `field \`logo\`: the file content/${clinic.logo} does not exist; add it or remove the field`);
  }
  return clinic;
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** JSON.parse's complaint ("Unexpected token } in JSON at position 80") as a line and a likely fix. */
function jsonError(file: string, text: string, error: unknown): ContentError {
  const message = (error as Error).message;
  const position = Number(/position (\d+)/.exec(message)?.[1]);
  const line = Number(/line (\d+)/.exec(message)?.[1]) || (Number.isInteger(position) ? text.slice(0, position).split("\n").length : undefined);
  const end = /end of (JSON|data) input/i.test(message);
  return new ContentError(
    file,
    end
      ? "the JSON ends too early: a `}` or a closing quote is missing at the end"
      : "the JSON cannot be read here: check for a missing comma between two fields, a comma after the last field, or a missing quote; every name and text is in double quotes",
    { line: end ? text.split("\n").length : line, cause: error },
  );
}

/** The topic of a file under the content folder: the first folder under content/ (undefined for shared files). */
export function topicOfFile(contentDir: string, file: string): string | undefined {
  const parts = path.relative(path.resolve(contentDir), path.resolve(file)).split(path.sep);
  const first = parts[0];
  return parts.length > 1 && first && !first.startsWith("_") && !first.startsWith(".") && !first.startsWith("..") ? first : undefined;
}

/** The rendered document's file, from the markdown-it env (Eleventy's data, or the content check's). */
function inputPathOf(env: unknown): string | undefined {
  return (env as { page?: { inputPath?: string } } | undefined)?.page?.inputPath;
}

/**
 * The name lookups the renderer needs, made once per loaded content (contract "Names", src/content/names.ts): a
 * document's snippets, citations and links to other documents, each found in the document's own topic first.
 */
export interface NameLookups {
  /** `![[name]]` in the document `env` renders (or in a topic snippet of `insideTopic`). */
  snippet(name: string, env: unknown, insideTopic: string | undefined): IncludedSnippet | string | undefined;
  /** `[@key]` in the document `env` renders: true, or what is wrong. */
  citation(key: string, env: unknown): true | string;
  /** The reference a key written in a document of `topic` means. */
  reference(topic: string, key: string): Reference | undefined;
  /** A site-absolute Markdown link written as a document's name, as the address it becomes (or the problem). */
  link(href: string, env: unknown): { found?: string | undefined; problem?: string | undefined } | undefined;
  /** The document a front-matter name (`handouts`, `decks`, `relatedPage`) of `from` means. */
  document(from: ContentDocument, kind: Kind, written: string): ContentDocument | undefined;
  /** The document rendered from a file. */
  documentAt(inputPath: string): ContentDocument | undefined;
}

export function nameLookups(content: Content): NameLookups {
  const { contentDir, documents, mainLang } = content;
  const root = path.dirname(path.resolve(contentDir));
  const bySource = new Map(documents.map((doc) => [doc.source, doc]));
  const documentAt = (inputPath: string): ContentDocument | undefined => bySource.get(path.relative(root, path.resolve(inputPath)).split(path.sep).join("/"));
  const show = (file: string): string => relativeSource(contentDir, file);
  const keys = referenceKeys(content.referenceLoad);
  const topics = new Set(topicFolders(contentDir));
  const fromOf = (env: unknown): { topic: string; lang: string } | undefined => {
    const inputPath = inputPathOf(env);
    const doc = inputPath ? documentAt(inputPath) : undefined;
    if (doc) return { topic: doc.topic, lang: doc.lang };
    const topic = inputPath ? topicOfFile(contentDir, inputPath) : undefined;
    return topic ? { topic, lang: mainLang } : undefined;
  };
  return {
    snippet(name, env, insideTopic) {
      const resolved = resolveSnippet(content.snippets, insideTopic ?? fromOf(env)?.topic, name, show);
      if (!resolved.found) return resolved.problem;
      return { text: readText(resolved.found.file), file: show(resolved.found.file), topic: resolved.found.topic };
    },
    citation(key, env) {
      const from = fromOf(env);
      if (!from) return keys.topics().some((topic) => keys.has(topic, key)) || `unknown citation \`[@${key}]\``;
      const resolved = resolveCitation(keys, from.topic, key);
      return resolved.problem ?? true;
    },
    reference(topic, key) {
      const resolved = resolveCitation(keys, topic, key);
      return content.referencesByTopic.get(resolved.topic)?.get(resolved.key);
    },
    link(href, env) {
      const from = fromOf(env);
      if (!from || !href.startsWith("/") || href.startsWith("//")) return undefined;
      const [pathOnly = "", tail = ""] = /^([^?#]*)(.*)$/.exec(href)?.slice(1) ?? [];
      let decoded = pathOnly;
      try {
        decoded = decodeURI(pathOnly);
      } catch {
        return undefined;
      }
      const named = resolveDocumentLink(documents, from, decoded, mainLang, topics, (doc) => documentUrl(placeOf(doc, mainLang)));
      return named?.found ? { found: `${named.found}${tail}` } : named;
    },
    document(from, kind, written) {
      return resolveDocument(documents, from, kind, written, mainLang).found;
    },
    documentAt,
  };
}

/**
 * Loads every document and checks it; throws ContentErrors listing every problem found, in one round: files,
 * front matter, references, clinic settings, the Markdown itself, cross-references, snippet loops and the
 * decks' speaker notes. One mistake gives one line: what depends on a broken file is not reported again.
 */
export function loadContent(contentDir: string): Content {
  if (!existsSync(contentDir) || !statSync(contentDir).isDirectory()) {
    throw new ContentError(contentDir, "the content folder does not exist");
  }
  // A bad CONTENT_TODAY is a usage mistake, said once before any document is read.
  contentToday();
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
  const root = path.dirname(path.resolve(contentDir));

  errors.push(...checkContentFiles(contentDir));
  // Topic folders become the first part of addresses: the site's own top-level names and language tags are taken.
  for (const topic of topicFolders(contentDir)) {
    const problem = reservedTopicProblem(topic);
    if (problem) errors.push(new ContentError(relativeSource(contentDir, path.join(contentDir, topic)), problem));
  }
  const referenceLoad = readReferences(contentDir);
  errors.push(...referenceLoad.errors);
  const keys = referenceKeys(referenceLoad);
  let clinic: Clinic | undefined;
  collect(() => (clinic = loadClinic(contentDir)));
  // Documents without `lang` are in the site's main language, the language part of the clinic's locale.
  const mainLang = mainLanguage(clinic?.locale ?? "en-US");
  let terms = new Map<string, Term[]>();
  collect(() => (terms = loadTerms(contentDir)));
  const topicInfo = loadTopicInfo(contentDir, (file) => relativeSource(contentDir, file));
  errors.push(...topicInfo.errors);
  let translatedTerms = new Map<string, Map<string, Term[]>>();
  collect(() => (translatedTerms = loadTranslatedTerms(contentDir)));
  // parts-print: red flags are checked against their topic's references, so a broken references file reports only
  // itself. A key from a references file or entry that failed to load is reported there, once.
  const redFlagData = loadRedFlags(
    contentDir,
    (key, topic) => !resolveCitation(keys, topic, key).problem || (keys.topics().length === 0 && referenceLoad.unsure.size === 0),
    (file) => relativeSource(contentDir, file),
  );
  errors.push(...redFlagData.errors);
  const snippets = listSnippets(contentDir);
  const show = (file: string): string => relativeSource(contentDir, file);

  const documents: ContentDocument[] = [];
  // Documents that failed to parse still exist: links to them are not reported a second time.
  const unparsed = new Set<string>();
  const failed = new Set<string>();
  const existsKey = (topic: string, kind: Kind, slug: string): string => `${topic}/${kind}/${slug}`;
  const byFolder = new Map<string, Kind>(Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as Kind]));
  for (const full of listDocumentFiles(contentDir)) {
    const source = relativeSource(contentDir, full);
    const before = errors.length;
    const named = documentFileName(path.basename(full));
    collect(() => {
      const text = readText(full);
      const parsed = parseDocument(source, text);
      const parts = path.relative(contentDir, full).split(path.sep);
      const expectedFolder = KIND_FOLDERS[parsed.data.kind];
      if (parts.length < 3 || parts[parts.length - 2] !== expectedFolder) {
        throw new ContentError(source, `a ${parsed.data.kind} belongs in content/<topic>/${expectedFolder}/; move the file or change \`kind\``, { line: 2 });
      }
      if (!named) return; // content-files.ts reports the file name
      const written = parsed.data.lang;
      const langLine = (): number => {
        const index = text.split("\n").findIndex((l) => /^lang\s*:/.test(l));
        return index === -1 ? 2 : index + 1;
      };
      if (named.lang !== undefined && written !== named.lang) {
        throw new ContentError(
          source,
          written === undefined
            ? `the file name says the language is \`${named.lang}\` but the front matter has no \`lang\`: add \`lang: ${named.lang}\`, or rename the file to ${named.slug}.md`
            : `the file name says the language is \`${named.lang}\` but the front matter says \`lang: ${written}\`: make them the same (rename the file to ${named.slug}.${written}.md, or write \`lang: ${named.lang}\`)`,
          { line: langLine() },
        );
      }
      if (parsed.data.kind === "page") {
        const problem = reservedPageProblem(named.slug);
        if (problem) throw new ContentError(source, problem);
      }
      documents.push({ source, slug: named.slug, topic: parts[0] ?? "", lang: written ?? mainLang, ...parsed });
    });
    if (errors.length > before) {
      const kind = byFolder.get(path.basename(path.dirname(full)));
      if (kind && named) unparsed.add(existsKey(path.relative(contentDir, full).split(path.sep)[0] ?? "", kind, named.slug));
      failed.add(source);
    }
  }
  const topics = new Set(topicFolders(contentDir));
  const knownUrls = siteAddresses(contentDir, documents, mainLang);
  const urlOf = (doc: ContentDocument): string => documentUrl(placeOf(doc, mainLang));
  const linkResolver = (from: { topic: string; lang: string } | undefined) => (sitePath: string) => {
    if (from) return resolveDocumentLink(documents, from, sitePath, mainLang, topics, urlOf, (topic, slug, kind) => unparsed.has(existsKey(topic, kind, slug)));
    // A shared snippet is rendered in many topics: a name is fine when some topic has the document.
    for (const topic of topics) {
      const found = resolveDocumentLink(documents, { topic, lang: mainLang }, sitePath, mainLang, topics, urlOf);
      if (found?.found || found === undefined) return found;
    }
    return resolveDocumentLink(documents, { topic: [...topics][0] ?? "", lang: mainLang }, sitePath, mainLang, topics, urlOf);
  };

  // Snippets, each checked on its own (a topic's in its topic); their citations and includes are checked again
  // below in every document that includes them, where a shared snippet's names are the document's topic's.
  const reported = new Set<string>();
  const report = (error: ContentError): void => {
    const key = `${error.message}`;
    if (reported.has(key)) return;
    reported.add(key);
    errors.push(error);
  };
  for (const snippet of snippets) {
    const source = show(snippet.file);
    let text: string;
    try {
      if (lstatSync(snippet.file).isSymbolicLink()) continue; // refused by content-files.ts, naming the link
      text = readText(snippet.file);
    } catch {
      continue;
    }
    if (snippet.topic !== undefined) checkBodyReferences(source, text, 1, snippet.topic, keys, snippets, show, report);
    else checkSharedSnippet(source, text, keys, snippets, show, report);
    errors.push(...checkMarkdownSafety(source, text, 1));
    errors.push(...checkMarkdownTargets({ source, file: snippet.file, contentDir, body: text, firstLine: 1, pageUrl: undefined, knownUrls, resolveLink: linkResolver(snippet.topic ? { topic: snippet.topic, lang: mainLang } : undefined) }));
    errors.push(...checkFiguresAndBoxes(source, text, 1, true));
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(snippet.name)) {
      errors.push(new ContentError(source, "snippet file names are lower-case words joined by hyphens, like `when-to-get-help.md`"));
    }
  }
  const loops = snippetLoops(snippets, [...topics], show);
  errors.push(...loops.errors);

  // Slugs are unique per topic, kind and language: two topics may each have an `overview`.
  const slugs = new Map<string, string>();
  for (const doc of documents) {
    const key = `${doc.topic}/${doc.data.kind}/${doc.lang}/${doc.slug}`;
    const taken = slugs.get(key);
    if (taken) errors.push(new ContentError(doc.source, `another ${doc.data.kind} of topic \`${doc.topic}\` in language \`${doc.lang}\` already uses the slug \`${doc.slug}\` (${taken}); rename one file`));
    else slugs.set(key, doc.source);
  }
  for (const doc of documents) {
    const fmLine = (key: string): number => {
      const raw = readText(path.join(root, doc.source)).split("\n");
      const index = raw.findIndex((l) => l.startsWith(`${key}:`));
      return index === -1 ? 1 : index + 1;
    };
    const expectDocuments = (key: string, kind: Kind, values: readonly string[]): void => {
      for (const value of values) {
        const resolved = resolveDocument(documents, doc, kind, value, mainLang, (topic, slug) => unparsed.has(existsKey(topic, kind, slug)));
        if (resolved.problem) errors.push(new ContentError(doc.source, `field \`${key}\` ${resolved.problem}`, { line: fmLine(key) }));
      }
    };
    const before = errors.length;
    expectDocuments("handouts", "handout", doc.data.handouts);
    if (doc.data.kind === "page") expectDocuments("decks", "deck", doc.data.decks);
    if (doc.data.kind === "handout" && doc.data.relatedPage) expectDocuments("relatedPage", "page", [doc.data.relatedPage]);
    checkBodyReferences(doc.source, doc.body, doc.bodyStartLine, doc.topic, keys, snippets, show, (error) => errors.push(error));
    // What the document includes is checked in its topic: a shared snippet's citations and includes are this
    // topic's (each mistake once, at the snippet's line).
    checkIncludedSnippets(doc, keys, snippets, show, report);
    errors.push(...checkMarkdownSafety(doc.source, doc.body, doc.bodyStartLine));
    // parts-print: a document that places the help box says which warning signs it shows, from sets that exist.
    const helpBox = findSnippetIncludes(doc.body).find((include) => include.name === RED_FLAGS_INCLUDE);
    if (helpBox || doc.data.redFlags !== undefined) {
      const problem = redFlagsProblem(doc.topic, redFlagData.byTopic.get(doc.topic), doc.data.redFlags);
      if (problem) errors.push(new ContentError(doc.source, problem, { line: doc.data.redFlags === undefined && helpBox ? helpBox.line + doc.bodyStartLine - 1 : fmLine("redFlags") }));
    }
    errors.push(
      ...checkMarkdownTargets({
        source: doc.source,
        file: path.join(root, doc.source),
        contentDir,
        body: doc.body,
        firstLine: doc.bodyStartLine,
        pageUrl: urlOf(doc),
        knownUrls,
        resolveLink: linkResolver(doc),
      }),
    );
    errors.push(...checkFiguresAndBoxes(doc.source, doc.body, doc.bodyStartLine, doc.data.audience === "patient"));
    if (errors.length > before) failed.add(doc.source);
  }

  // Issue 14: a translation names its source and what it was made from; mistakes come in this same round.
  let translations: ReturnType<typeof checkTranslations<ContentDocument>> | undefined;
  if (clinic) {
    const fileText = (doc: ContentDocument): string => readText(path.join(path.dirname(path.resolve(contentDir)), doc.source));
    translations = checkTranslations(contentDir, documents.filter((doc) => !failed.has(doc.source)), mainLanguage(clinic.locale), fileText);
    errors.push(...translations.errors);
  }
  const content: Content = {
    contentDir,
    documents,
    referencesByTopic: referenceLoad.byTopic,
    referenceLoad,
    snippets,
    mainLang,
    clinic: clinic as Clinic,
    terms,
    redFlags: redFlagData.byTopic,
    translatedTerms,
    topics: topicInfo.topics,
    translations: translations?.pairs ?? [],
    translationDrift: translations?.drift ?? [],
  };

  // The speaker-notes rule is a content rule: checked here with the rest, not after printing. Only decks that
  // are otherwise sound are rendered for it, so a deck's other mistakes are not reported twice.
  if (!loops.errors.length) {
    const names = nameLookups(content);
    const md = createMarkdown({ hasReference: () => true, snippets: { read: (name, env, inside) => names.snippet(name, env, inside) } });
    for (const doc of documents) {
      if (doc.data.kind !== "deck" || failed.has(doc.source)) continue;
      let html: string;
      try {
        html = md.render(doc.body, { kind: "deck", page: { inputPath: path.join(root, doc.source) } });
      } catch (error) {
        // Whatever stops the rendering (a snippet that is a link, say) is reported by the checks above.
        if (error instanceof ContentError) continue;
        throw error;
      }
      const problem = notesError({ source: doc.source, slug: doc.slug }, deckSlides(html));
      if (problem) errors.push(problem);
    }
  }

  if (errors.length) throw new ContentErrors(errors);
  if (!clinic) throw new Error("unreachable: clinic settings failed without an error");
  return content;
}

/** The slides an author wrote, read from the deck's rendered Markdown as the printer reads them from the page. */
function deckSlides(html: string): SlideReport[] {
  const slides: SlideReport[] = [];
  const sections = [...html.matchAll(/<section class="slide-content"([^>]*)>([^]*?)<\/section>/g)];
  for (const [, attrs = "", inner = ""] of sections) {
    const line = Number(/data-line="(\d+)"/.exec(attrs)?.[1]);
    const heading = /<h[12][^>]*>([^]*?)<\/h[12]>/.exec(inner)?.[1]?.replace(/<[^>]+>/g, "").trim() ?? "";
    slides.push({
      // The layout's title slide is slide 1, so the author's first slide is slide 2, as on screen.
      number: slides.length + 2,
      heading,
      line: Number.isInteger(line) && line > 0 ? line : undefined,
      authored: true,
      hasNotes: !/data-no-notes/.test(attrs),
      overHeight: 0,
      overWidth: 0,
    });
  }
  return slides;
}

/**
 * Snippets that include themselves, directly or through others: each loop once, at the include that closes it
 * (the file and line to edit), instead of a stack overflow or an error at the page that started it. A shared
 * snippet's includes depend on the topic it is rendered in, so each topic is followed.
 */
function snippetLoops(snippets: readonly SnippetFile[], topics: readonly string[], show: (file: string) => string): { errors: ContentError[] } {
  const includes = new Map<string, { name: string; line: number }[]>();
  for (const snippet of snippets) {
    try {
      includes.set(snippet.file, lstatSync(snippet.file).isSymbolicLink() ? [] : findSnippetIncludes(readText(snippet.file)));
    } catch {
      includes.set(snippet.file, []);
    }
  }
  const byFile = new Map(snippets.map((s) => [s.file, s]));
  const errors: ContentError[] = [];
  const reported = new Set<string>();
  for (const context of [undefined, ...topics]) {
    const visit = (file: string, trail: string[]): void => {
      const here = byFile.get(file);
      for (const include of includes.get(file) ?? []) {
        const next = resolveSnippet(snippets, here?.topic ?? context, include.name, show).found;
        if (!next) continue;
        const at = trail.indexOf(next.file);
        if (at !== -1) {
          const loop = [...trail.slice(at), next.file];
          const key = [...loop.slice(0, -1)].sort().join(" ");
          if (!reported.has(key)) {
            reported.add(key);
            const chain = loop.map((f) => `![[${byFile.get(f)?.name ?? f}]]`).join(" → ");
            const problem = loop.length === 2 ? `snippet \`${here?.name ?? file}\` includes itself, which never ends: remove this include` : `snippets include each other in a loop (${chain}), which never ends: remove this include`;
            errors.push(new ContentError(show(file), problem, { line: include.line }));
          }
          continue;
        }
        if (trail.length < 50) visit(next.file, [...trail, next.file]);
      }
    };
    for (const snippet of snippets) visit(snippet.file, [snippet.file]);
  }
  return { errors };
}

/**
 * Every site address a Markdown link may point at: each document's page and its PDFs. A file that failed to
 * parse counts by the folder it is in, so links to it are not reported on top of its own error.
 */
function siteAddresses(contentDir: string, documents: readonly ContentDocument[], mainLang: string): Set<string> {
  const byFolder = new Map<string, Kind>(Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as Kind]));
  const places: DocumentPlace[] = documents.map((doc) => placeOf(doc, mainLang));
  for (const full of listDocumentFiles(contentDir)) {
    const kind = byFolder.get(path.basename(path.dirname(full)));
    const named = documentFileName(path.basename(full));
    const topic = topicOfFile(contentDir, full);
    if (kind && named && topic) places.push({ topic, kind, slug: named.slug, lang: named.lang === mainLang ? undefined : named.lang });
  }
  const urls = new Set<string>();
  for (const place of places) {
    urls.add(documentUrl(place));
    const pdfs = place.kind === "handout" ? handoutPdfPaths(place) : place.kind === "deck" ? deckPdfPaths(place) : {};
    for (const file of Object.values(pdfs)) urls.add(`/${file}`);
  }
  // parts-print: each topic's generated sources page, and each topic's home, may be linked too.
  for (const topic of sourceTopics(contentDir)) urls.add(topicSourcesUrl(topic));
  for (const topic of topicFolders(contentDir)) urls.add(topicHomeUrl(topic));
  // The generated site home and the site's own pages (libraries, search).
  for (const url of ["/", ...sitePages(mainLang).map((page) => page.permalink)]) urls.add(url);
  return urls;
}

/** Citations and snippet includes written in a body of `topic`: each must mean exactly one thing there. */
function checkBodyReferences(
  source: string,
  body: string,
  firstLine: number,
  topic: string,
  keys: ReferenceKeys,
  snippets: readonly SnippetFile[],
  show: (file: string) => string,
  report: (error: ContentError) => void,
): void {
  for (const { key, line } of findCitations(body)) {
    // A key from a references file that failed to load is reported there, once, not at every citation.
    const problem = resolveCitation(keys, topic, key).problem;
    if (problem) report(new ContentError(source, problem, { line: line + firstLine - 1 }));
  }
  for (const { name, line } of findSnippetIncludes(body)) {
    // `![[red-flags]]` is built in (the topic's warning signs), not a snippet file.
    if (name === RED_FLAGS_INCLUDE) continue;
    const problem = resolveSnippet(snippets, topic, name, show).problem;
    if (problem) report(new ContentError(source, problem, { line: line + firstLine - 1 }));
  }
}

/**
 * A shared snippet on its own: its plain names are each including document's topic's (checked there), so here
 * only a name that no topic could ever give is a mistake.
 */
function checkSharedSnippet(source: string, body: string, keys: ReferenceKeys, snippets: readonly SnippetFile[], show: (file: string) => string, report: (error: ContentError) => void): void {
  const topics = keys.topics();
  for (const { key, line } of findCitations(body)) {
    const results = (topics.length ? topics : [""]).map((topic) => resolveCitation(keys, topic, key));
    if (results.every((r) => r.problem)) report(new ContentError(source, key.includes("/") ? results[0]!.problem! : `unknown citation \`[@${key}]\`: no topic's references file (content/_data/references/<topic>.yaml) has \`${key}\`; add it, or fix the key`, { line }));
  }
  for (const { name, line } of findSnippetIncludes(body)) {
    if (name === RED_FLAGS_INCLUDE) continue;
    const anywhere = resolveSnippet(snippets, undefined, name, show);
    if (anywhere.found || (!name.includes("/") && snippets.some((s) => s.name === name))) continue;
    report(new ContentError(source, anywhere.problem ?? `unknown snippet \`![[${name}]]\``, { line }));
  }
}

/** The snippets a document includes, followed down, with their names read in the document's topic. */
function checkIncludedSnippets(doc: ContentDocument, keys: ReferenceKeys, snippets: readonly SnippetFile[], show: (file: string) => string, report: (error: ContentError) => void): void {
  const seen = new Set<string>();
  const visit = (body: string, topic: string): void => {
    for (const { name } of findSnippetIncludes(body)) {
      if (name === RED_FLAGS_INCLUDE) continue;
      const snippet = resolveSnippet(snippets, topic, name, show).found;
      if (!snippet || seen.has(snippet.file) || lstatSync(snippet.file).isSymbolicLink()) continue;
      seen.add(snippet.file);
      const text = readText(snippet.file);
      // A topic snippet was checked in its own topic; a shared one is checked in this document's.
      if (snippet.topic === undefined) checkBodyReferences(show(snippet.file), text, 1, doc.topic, keys, snippets, show, report);
      visit(text, snippet.topic ?? doc.topic);
    }
  };
  visit(doc.body, doc.topic);
}

/**
 * Figures (an image alone in its paragraph): on a patient document (and in snippets, which patients read) each
 * needs a caption. Missing alt text is reported for every image (checkMarkdownTargets), and every SVG under
 * content/ must pass the SVG rules before anything is copied or inlined (content-files.ts). Plan and remember
 * boxes, on every document: a title, and a closing `:::` (boxes.ts).
 */
function checkFiguresAndBoxes(source: string, body: string, firstLine: number, patient: boolean): ContentError[] {
  const boxes = boxProblems(body).map(({ line, problem }) => new ContentError(source, problem, { line: line + firstLine - 1 }));
  if (!patient) return boxes;
  const captions = findFigures(body)
    // An image that is not a file here (another site, data:) is refused as such; no caption error on top.
    .filter((figure) => !figure.caption && !/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(figure.src))
    .map(
      (figure) =>
        new ContentError(source, `figure \`${figure.src}\` has no caption: add it in quotes after the file name, like ![${figure.alt || "What it shows"}](${figure.src} "Caption under the picture")`, {
          line: figure.line + firstLine - 1,
        }),
    );
  return [...boxes, ...captions];
}
