/**
 * Names are topic-scoped (issue 14, contract "Names"). A document, a snippet or a reference key named without a
 * topic (`overview`, `![[when-to-get-help]]`, `[@R01]`) is looked up in the referring document's own topic first
 * (snippets then among the shared ones in content/_snippets/); another topic's is reached only when written
 * explicitly (`other-topic/overview`, `![[other-topic/when-to-get-help]]`, `[@other-topic/R01]`). A plain name
 * that exists only in other topics is an error naming the referring file and every file it could mean: two
 * topics with an `overview` handout must never silently point at each other's.
 *
 * A document is identified by (topic, kind, slug, lang); a translation looks in its own language first, then in
 * the main language.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Kind } from "./schema.ts";
import { topicFolders } from "./topics.ts";

const SLUG_PART = "[a-z0-9]+(?:-[a-z0-9]+)*";
/** A language tag as written in a file name (`knee.es.md`) and in front matter. */
export const LANG_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/** `overview` or `other-topic/overview`: what front matter lists (`handouts`, `decks`, `relatedPage`) hold. */
export const QUALIFIED_NAME = new RegExp(`^(?:${SLUG_PART}/)?${SLUG_PART}$`);

/** `other-topic/overview` → topic and name; `overview` → name only. */
export function splitName(written: string): { topic: string | undefined; name: string } {
  const at = written.indexOf("/");
  return at === -1 ? { topic: undefined, name: written } : { topic: written.slice(0, at), name: written.slice(at + 1) };
}

/** `knee.md` → slug `knee`; `knee.es.md` → slug `knee`, language `es`. Undefined when the name is neither. */
export function documentFileName(fileName: string): { slug: string; lang: string | undefined } | undefined {
  const match = /^([^.]+)(?:\.([^.]+))?\.md$/.exec(fileName);
  if (!match) return undefined;
  const [, slug = "", lang] = match;
  if (lang !== undefined && !LANG_TAG.test(lang)) return undefined;
  return { slug, lang };
}

/** The parts of a document resolution looks at (ContentDocument has them all). */
export interface NamedDocument {
  source: string;
  topic: string;
  slug: string;
  lang: string;
  data: { kind: Kind };
}

export type Resolved<T> = { found: T; problem?: undefined } | { found?: undefined; problem: string };

/**
 * The document a name refers to, from a document in `from.topic` written in `from.lang`: own language first, then
 * the main language. `exists(topic, slug)` says whether a file of that name exists at all (one that failed to
 * load), so a broken target is not reported a second time: then neither `found` nor `problem` is set.
 */
export function resolveDocument<T extends NamedDocument>(
  documents: readonly T[],
  from: { topic: string; lang: string },
  kind: Kind,
  written: string,
  mainLang: string,
  exists: (topic: string, slug: string) => boolean = () => false,
): Resolved<T> | { found?: undefined; problem?: undefined } {
  const { topic, name } = splitName(written);
  const inTopic = (t: string): T | undefined => {
    const candidates = documents.filter((doc) => doc.topic === t && doc.data.kind === kind && doc.slug === name);
    return candidates.find((doc) => doc.lang === from.lang) ?? candidates.find((doc) => doc.lang === mainLang);
  };
  const own = inTopic(topic ?? from.topic);
  if (own) return { found: own };
  if (exists(topic ?? from.topic, name)) return {};
  if (topic !== undefined) {
    const known = documents.filter((doc) => doc.topic === topic && doc.data.kind === kind).map((doc) => doc.slug);
    return { problem: `names the ${kind} \`${written}\`, which does not exist (${known.length ? `${kind}s of topic \`${topic}\`: ${[...new Set(known)].sort().join(", ")}` : `topic \`${topic}\` has no ${kind}s`})` };
  }
  const elsewhere = documents.filter((doc) => doc.topic !== from.topic && doc.data.kind === kind && doc.slug === name && (doc.lang === from.lang || doc.lang === mainLang));
  if (elsewhere.length) {
    const files = [...new Set(elsewhere.map((doc) => doc.source))].sort();
    const topics = [...new Set(elsewhere.map((doc) => doc.topic))].sort();
    return {
      problem: `names the ${kind} \`${name}\`, which topic \`${from.topic}\` does not have; it could mean ${files.join(" or ")}: write \`${topics[0]}/${name}\` to use another topic's ${kind}, or add it to this topic`,
    };
  }
  const known = documents.filter((doc) => doc.topic === from.topic && doc.data.kind === kind).map((doc) => doc.slug);
  return { problem: `names the ${kind} \`${name}\`, which does not exist (known in this topic: ${known.length ? [...new Set(known)].sort().join(", ") : "none yet"})` };
}

