/**
 * What the site home, the topic homes and the libraries compute from Eleventy's collection: documents of a topic
 * and a language, the latest handouts, documents grouped by topic in the topics' order, the translations of a
 * document, and a language's own name. Addresses are always the items' own `url` (Eleventy's permalinks), never
 * computed here.
 */
import { topicIn, topicsInOrder, type TopicInfo } from "../content/topic-info.ts";

export interface LibraryItem {
  url: string;
  data: { kind?: string; slug?: string; topic?: string; lang?: string; title?: string; reviewed?: string; translationOf?: string; order?: number };
}

/** A language tag's main part: `es-MX` → `es`. */
export const baseLanguage = (tag: string | undefined): string | undefined => tag?.split("-")[0]?.toLowerCase();

export function inTopic<T extends LibraryItem>(items: readonly T[], topic: string): T[] {
  return items.filter((item) => item.data.topic === topic);
}

/** Documents of every topic but `topic`: a topic home's own are in its generated lists, another topic's are not. */
export function outsideTopic<T extends LibraryItem>(items: readonly T[], topic: string): T[] {
  return items.filter((item) => item.data.topic !== topic);
}

/** Documents written in `lang` (a document without `lang` is in the main language). */
export function inLanguage<T extends LibraryItem>(items: readonly T[], lang: string, main: string): T[] {
  return items.filter((item) => baseLanguage(item.data.lang ?? main) === baseLanguage(lang));
}

/** The `count` handouts reviewed most recently, newest first (then by title). */
export function latestHandouts<T extends LibraryItem>(items: readonly T[], count: number): T[] {
  return items
    .filter((item) => item.data.kind === "handout")
    .sort((a, b) => (b.data.reviewed ?? "").localeCompare(a.data.reviewed ?? "") || (a.data.title ?? "").localeCompare(b.data.title ?? ""))
    .slice(0, count);
}

export interface TopicGroup<T> {
  topic: string;
  title: string;
  summary: string;
  /** The language the title is written in, when it is a translation (for its `lang`). */
  lang: string | undefined;
  items: T[];
}

/**
 * Items grouped by topic, topics in their order (topic.yaml), each group keeping the items' order; topics with no
 * items are left out. The topic's words are in `lang` when it has them.
 */
export function groupByTopic<T extends LibraryItem>(items: readonly T[], topics: ReadonlyMap<string, TopicInfo>, lang: string | undefined): TopicGroup<T>[] {
  const groups: TopicGroup<T>[] = [];
  const known = topicsInOrder(topics);
  for (const info of known) {
    const own = items.filter((item) => item.data.topic === info.topic);
    if (own.length) groups.push({ topic: info.topic, ...topicIn(info, lang), items: own });
  }
  // A document whose topic has no description (it cannot happen after the content check) still appears.
  const rest = items.filter((item) => !topics.has(item.data.topic ?? ""));
  for (const topic of [...new Set(rest.map((item) => item.data.topic ?? ""))]) {
    groups.push({ topic, title: topic, summary: "", lang: undefined, items: rest.filter((item) => item.data.topic === topic) });
  }
  return groups;
}

/** Every topic in order with its words in `lang`, for the site home. */
export function topicList(topics: ReadonlyMap<string, TopicInfo>, lang: string | undefined): { topic: string; title: string; summary: string; audienceNotes?: string | undefined; lang: string | undefined }[] {
  return topicsInOrder(topics).map((info) => ({ topic: info.topic, ...topicIn(info, lang) }));
}

export interface Translation {
  lang: string;
  url: string;
  title: string;
  /** The source, in the main language: the `x-default` alternate. */
  source: boolean;
}

/**
 * The document and its translations: the source (same topic and kind, no `translationOf`, its slug the one named)
 * and every document whose `translationOf` names that slug. Empty when the document has no translation.
 */
export function translationsOf<T extends LibraryItem>(items: readonly T[], doc: LibraryItem["data"], main: string): Translation[] {
  if (!doc.kind || !doc.slug) return [];
  const key = doc.translationOf ?? doc.slug;
  const group = items.filter(
    (item) => item.data.kind === doc.kind && item.data.topic === doc.topic && (item.data.translationOf ?? item.data.slug) === key && (item.data.translationOf !== undefined || item.data.slug === key),
  );
  if (group.length < 2) return [];
  return group
    .map((item) => ({ lang: item.data.lang ?? main, url: item.url, title: item.data.title ?? "", source: item.data.translationOf === undefined }))
    .sort((a, b) => Number(b.source) - Number(a.source) || a.lang.localeCompare(b.lang));
}

/** A language named in its own language, as a reader of it looks for it: `es` → `Español`, `en` → `English`. */
export function languageName(tag: string): string {
  let name = tag;
  try {
    name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
  } catch {
    // an unknown tag keeps its letters
  }
  return name.charAt(0).toLocaleUpperCase(tag) + name.slice(1);
}

/** A value for `data-pagefind-meta` / `-filter`, which read `key:value` pairs split at commas. */
export function pagefindValue(text: string): string {
  return String(text ?? "").replace(/,/g, " ").replace(/\s+/g, " ").trim();
}

/** Items by language, the page's language first, then the others by tag; each keeps the items' order. */
export function groupByLanguage<T extends LibraryItem>(items: readonly T[], pageLang: string, main: string): { lang: string; items: T[] }[] {
  const langs = [...new Set(items.map((item) => baseLanguage(item.data.lang ?? main) ?? main))];
  const first = baseLanguage(pageLang) ?? main;
  langs.sort((a, b) => Number(b === first) - Number(a === first) || a.localeCompare(b));
  return langs.map((lang) => ({ lang, items: items.filter((item) => (baseLanguage(item.data.lang ?? main) ?? main) === lang) }));
}
