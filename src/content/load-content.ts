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
import { deckPdfPaths, documentUrl, handoutPdfPaths, topicHomeUrl, topicSourcesUrl } from "./urls.ts";
import { sourceTopics, topicFolders } from "./topics.ts";
import { loadTerms, loadTranslatedTerms, type Term } from "./terms.ts";
import { findFigures } from "../markdown/figures.ts";
import { boxProblems } from "../markdown/boxes.ts";
import { loadRedFlags, redFlagsProblem, RED_FLAGS_INCLUDE, type TopicRedFlags } from "./red-flags.ts";
import { loadTopicInfo, type TopicInfo } from "./topic-info.ts";
import { checkTranslations, mainLanguage, type TranslationPair } from "./translations.ts";

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

/** In `unsure`: a references file could not be read at all, so no citation is reported as unknown. */
const ANY_KEY = "*";

export interface ReferenceLoad {
  references: Map<string, Reference>;
  errors: ContentError[];
  /**
   * Keys written in a references file that failed to load (broken YAML, or an invalid entry): a citation of one
   * is not reported as unknown, since the file's own error already says what to fix.
   */
  unsure: Set<string>;
}

/** Reads every references file; a broken file or entry costs only its own keys, never the others'. */
export function readReferences(contentDir: string): ReferenceLoad {
  const dir = path.join(contentDir, "_data", "references");
  const references = new Map<string, Reference>();
  const definedIn = new Map<string, string>();
  const unsure = new Set<string>();
  const errors: ContentError[] = [];
  if (!existsSync(dir)) return { references, errors, unsure };
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => /\.ya?ml$/.test(e.name));
  // A references file that is a link is refused by content-files.ts and not read: any key might be in it.
  if (entries.some((e) => e.isSymbolicLink())) unsure.add(ANY_KEY);
  for (const name of entries.filter((e) => e.isFile()).map((e) => e.name).sort()) {
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
      for (const key of writtenKeys) unsure.add(key);
      continue;
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      errors.push(new ContentError(file, "a references file is a list of keys, each like `R01:` at the start of a line followed by its indented fields", { line: 1 }));
      for (const key of writtenKeys) unsure.add(key);
      continue;
    }
    for (const [key, value] of Object.entries(raw)) {
      const line = lines.findIndex((l) => new RegExp(`^["']?${key.replace(/[^A-Za-z0-9_-]/g, "\\$&")}["']?\\s*:`).test(l)) + 1 || undefined;
      if (!/^[A-Za-z0-9_-]+$/.test(key)) {
        errors.push(new ContentError(file, `reference key \`${key}\` may hold only letters, digits, - and _: rename it`, { line }));
        continue;
      }
      const first = definedIn.get(key);
      if (first !== undefined) {
        errors.push(new ContentError(file, `reference key \`${key}\` is also defined in ${first}; keys are shared by all topics, so rename one of the two`, { line }));
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
        unsure.add(key);
        continue;
      }
      references.set(key, result.data);
    }
  }
  return { references, errors, unsure };
}