/** A snippet file: shared (content/_snippets/) or a topic's own (content/<topic>/_snippets/). */
export interface SnippetFile {
  name: string;
  /** undefined for a shared snippet. */
  topic: string | undefined;
  /** Absolute path. */
  file: string;
}

/** Every snippet file under the content folder: the shared ones and each topic's. */
export function listSnippets(contentDir: string): SnippetFile[] {
  const found: SnippetFile[] = [];
  const read = (dir: string, topic: string | undefined): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      // A link is refused by content-files.ts (naming it) and never read; it still counts as existing.
      if ((entry.isFile() || entry.isSymbolicLink()) && entry.name.endsWith(".md")) found.push({ name: entry.name.slice(0, -3), topic, file: path.join(dir, entry.name) });
    }
  };
  read(path.join(contentDir, "_snippets"), undefined);
  for (const topic of topicFolders(contentDir)) read(path.join(contentDir, topic, "_snippets"), topic);
  return found;
}

/**
 * The snippet `![[written]]` means in `fromTopic` (undefined: a shared snippet's own check, where only shared
 * and explicitly named ones are known). The topic's own snippet wins over a shared one of the same name.
 */
export function resolveSnippet(snippets: readonly SnippetFile[], fromTopic: string | undefined, written: string, show: (file: string) => string): Resolved<SnippetFile> {
  const { topic, name } = splitName(written);
  if (topic !== undefined) {
    const found = snippets.find((s) => s.topic === topic && s.name === name);
    return found ? { found } : { problem: `unknown snippet \`![[${written}]]\`: topic \`${topic}\` has no content/${topic}/_snippets/${name}.md; create it, or fix the name` };
  }
  const found = snippets.find((s) => fromTopic !== undefined && s.topic === fromTopic && s.name === name) ?? snippets.find((s) => s.topic === undefined && s.name === name);
  if (found) return { found };
  const elsewhere = snippets.filter((s) => s.topic !== undefined && s.topic !== fromTopic && s.name === name);
  const here = fromTopic ? `content/${fromTopic}/_snippets/${name}.md (this topic's) or ` : "";
  if (elsewhere.length) {
    return {
      problem: `unknown snippet \`![[${name}]]\`: ${fromTopic ? `topic \`${fromTopic}\` has` : "the shared snippets have"} none of that name, but it could mean ${elsewhere.map((s) => show(s.file)).join(" or ")}: write \`![[${elsewhere[0]?.topic}/${name}]]\` to use another topic's, or create ${here}content/_snippets/${name}.md (shared)`,
    };
  }
  return { problem: `unknown snippet \`![[${name}]]\`: create ${here}content/_snippets/${name}.md (shared), or fix the name` };
}

/** Where each topic's reference keys are defined, for naming the files an ambiguous key could mean. */
export interface ReferenceKeys {
  /** Keys that loaded, by topic. */
  has(topic: string, key: string): boolean;
  /** Keys written in a file or entry that failed to load (already reported there), by topic. */
  unsure(topic: string, key: string): boolean;
  /** The file (and line) where a topic defines a key, for messages. */
  where(topic: string, key: string): string | undefined;
  topics(): string[];
}

