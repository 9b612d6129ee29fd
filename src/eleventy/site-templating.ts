/**
 * What a page's HTML is made of besides the templates, written once for the two ways pages are rendered: Eleventy
 * (plugin.ts registers all of it for the site build) and the deck-PDFs-only build (src/build/deck-page-html.ts
 * renders the decks' pages with the same templates and these same pieces, without Eleventy). The markdown
 * instance, the front matter's parsing, the global and computed data, the filters and the URL transforms: if
 * one of them lived in only one of the two, the deck PDFs of the two builds would differ.
 *
 * Filters that read the rendered page (`sources`, `findDocument`, `documentsNamed`) take it from `this.page`, as
 * Eleventy hands it to them; the deck renderer sets `this.page` the same way.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import yaml from "js-yaml";
import type { MarkdownIt } from "markdown-it";
import type { Content, ContentDocument, NameLookups } from "../content/load-content.ts";
import { documentUrl, placeOf, topicHomeUrl } from "../content/urls.ts";
import { citedKeys } from "../markdown/citations.ts";
import { createMarkdown } from "../markdown/markdown.ts";
import { relativeUrl } from "./relative-urls.ts";
import { contentSecurityPolicy, type PolicyKind } from "./csp.ts";
import { pageNeighbours } from "./navigation.ts";
import { NOT_FOUND_URL, deckFiles, handoutFiles, languageUrl, pathPrefix, prefixedUrl } from "./site-files.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { contentStamp } from "../content/content-stamp.ts";
import type { Reference } from "../content/schema.ts";
import { splitFrontMatter } from "../content/front-matter.ts";
import { normaliseText } from "../content/read-text.ts";
import { absoluteUrl, breakableUrl, byKind, findDocument, inReadingOrder, linksToAll, readableDate, referenceHtml, sourcesFor } from "./filters.ts";
import { frontMatterSchema, type Kind } from "../content/schema.ts";
import { IMAGE_EXTENSIONS } from "../check/markdown-targets.ts";
// parts-print: the help box, interface strings and topic sources pages.
import { helpBoxFor } from "./help-box.ts";
import { glossaryFor } from "../content/terms.ts";
import { redFlagsProblem } from "../content/red-flags.ts";
import { rawString, stringGroup, translate } from "../i18n/strings.ts";
import { documentLocale, mainLanguage, valueIn, type PerLanguage } from "../i18n/locale.ts";
import { fillHtml, langAttribute, localizedHtml, scriptJson } from "../i18n/markup.ts";
import { topicSources, topicTitle } from "./topic-sources.ts";
import { withPhoneNumbers } from "../markdown/red-flags.ts";
// issue 14 (site): the site home, topic homes, libraries by topic, and translations linked.
import { languagePrefix } from "./site-homes.ts";
import { baseLanguage, groupByLanguage, groupByTopic, inLanguage, inTopic, outsideTopic, languageName, latestHandouts, pagefindValue, topicList, translationsOf, type LibraryItem } from "./library.ts";
import { topicIn } from "../content/topic-info.ts";

const require = createRequire(import.meta.url);
/** The clinic's logo is copied to output/assets/ under this name, keeping its extension. */
export const CLINIC_LOGO = "clinic-logo";
/** Layouts, partials and assets: templates/ beside this repository's src/, whichever content folder is built. */
export const TEMPLATES_DIR = path.join(import.meta.dirname, "..", "..", "templates");

/** What the pieces below read, each when a page is rendered: the content folder as loaded for this build. */
export interface SiteSources {
  contentDir: string;
  content: () => Content;
  /** Names (documents, snippets, citations, links) found in the referring document's topic first (names.ts). */
  names: () => NameLookups;
  /** The addresses of the pages the site makes for itself (site-homes.ts generatedPages): the topic homes. */
  generatedUrls: () => ReadonlySet<string>;
}

/** What a filter sees as `this` (Eleventy sets `page` from the rendered page's data). */
type FilterThis = { page?: { inputPath?: string } };

/** The content document a template renders, from its page. */
function documentOf(sources: SiteSources, page: { inputPath?: string } | undefined): ContentDocument | undefined {
  return page?.inputPath ? sources.names().documentAt(page.inputPath) : undefined;
}

/** The topic of a content file: the first folder under the content folder. */
export function topicOf(contentDir: string, inputPath: string): string {
  return path.relative(path.resolve(contentDir), path.resolve(inputPath)).split(path.sep)[0] ?? "";
}