export function loadReferences(contentDir: string): Map<string, Reference> {
  const { references, errors } = readReferences(contentDir);
  if (errors.length) throw new ContentErrors(errors);
  return references;
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

export function loadSnippetNames(contentDir: string): Set<string> {
  const dir = path.join(contentDir, "_snippets");
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".md")).map((e) => e.name.slice(0, -3)));
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

  errors.push(...checkContentFiles(contentDir));
  const referenceLoad = readReferences(contentDir);
  errors.push(...referenceLoad.errors);
  const references = referenceLoad.references;
  let clinic: Clinic | undefined;
  collect(() => (clinic = loadClinic(contentDir)));
  let terms = new Map<string, Term[]>();
  collect(() => (terms = loadTerms(contentDir)));
  const topicInfo = loadTopicInfo(contentDir, (file) => relativeSource(contentDir, file));
  errors.push(...topicInfo.errors);
  let translatedTerms = new Map<string, Map<string, Term[]>>();
  collect(() => (translatedTerms = loadTranslatedTerms(contentDir)));
  const snippets = loadSnippetNames(contentDir);
  // parts-print: red flags are checked against the references, so a broken references file reports only itself.
  // A key from a references file or entry that failed to load is reported there, once, as for document citations.
  const unsure = referenceLoad.unsure;
  const redFlagData = loadRedFlags(
    contentDir,
    (key) => references.has(key) || references.size === 0 || unsure.has(key) || unsure.has(ANY_KEY),
    (file) => relativeSource(contentDir, file),
  );
  errors.push(...redFlagData.errors);
  // A snippet that is a link is refused as such (content-files.ts) and not read; its includes are not reported
  // as unknown on top.
  const snippetDir = path.join(contentDir, "_snippets");
  const includable = new Set(snippets);
  if (existsSync(snippetDir)) for (const e of readdirSync(snippetDir, { withFileTypes: true })) if (e.name.endsWith(".md")) includable.add(e.name.slice(0, -3));

  const documents: ContentDocument[] = [];
  // Documents that failed to parse still exist: links to them are not reported a second time.
  const unparsed = new Set<string>();
  const failed = new Set<string>();
  for (const full of listDocumentFiles(contentDir)) {
    const source = relativeSource(contentDir, full);
    const before = errors.length;
    collect(() => {
      const parsed = parseDocument(source, readText(full));
      const parts = path.relative(contentDir, full).split(path.sep);
      const expectedFolder = KIND_FOLDERS[parsed.data.kind];
      if (parts.length < 3 || parts[parts.length - 2] !== expectedFolder) {
        throw new ContentError(source, `a ${parsed.data.kind} belongs in content/<topic>/${expectedFolder}/; move the file or change \`kind\``, { line: 2 });
      }
      documents.push({ source, slug: path.basename(full, ".md"), topic: parts[0] ?? "", ...parsed });
    });
    if (errors.length > before) {
      unparsed.add(path.basename(full, ".md"));
      failed.add(source);
    }
  }
  const knownUrls = siteAddresses(contentDir, documents);

  const snippetTexts = new Map<string, { file: string; source: string; text: string }>();
  for (const name of [...snippets].sort()) {
    const file = path.join(contentDir, "_snippets", `${name}.md`);
    snippetTexts.set(name, { file, source: relativeSource(contentDir, file), text: readText(file) });
  }
  for (const [name, { file, source, text }] of snippetTexts) {
    checkBodyReferences(source, text, 1, referenceLoad, includable, errors);
    errors.push(...checkMarkdownSafety(source, text, 1));
    errors.push(...checkMarkdownTargets({ source, file, contentDir, body: text, firstLine: 1, pageUrl: undefined, knownUrls }));
    errors.push(...checkFiguresAndBoxes(source, text, 1, true));
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
      errors.push(new ContentError(source, "snippet file names are lower-case words joined by hyphens, like `when-to-get-help.md`"));
    }
  }
  const loops = snippetLoops(snippetTexts);
  errors.push(...loops.errors);

  const slugs: Record<Kind, Map<string, string>> = { page: new Map(), handout: new Map(), deck: new Map() };
  for (const doc of documents) {
    const taken = slugs[doc.data.kind].get(doc.slug);
    if (taken) errors.push(new ContentError(doc.source, `another ${doc.data.kind} already uses the slug \`${doc.slug}\` (${taken}); rename one file`));
    else slugs[doc.data.kind].set(doc.slug, doc.source);
  }
  for (const doc of documents) {
    const fmLine = (key: string): number => {
      const raw = readText(path.join(path.dirname(path.resolve(contentDir)), doc.source)).split("\n");
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
    const before = errors.length;
    expectSlugs("handouts", "handout", doc.data.handouts);
    if (doc.data.kind === "page") expectSlugs("decks", "deck", doc.data.decks);
    if (doc.data.kind === "handout" && doc.data.relatedPage) expectSlugs("relatedPage", "page", [doc.data.relatedPage]);
    checkBodyReferences(doc.source, doc.body, doc.bodyStartLine, referenceLoad, includable, errors);
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
        file: path.join(path.dirname(path.resolve(contentDir)), doc.source),
        contentDir,
        body: doc.body,
        firstLine: doc.bodyStartLine,
        pageUrl: documentUrl(doc.data.kind, doc.slug, doc.topic),
        knownUrls,
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

  // The speaker-notes rule is a content rule: checked here with the rest, not after printing. Only decks that
  // are otherwise sound are rendered for it, so a deck's other mistakes are not reported twice.
  if (!loops.errors.length) {
    const md = createMarkdown({
      hasReference: () => true,
      snippets: { read: (name) => { const s = snippetTexts.get(name); return s ? { text: s.text, file: s.source } : undefined; } },
    });
    for (const doc of documents) {
      if (doc.data.kind !== "deck" || failed.has(doc.source)) continue;
      let html: string;
      try {
        html = md.render(doc.body, { kind: "deck", page: { inputPath: path.join(path.dirname(path.resolve(contentDir)), doc.source) } });
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
  return { contentDir, documents, references, clinic, terms, translatedTerms, redFlags: redFlagData.byTopic, topics: topicInfo.topics, translations: translations?.pairs ?? [], translationDrift: translations?.drift ?? [] };
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
 * (the file and line to edit), instead of a stack overflow or an error at the page that started it.
 */
function snippetLoops(snippets: ReadonlyMap<string, { source: string; text: string }>): { errors: ContentError[] } {
  const includes = new Map<string, { name: string; line: number }[]>();
  for (const [name, { text }] of snippets) includes.set(name, findSnippetIncludes(text));
  const errors: ContentError[] = [];
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    for (const include of includes.get(name) ?? []) {
      const at = trail.indexOf(include.name);
      if (at !== -1) {
        const loop = [...trail.slice(at), include.name];
        const key = [...loop.slice(0, -1)].sort().join(" ");
        if (!reported.has(key)) {
          reported.add(key);
          const source = snippets.get(name)?.source ?? name;
          const chain = loop.map((n) => `![[${n}]]`).join(" → ");
          const problem = loop.length === 2 ? `snippet \`${name}\` includes itself, which never ends: remove this include` : `snippets include each other in a loop (${chain}), which never ends: remove this include`;
          errors.push(new ContentError(source, problem, { line: include.line }));
        }
        continue;
      }
      if (snippets.has(include.name) && trail.length < 50) visit(include.name, [...trail, include.name]);
    }
  };
  for (const name of [...snippets.keys()].sort()) visit(name, [name]);
  return { errors };
}

/**
 * Every site address a Markdown link may point at: each document's page and its PDFs. A file that failed to
 * parse counts by the folder it is in, so links to it are not reported on top of its own error.
 */
function siteAddresses(contentDir: string, documents: readonly ContentDocument[]): Set<string> {
  const byFolder = new Map<string, Kind>(Object.entries(KIND_FOLDERS).map(([kind, folder]) => [folder, kind as Kind]));
  const entries: { kind: Kind; slug: string; topic: string }[] = documents.map((doc) => ({ kind: doc.data.kind, slug: doc.slug, topic: doc.topic }));
  for (const full of listDocumentFiles(contentDir)) {
    const kind = byFolder.get(path.basename(path.dirname(full)));
    if (kind) entries.push({ kind, slug: path.basename(full, ".md"), topic: path.relative(contentDir, full).split(path.sep)[0] ?? "" });
  }
  const urls = new Set<string>(["/"]);
  for (const { kind, slug, topic } of entries) {
    const url = documentUrl(kind, slug, topic);
    urls.add(url);
    const pdfs = kind === "handout" ? handoutPdfPaths(slug) : kind === "deck" ? deckPdfPaths(slug) : {};
    for (const file of Object.values(pdfs)) urls.add(`/${file}`);
  }
  // parts-print: each topic's generated sources page may be linked too.
  for (const topic of sourceTopics(contentDir)) urls.add(topicSourcesUrl(topic));
  // The generated homes: the site's, and each topic's (from its topic.yaml when it has no index page).
  for (const topic of topicFolders(contentDir)) urls.add(topicHomeUrl(topic));
  return urls;
}

function checkBodyReferences(
  source: string,
  body: string,
  firstLine: number,
  { references, unsure }: ReferenceLoad,
  snippets: Set<string>,
  errors: ContentError[],
): void {
  for (const { key, line } of findCitations(body)) {
    // A key from a references file that failed to load is reported there, once, not at every citation.
    if (!references.has(key) && !unsure.has(key) && !unsure.has(ANY_KEY)) {
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
