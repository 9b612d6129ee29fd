/**
 * The pages the site makes for itself from the content folder's shape (issue 14): the site home (`/`, and `/<lang>/`
 * for each other language documents are written in), a home for every topic that has no `index` page of its own
 * (made from its topic.yaml), and the handout and deck libraries in each other language. Decided from the files
 * alone (folders, and the `lang:` line of each document's front matter), before the content is loaded, because
 * Eleventy needs its templates when it is configured; a broken file is reported by the content check as usual.
 */
import { mainLanguage } from "../i18n/locale.ts";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { listDocumentFiles } from "../content/load-content.ts";
import { topicFolders } from "../content/topics.ts";
import { siteHomeUrl, topicHomeUrl } from "../content/urls.ts";
import { translate } from "../i18n/strings.ts";
import { loadTopicInfo, topicIn } from "../content/topic-info.ts";

export interface GeneratedPage {
  virtualPath: string;
  permalink: string;
  layout: string;
  title: string;
  summary: string;
  policy: "page" | "library";
  listed: true;
  lang: string;
  /** The topic a topic home is for. */
  homeTopic?: string;
}

/** The main language read straight from clinic.json, for the pages Eleventy plans before the content is loaded and checked; `en` until it is readable. */
export function mainLanguageOf(contentDir: string): string {
  try {
    const clinic = JSON.parse(readFileSync(path.join(contentDir, "_data", "clinic.json"), "utf8")) as { locale?: unknown };
    const locale = typeof clinic.locale === "string" && clinic.locale.trim() ? clinic.locale.trim() : "en-US";
    return mainLanguage(locale);
  } catch {
    return "en";
  }
}

/**
 * The languages documents are written in besides the main one (from each file's `lang:` line), each with the
 * topics that have documents in it.
 */
export function otherLanguages(contentDir: string, main: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of listDocumentFiles(contentDir)) {
    const text = readFileSync(file, "utf8");
    const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
    const lang = /^lang:\s*["']?([a-z]{2,3})(?:-[A-Za-z0-9-]+)?["']?\s*$/m.exec(frontMatter)?.[1];
    if (!lang || lang === main) continue;
    const topic = path.relative(contentDir, file).split(path.sep)[0] ?? "";
    found.set(lang, (found.get(lang) ?? new Set()).add(topic));
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}

/** `/es` for another language, nothing for the main one: the start of that language's generated addresses. */
export function languagePrefix(lang: string | undefined, main: string): string {
  return lang && lang.split("-")[0] !== main ? `/${lang.split("-")[0]}` : "";
}

export function generatedPages(contentDir: string): GeneratedPage[] {
  const main = mainLanguageOf(contentDir);
  const others = otherLanguages(contentDir, main);
  const languages = [main, ...others.keys()];
  // Titles for the topic homes' <title> and description; a broken or missing topic.yaml is the content check's to report.
  const { topics } = loadTopicInfo(contentDir, (file) => file);
  const pages: GeneratedPage[] = [];
  for (const lang of languages) {
    const prefix = languagePrefix(lang, main);
    const tag = prefix ? lang : "";
    pages.push(
      { virtualPath: `_site-pages/home${tag && `-${tag}`}.md`, permalink: siteHomeUrl(prefix ? lang : undefined), layout: "site-home.njk", title: translate("home.title", lang), summary: translate("home.summary", lang), policy: "page", listed: true, lang },
    );
    // The main language's libraries are the site pages of site-files.ts; each other language gets its own.
    if (prefix) {
      pages.push(
        { virtualPath: `_site-pages/handout-library-${tag}.md`, permalink: `${prefix}/handouts/`, layout: "handout-library.njk", title: translate("library.handoutsTitle", lang), summary: translate("library.handoutsSummary", lang), policy: "library", listed: true, lang },
        { virtualPath: `_site-pages/deck-library-${tag}.md`, permalink: `${prefix}/slides/`, layout: "deck-library.njk", title: translate("library.decksTitle", lang), summary: translate("library.decksSummary", lang), policy: "library", listed: true, lang },
      );
    }
  }
  // A topic's own index page is its home; otherwise its topic.yaml makes one (title and summary filled in by the
  // layout, from the loaded description).
  const topicHome = (topic: string, lang: string): void => {
    const prefix = languagePrefix(lang, main);
    const info = topics.get(topic);
    const words = info ? topicIn(info, lang) : { title: topic, summary: topic };
    pages.push({
      virtualPath: `_site-pages/topic-${topic}${prefix && `-${lang}`}.md`,
      permalink: `${prefix}${topicHomeUrl(topic)}`,
      layout: "topic-home.njk",
      title: words.title,
      summary: words.summary,
      policy: "page",
      listed: true,
      lang,
      homeTopic: topic,
    });
  };
  for (const topic of topicFolders(contentDir)) {
    if (!existsSync(path.join(contentDir, topic, "pages", "index.md"))) topicHome(topic, main);
    // In another language: a home listing the topic's documents in it, unless the topic has its own translated index.
    for (const [lang, inLang] of others) if (inLang.has(topic) && !existsSync(path.join(contentDir, topic, "pages", `index.${lang}.md`))) topicHome(topic, lang);
  }
  return pages;
}