/**
 * YAML front matter reaches templates already normalized by the schema (dates as YYYY-MM-DD, defaults filled
 * in), so templates and the manifest see the same values. Invalid files never get here: the content check stops
 * the build first, naming file and line.
 */
export function frontMatterParser(content: () => Content): (text: string) => object {
  return (text) => {
    const raw = yaml.load(normaliseText(text), { schema: yaml.CORE_SCHEMA }) ?? {};
    const result = frontMatterSchema.safeParse(raw);
    // A document without `lang` is in the site's main language (the clinic's locale), not a fixed default.
    return result.success ? { ...result.data, lang: result.data.lang ?? content().mainLang } : (raw as object);
  };
}

/** The markdown-it instance pages are rendered with. */
export function siteMarkdown(sources: SiteSources): MarkdownIt {
  const { contentDir, content, names } = sources;
  return createMarkdown({
    hasReference: (key, env) => names().citation(key, env),
    documentLink: (href, env) => names().link(href, env),
    contentDir,
    // A document's glossary is its topic's: the first folder under content/.
    // Issue 14: in the document's language (terms.<lang>.yaml for a language other than the main one).
    termsFor: (env) => {
      const data = env as { page?: { inputPath?: string }; lang?: string } | undefined;
      const inputPath = data?.page?.inputPath;
      if (!inputPath) return [];
      const { terms, translatedTerms, clinic } = content();
      return glossaryFor(terms, translatedTerms, topicOf(contentDir, inputPath), data.lang ?? mainLanguage(clinic.locale), mainLanguage(clinic.locale));
    },
    snippets: { read: (name, env, insideTopic) => names().snippet(name, env, insideTopic) },
    // parts-print: `![[red-flags]]` shows the document's sets of its topic's warning signs.
    helpBox: {
      forDocument(env) {
        const data = env as { redFlags?: "all" | string[]; lang?: string; page?: { inputPath?: string } };
        const topic = topicOf(contentDir, data.page?.inputPath ?? "");
        const flags = content().redFlags.get(topic);
        const problem = redFlagsProblem(topic, flags, data.redFlags);
        if (problem || !flags || !data.redFlags) return problem ?? "no warning signs";
        return helpBoxFor(flags, data.redFlags, content().clinic, data.lang);
      },
    },
  });
}

/** The data every page sees: the clinic's settings (with its logo's address), the references, the site's languages. */
export function siteGlobalData(content: () => Content): { clinic: () => object; references: () => object; site: () => { mainLang: string; languages: string[] } } {
  return {
    clinic: () => {
      const { clinic } = content();
      return { ...clinic, logoUrl: clinic.logo ? `/assets/${CLINIC_LOGO}${path.extname(clinic.logo)}` : undefined };
    },
    // Each topic's references, by topic; the `sources` filter finds a page's own.
    references: () => Object.fromEntries([...content().referencesByTopic].map(([topic, refs]) => [topic, Object.fromEntries(refs)])),
    // issue 14 (site): the main language (clinic locale's language part) and every language documents are in.
    site: () => {
      const main = content().mainLang;
      const others = [...new Set(content().documents.map((doc) => baseLanguage(doc.lang) ?? main))].filter((lang) => lang !== main).sort();
      return { mainLang: main, languages: [main, ...others] };
    },
  };
}