/**
 * The topic and key a citation `[@written]` in a document of `fromTopic` refers to: `R01` in its own topic's
 * references file, `other-topic/R01` in that topic's. `unsure` when it cannot be judged because the file that
 * would hold it failed to load (its own error says what to fix).
 */
export function resolveCitation(keys: ReferenceKeys, fromTopic: string, written: string): { topic: string; key: string; problem?: string | undefined; unsure?: boolean } {
  const { topic, name: key } = splitName(written);
  const target = topic ?? fromTopic;
  if (keys.has(target, key)) return { topic: target, key };
  if (keys.unsure(target, key)) return { topic: target, key, unsure: true };
  if (topic !== undefined) {
    return { topic: target, key, problem: `unknown citation \`[@${written}]\`: topic \`${topic}\` has no reference \`${key}\` in content/_data/references/${topic}.yaml; add it there, or fix the key` };
  }
  const elsewhere = keys.topics().filter((t) => t !== fromTopic && keys.has(t, key));
  if (elsewhere.length) {
    return {
      topic: target,
      key,
      problem: `unknown citation \`[@${key}]\`: topic \`${fromTopic}\` has no reference \`${key}\`, but it could mean ${elsewhere.map((t) => keys.where(t, key)).join(" or ")}: write \`[@${elsewhere[0]}/${key}]\` to cite another topic's, or add \`${key}\` to content/_data/references/${fromTopic}.yaml`,
    };
  }
  return { topic: target, key, problem: `unknown citation \`[@${key}]\`: add \`${key}\` to content/_data/references/${fromTopic}.yaml, or fix the key` };
}

/** Top-level address parts that are never a page slug written the old way (`/search/`, `/sources/…`). */
const NOT_A_PAGE = new Set(["handouts", "slides", "sources", "search", "assets", "pagefind"]);

/**
 * A Markdown link to a document is a name too (contract "Names"): `/handouts/overview/` (or a file in its folder,
 * `/handouts/overview/overview.letter.pdf`), `/slides/management/` and `/when-to-get-help/` mean the document of
 * that name in the linking document's own topic (and own language first), wherever the URL scheme puts it. An
 * address that starts with a topic (`/other-topic/handouts/overview/`) is already explicit and is left alone, as
 * is anything else. Returns the site path to link to, a problem, or undefined when the link is not such a name.
 */
export function resolveDocumentLink<T extends NamedDocument>(
  documents: readonly T[],
  from: { topic: string; lang: string },
  sitePath: string,
  mainLang: string,
  topics: ReadonlySet<string>,
  urlOf: (doc: T) => string,
  exists: (topic: string, slug: string, kind: Kind) => boolean = () => false,
): Resolved<string> | { found?: undefined; problem?: undefined } | undefined {
  const parts = sitePath.split("/");
  // ["", "handouts", "<slug>", ...rest] or ["", "<page>", ""]
  let kind: Kind;
  let slug: string;
  let rest: string;
  if ((parts[1] === "handouts" || parts[1] === "slides") && parts.length >= 4 && parts[2]) {
    kind = parts[1] === "handouts" ? "handout" : "deck";
    slug = parts[2];
    rest = parts.slice(3).join("/");
  } else if (parts.length === 3 && parts[1] && parts[2] === "" && !topics.has(parts[1]) && !NOT_A_PAGE.has(parts[1])) {
    kind = "page";
    slug = parts[1];
    rest = "";
  } else {
    return undefined;
  }
  if (!new RegExp(`^${SLUG_PART}$`).test(slug)) return undefined;
  const resolved = resolveDocument(documents, from, kind, slug, mainLang, (topic, name) => exists(topic, name, kind));
  if (resolved.found) return { found: `${urlOf(resolved.found)}${rest}` };
  if (!resolved.problem) return {};
  // `/es/` is a language's home, not a page nobody wrote.
  if (kind === "page" && LANG_TAG.test(slug) && !documents.some((doc) => doc.data.kind === "page" && doc.slug === slug)) return undefined;
  return { problem: `the link to \`${sitePath}\` ${resolved.problem.replace(/^names /, "names ")}` };
}