/** Data each page computes from its own (Eleventy's eleventyComputed). */
export function computedData(sources: SiteSources) {
  const { contentDir, content } = sources;
  return {
    slug: (data: { page: { filePathStem: string; inputPath: string } }) => documentOf(sources, data.page)?.slug ?? path.posix.basename(data.page.filePathStem),
    // Pages with no kind (the site pages in site-files.ts) keep the permalink and layout they were given.
    // A document's address comes from urls.ts, from its topic, kind, slug and language (`knee.es.md` is `knee`).
    permalink: (data: { kind?: Kind; permalink?: string; page: { inputPath: string } }) => {
      const doc = data.kind ? documentOf(sources, data.page) : undefined;
      return doc ? documentUrl(placeOf(doc, content().mainLang)) : data.permalink;
    },
    // The address parts, for the files beside a document (`{{ place | deckFiles }}`, `{{ h.data.place | handoutFiles }}`).
    place: (data: { kind?: Kind; page: { inputPath: string } }) => {
      const doc = data.kind ? documentOf(sources, data.page) : undefined;
      return doc ? placeOf(doc, content().mainLang) : undefined;
    },
    layout: (data: { kind?: Kind; layout?: string }) => (data.kind ? `${data.kind}.njk` : data.layout),
    source: (data: { page: { inputPath: string } }) => data.page.inputPath.replace(/^\.\//, ""),
    // parts-print: the topic folder (its references file and sources page share the name).
    topic: (data: { page: { inputPath: string } }) => topicOf(contentDir, data.page.inputPath),
  };
}

/** The languages documents are written in, the main one first, each with its search page. */
export function siteLanguages(content: Content): { lang: string; searchUrl: string }[] {
  const main = mainLanguage(content.clinic.locale);
  const languages = [...new Set(content.documents.map((doc) => doc.data.lang ?? main))];
  return [main, ...languages.filter((lang) => lang !== main).sort()].map((lang) => ({ lang, searchUrl: languageUrl("search/", lang, main) }));
}

/** The templates' filters, by name. */
export function siteFilters(sources: SiteSources): Record<string, (...args: never[]) => unknown> {
  const { contentDir, content, names } = sources;
  const mainLang = (): string => content().mainLang;
  const main = (): string => mainLanguage(content().clinic.locale);
  // `collections.all | findDocument("handout", name)`: the name as the rendered document means it, in its own
  // topic (and language) first, or `other-topic/name` (src/content/names.ts); the content check has refused
  // every name that means nothing or could mean another topic's.
  type Item = { url: string; inputPath?: string; data: { kind?: string; slug?: string } };
  const resolveItem = (page: { inputPath?: string } | undefined, items: readonly Item[], kind: Kind, name: string): Item | undefined => {
    const from = documentOf(sources, page);
    const target = from ? names().document(from, kind, name) : undefined;
    if (!target) return from ? undefined : findDocument(items, kind, name);
    return items.find((item) => item.inputPath !== undefined && names().documentAt(item.inputPath) === target);
  };
  return {
    // The page's sources, its citations' keys looked up in its own topic (`[@other-topic/R01]` in that topic).
    sources: function (this: FilterThis, html: string) {
      const topic = documentOf(sources, this.page)?.topic ?? "";
      const found: Record<string, Reference> = {};
      for (const key of citedKeys(String(html))) {
        const reference = names().reference(topic, key);
        if (reference) found[key] = reference;
      }
      return sourcesFor(html, found);
    } as never,
    referenceHtml: referenceHtml as never,
    // {{ reviewed | readableDate(lang) }}: a date in the document's locale (src/i18n/locale.ts has the rule).
    readableDate: ((iso: string, lang?: string, style?: "long" | "medium") => readableDate(iso, documentLocale(lang, content().clinic.locale), style === "medium" ? "medium" : "long")) as never,
    // {{ count | number(lang) }}: a number written the document's way (1,234 / 1.234).
    number: ((value: number, lang?: string) => new Intl.NumberFormat(documentLocale(lang, content().clinic.locale)).format(Number(value))) as never,
    // {{ "sheet.scan" | t(lang, { name: value }) }}: an interface string in the document's language (src/i18n/strings.ts).
    t: ((key: string, lang?: string, values?: Record<string, string>) => translate(key, lang, values ?? {})) as never,
    // {{ "deck.keys" | tHtml(lang, { help: "<kbd>?</kbd>" }) | safe }}: a string holding markup, escaped, filled with HTML.
    tHtml: ((key: string, lang?: string, html?: Record<string, string>) => fillHtml(rawString(key, lang).text, html ?? {})) as never,
    // {{ "deck.script" | stringsJson(lang) | safe }}: strings for a page's scripts, as JSON safe inside
    // <script type="application/json"> (a data block, not a script: the Content-Security-Policy still holds).
    stringsJson: ((prefix: string, lang?: string) => scriptJson(stringGroup(prefix, lang))) as never,
    // A clinic value given once or per language (siteTitle, afterHours, address), in the document's language:
    // {{ clinic.siteTitle | inLang(lang) }} is the text; {{ clinic.address | inLangHtml(lang) | safe }} is escaped
    // HTML with its phone numbers kept whole, inside <span lang="..."> when it is another language's fallback.
    inLang: ((value: PerLanguage | undefined, lang?: string) => valueIn(value, lang, main())?.text ?? "") as never,
    inLangHtml: ((value: PerLanguage | undefined, lang?: string, phones?: string) => localizedHtml(valueIn(value, lang, main()), lang ?? main(), phones === "phones")) as never,
    // {{ reference | referenceLang(lang) }}: ` lang="en"` when a reference is in another language than the page.
    langAttr: ((textLang: string | undefined, pageLang?: string) => langAttribute(textLang ?? main(), pageLang ?? main())) as never,
    // {{ clinic.phone | phone | safe }}: escaped, with each phone number kept on one line.
    phone: ((text: string) => withPhoneNumbers(String(text ?? ""))) as never,
    // {{ clinic.baseUrl | shortUrl }}: an address as a person types it, without https://.
    breakableUrl: ((url: string) => breakableUrl(String(url ?? ""))) as never,
    shortUrl: ((url: string) => String(url).replace(/^https?:\/\//, "")) as never,
    topicSources: ((topic: string) => topicSources(content(), topic, names())) as never,
    absoluteUrl: absoluteUrl as never,
    byKind: byKind as never,
    findDocument: function (this: FilterThis, items: readonly Item[], kind: Kind, name: string) {
      return resolveItem(this.page, items, kind, name);
    } as never,
    inReadingOrder: inReadingOrder as never,
    documentsNamed: function (this: FilterThis, items: readonly Item[], kind: Kind, list: readonly string[] | undefined) {
      return (list ?? []).flatMap((name) => resolveItem(this.page, items, kind, name) ?? []);
    } as never,
    linksToAll: linksToAll as never,
    // {{ page.inputPath | contentStamp }}: the short hash printed in a handout's footer (same as the manifest's).
    contentStamp: ((inputPath: string) => {
      const { body } = splitFrontMatter(inputPath, readFileSync(inputPath, "utf8"));
      return contentStamp(contentDir, body, documentOf(sources, { inputPath })?.topic);
    }) as never,
    // {{ url | qrSvg("label") | safe }}: a vector QR code for print (handouts, the deck's handout slide).
    qrSvg: ((text: string, label?: string) => qrSvg(text, label ? { label } : {})) as never,
    // {{ lang | searchUrl }}: the search page of a page's language; {{ lang | otherLanguages }}: the site's other
    // languages with their search pages (the search and 404 pages offer them).
    searchUrl: ((lang?: string) => siteLanguages(content()).find((l) => l.lang === lang)?.searchUrl ?? "/search/") as never,
    otherLanguages: ((lang?: string) => siteLanguages(content()).filter((l) => l.lang !== (lang ?? main()))) as never,
    // Eleventy sets ELEVENTY_RUN_MODE to "serve" for `npm run dev`, whose live-reload script the policy must allow.
    contentSecurityPolicy: ((kind: PolicyKind) => contentSecurityPolicy(kind, { dev: process.env.ELEVENTY_RUN_MODE === "serve" })) as never,
    pageNeighbours: pageNeighbours as never,
    // issue 14 (site): topics, languages and translations for the homes, libraries and every page's head.
    inTopic: inTopic as never,
    outsideTopic: outsideTopic as never,
    inLanguage: (<T extends LibraryItem>(items: T[], lang?: string) => inLanguage(items, lang ?? mainLang(), mainLang())) as never,
    latestHandouts: latestHandouts as never,
    groupByTopic: (<T extends LibraryItem>(items: T[], lang?: string) => groupByTopic(items, content().topics, lang)) as never,
    groupByLanguage: (<T extends LibraryItem>(items: T[], lang?: string) => groupByLanguage(items, lang ?? mainLang(), mainLang())) as never,
    topicList: ((lang?: string) => topicList(content().topics, lang)) as never,
    topicWords: ((topic: string, lang?: string) => {
      const info = content().topics.get(topic);
      return info ? topicIn(info, lang) : { title: topicTitle(topic), summary: "", lang: undefined };
    }) as never,
    translationsOf: (<T extends LibraryItem>(items: T[], doc: LibraryItem["data"]) => translationsOf(items, doc, mainLang())) as never,
    languageName: languageName as never,
    baseLanguage: ((tag?: string) => baseLanguage(tag) ?? mainLang()) as never,
    // `/es` before a generated address in another language; nothing in the main language.
    langPrefix: ((lang?: string) => languagePrefix(lang, mainLang())) as never,
    pagefindValue: pagefindValue as never,
    // {{ collections.all | topicHome(topic, lang) }}: the topic's home in that language: its own index page there,
    // else the one made from topic.yaml there, else the topic's home in the main language.
    topicHome: (<T extends LibraryItem>(items: T[], topic: string, lang?: string) => {
      const main = mainLang();
      const index = (inLang: string): string | undefined => inLanguage(inTopic(items, topic), inLang, main).find((item) => item.data.kind === "page" && item.data.slug === "index")?.url;
      const made = (inLang: string): string | undefined => {
        const url = `${languagePrefix(inLang, main)}${topicHomeUrl(topic)}`;
        return sources.generatedUrls().has(url) ? url : undefined;
      };
      return (lang && (index(lang) ?? made(lang))) ?? index(main) ?? made(main) ?? topicHomeUrl(topic);
    }) as never,
    handoutFiles: handoutFiles as never,
    deckFiles: deckFiles as never,
  };
}

/** What a URL transform sees as `this`: the page being written. */
export interface UrlTransformContext {
  url: string;
  page: { inputPath: string };
}

/**
 * The URL transforms every page's HTML goes through, in order. Images in content are written relative to their
 * Markdown file (the content check has already refused missing files and missing alt text, with file and line:
 * src/check/markdown-targets.ts); each file is copied once, keeping its place under content/
 * (copyContentImages, after the build), and its address in the page is rewritten to point there. Eleventy's own
 * passthrough cannot do it: `mode: "html-relative"` is read before the plugin runs, and a glob outside the
 * working folder (the tests' fixtures) lands outside the output. Then every site address becomes relative to the
 * page, so the site works from any folder and from disk.
 */
export function urlTransforms(sources: SiteSources): ((this: UrlTransformContext, url: string) => string)[] {
  const { contentDir, content } = sources;
  return [
    function (url) {
      const image = contentImagePath(url, this.page.inputPath, contentDir);
      return image ? relativeUrl(image, this.url) : url;
    },
    function (url) {
      // A host serves 404.html at whatever address was missing, so its links cannot be page-relative.
      if (this.url === NOT_FOUND_URL) return prefixedUrl(url, pathPrefix(content().clinic.baseUrl));
      return relativeUrl(url, this.url);
    },
  ];
}

// Asset paths relative to the working directory, as Eleventy's passthrough copy takes them.
const fromRoot = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join("/");

/**
 * Self-hosted fonts, the slide runtime and the templates' assets (source glob or folder → place under the
 * output folder): nothing is fetched from a third party.
 */
export function assetCopies(): Record<string, string> {
  const fontFiles = fromRoot(path.dirname(require.resolve("@fontsource/atkinson-hyperlegible/package.json")));
  // reveal.js exports no package.json; its main file sits in dist/.
  const revealDist = fromRoot(path.dirname(require.resolve("reveal.js")));
  const templateAssets = fromRoot(path.join(TEMPLATES_DIR, "assets"));
  return {
    [`${fontFiles}/files/atkinson-hyperlegible-latin-*.woff2`]: "assets/fonts",
    [`${revealDist}/reveal.js`]: "assets/reveal/reveal.js",
    [`${revealDist}/reveal.css`]: "assets/reveal/reveal.css",
    [`${revealDist}/reset.css`]: "assets/reveal/reset.css",
    [`${revealDist}/plugin/notes.js`]: "assets/reveal/plugin/notes.js",
    [templateAssets]: "assets",
  };
}

/**
 * The site path (`/topic/handouts/knee-mri.png`) of an image written relative to a content file, or undefined
 * when `url` is not such an image. Snippet images are relative to content/_snippets/.
 */
function contentImagePath(url: string, inputPath: string, contentDir: string): string | undefined {
  if (!url || /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(url)) return undefined;
  if (!(IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(url.replace(/[?#].*$/, "")).slice(1).toLowerCase())) return undefined;
  const root = path.resolve(contentDir);
  let written = url;
  try {
    written = decodeURI(url);
  } catch {
    // keep it as written
  }
  for (const dir of [path.dirname(path.resolve(inputPath)), path.join(root, "_snippets")]) {
    const file = path.resolve(dir, written.replace(/[?#].*$/, ""));
    if (file.startsWith(root + path.sep) && existsSync(file)) return `/${path.relative(root, file).split(path.sep).map(encodeURIComponent).join("/")}`;
  }
  return undefined;
}

/** Copies every image under content/ (except in _data/, which holds the logo, and other _ folders) to the same place under the output. */
export function copyContentImages(contentDir: string, outDir: string): void {
  const root = path.resolve(contentDir);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // Only real files and folders: a link is never followed (the content check refuses it, naming the link).
      if (entry.isDirectory()) {
        // _-folders are not published (drafts), except the snippets', whose images the snippets show.
        if ((entry.name === "_snippets" || !entry.name.startsWith("_")) && !entry.name.startsWith(".")) walk(full);
      } else if (entry.isFile() && (IMAGE_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).slice(1).toLowerCase())) {
        const target = path.join(outDir, path.relative(root, full));
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(full, target);
      }
    }
  };
  walk(root);
}
