/**
 * The Eleventy glue, and the only module that knows Eleventy: registers the markdown instance, the data the
 * templates read, permalinks and layouts by kind, the filters, asset copies, and writes the manifest.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { loadContent, nameLookups, type Content, type ContentDocument, type NameLookups } from "../content/load-content.ts";
import { documentUrl, placeOf } from "../content/urls.ts";
import { oldAddressRedirects, writeRedirectPages } from "./redirects.ts";
import { citedKeys } from "../markdown/citations.ts";
import { writeDeckPrintPages } from "./deck-print-page.ts";
import { createMarkdown } from "../markdown/markdown.ts";
import { buildManifest } from "./manifest.ts";
import { relativeUrl } from "./relative-urls.ts";
import { brandCss } from "./brand-css.ts";
import { contentSecurityPolicy, type PolicyKind } from "./csp.ts";
import { pageNeighbours } from "./navigation.ts";
import { NOT_FOUND_URL, deckFiles, languageUrl, sitePages, type SitePage, handoutFiles, pathPrefix, prefixedUrl, robotsTxt, sitemapUrls, sitemapXml } from "./site-files.ts";
import { qrSvg } from "../qr/qr-svg.ts";
import { contentStamp } from "../content/content-stamp.ts";
import type { Reference } from "../content/schema.ts";
import { splitFrontMatter } from "../content/front-matter.ts";
import { normaliseText } from "../content/read-text.ts";
import { absoluteUrl, breakableUrl, byKind, findDocument, inReadingOrder, linksToAll, readableDate, referenceHtml, sourcesFor } from "./filters.ts";
import { frontMatterSchema, type Kind } from "../content/schema.ts";
import { IMAGE_EXTENSIONS } from "../check/markdown-targets.ts";
import yaml from "js-yaml";
// parts-print: the help box, interface strings, topic sources pages and the handout's print stylesheet.
import { helpBoxFor } from "./help-box.ts";
import { glossaryFor } from "../content/terms.ts";
import { redFlagsProblem } from "../content/red-flags.ts";
import { rawString, reloadStrings, stringGroup, translate } from "../i18n/strings.ts";
import { documentLocale, mainLanguage, valueIn, type PerLanguage } from "../i18n/locale.ts";
import { fillHtml, langAttribute, localizedHtml, scriptJson } from "../i18n/markup.ts";
import { topicSources, topicTitle } from "./topic-sources.ts";
import { sourceTopics } from "../content/topics.ts";
import { topicHomeUrl, topicSourcesUrl, handoutPrintStylePath } from "../content/urls.ts";
import { handoutPrintCss } from "../pdf/print-stylesheet.ts";
import { withPhoneNumbers } from "../markdown/red-flags.ts";
// issue 14 (site): the site home, topic homes, libraries by topic, and translations linked.
import { generatedPages, languagePrefix } from "./site-homes.ts";
import { baseLanguage, groupByLanguage, groupByTopic, inLanguage, inTopic, outsideTopic, languageName, latestHandouts, pagefindValue, topicList, translationsOf, type LibraryItem } from "./library.ts";
import { topicIn } from "../content/topic-info.ts";
import { translationAlternates } from "./site-files.ts";

const require = createRequire(import.meta.url);
/** The clinic's logo is copied to output/assets/ under this name, keeping its extension. */
const CLINIC_LOGO = "clinic-logo";

/** Minimal shape of the Eleventy config API this plugin uses (Eleventy ships no types). */
interface EleventyConfig {
  directories: { input: string; output: string };
  setLibrary(name: string, lib: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string> | string, options?: object): void;
  ignores: { add(glob: string): void };
  on(event: string, fn: (arg: { directories: { input: string; output: string }; results?: { url?: string | false; inputPath?: string }[] }) => void | Promise<void>): void;
  setFrontMatterParsingOptions(options: object): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  htmlTransformer: { addUrlTransform(ext: string, fn: (this: { url: string }, url: string) => string, options?: object): void };
  addWatchTarget(target: string): void;
  addTemplate(virtualPath: string, content: string, data: object): void;
  setWatchJavaScriptDependencies(enabled: boolean): void;
  setDataFileSuffixes(suffixes: string[]): void;
}

// Passthrough copy takes paths relative to the working directory (the repository root).
const fromRoot = (file: string): string => path.relative(process.cwd(), file).split(path.sep).join("/");
const fontFiles = fromRoot(path.dirname(require.resolve("@fontsource/atkinson-hyperlegible/package.json")));
// reveal.js exports no package.json; its main file sits in dist/.
const revealDist = fromRoot(path.dirname(require.resolve("reveal.js")));
const templateAssets = fromRoot(path.join(import.meta.dirname, "..", "..", "templates", "assets"));

/**
 * Layouts live in templates/ beside this repository's src/, whichever content folder is built (the tests build
 * fixture folders elsewhere). Eleventy wants these paths relative to the input folder, and only lets the main
 * config file (not a plugin) set them.
 */
export function templateDirectories(inputDir: string): { includes: string; layouts: string } {
  const templatesDir = path.join(import.meta.dirname, "..", "..", "templates");
  return {
    includes: path.relative(inputDir, templatesDir),
    layouts: path.relative(inputDir, path.join(templatesDir, "layouts")),
  };
}

export default function contentPlugin(eleventyConfig: EleventyConfig): void {
  const contentDir = eleventyConfig.directories.input;

  // The content folder, loaded and checked once per build (every mistake at once, with file and line) and read
  // from here by the markdown, the global data, the URL transform and the files written after the build. It is
  // loaded afresh at the start of every build, so `npm run dev` sees each edit.
  let loaded: Content | undefined;
  let lookups: NameLookups | undefined;
  const content = (): Content => (loaded ??= loadContent(contentDir));
  // Names (documents, snippets, citations, links) are found in the referring document's topic first (names.ts).
  const names = (): NameLookups => (lookups ??= nameLookups(content()));
  eleventyConfig.on("eleventy.before", () => {
    loaded = loadContent(contentDir);
    lookups = undefined;
    reloadStrings();
  });
  /** The content document a template renders (Eleventy passes `page` to filters as `this.page`). */
  const documentOf = (page: { inputPath?: string } | undefined): ContentDocument | undefined => (page?.inputPath ? names().documentAt(page.inputPath) : undefined);
  // `dir` in the event is the config's unnormalized value; `directories` has the folders actually used.
  eleventyConfig.on("eleventy.after", ({ directories: dir, results }) => {
    const { clinic, documents } = content();
    writeFileSync(path.join(dir.output, "manifest.json"), `${JSON.stringify(buildManifest(content()), null, 2)}\n`);
    mkdirSync(path.join(dir.output, "assets"), { recursive: true });
    writeFileSync(path.join(dir.output, "assets", "brand.css"), brandCss(clinic.brandColor));
    // Every page Eleventy wrote, dated by its review (src/eleventy/site-files.ts).
    const { mainLang } = content();
    const reviewed = new Map(documents.map((doc) => [documentUrl(placeOf(doc, mainLang)), doc.data.reviewed]));
    // Where Eleventy wrote each document (its permalink), by the document's file: the translations' alternates.
    const written = new Map((results ?? []).flatMap((r) => (typeof r.url === "string" && r.inputPath ? [[path.resolve(r.inputPath), r.url] as const] : [])));
    const listed = sitemapUrls((results ?? []).map((result) => result.url)).map((url) => ({ url, lastmod: reviewed.get(url) }));
    writeFileSync(path.join(dir.output, "sitemap.xml"), sitemapXml(listed, clinic.baseUrl, translationAlternates(documents, baseLanguage(clinic.locale) ?? "en", (doc) => written.get(path.resolve(path.dirname(path.resolve(contentDir)), doc.source)))));
    writeFileSync(path.join(dir.output, "robots.txt"), robotsTxt(clinic.baseUrl));
    // The content check has refused a logo that is a link, not an image, or an unsafe SVG.
    if (clinic.logo) {
      copyFileSync(path.join(contentDir, clinic.logo), path.join(dir.output, "assets", `${CLINIC_LOGO}${path.extname(clinic.logo)}`));
    }
    copyContentImages(contentDir, dir.output);
    // parts-print: each handout's print stylesheet at full size; the build rewrites it with the fitted step.
    for (const doc of documents.filter((d) => d.data.kind === "handout")) {
      const file = path.join(dir.output, handoutPrintStylePath(placeOf(doc, mainLang)));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, handoutPrintCss(clinic.paper, 1, 1, doc.lang));
    }
    // Each deck's static print page, made from its finished page (src/eleventy/deck-print-page.ts).
    writeDeckPrintPages(dir.output, documents.filter((doc) => doc.data.kind === "deck").map((doc) => placeOf(doc, mainLang)));
    // Printed QR codes of the old addresses keep working (src/eleventy/redirects.ts); written after the sitemap,
    // which never lists them, and never over a page the build wrote.
    const writtenUrls = new Set((results ?? []).flatMap((result) => (typeof result.url === "string" ? [result.url] : [])));
    writeRedirectPages(dir.output, oldAddressRedirects(content(), writtenUrls), clinic.baseUrl, mainLang);
  });

  // Content is data: `---js` front matter would run code, so it is refused (the check above names the file).
  const refuse = (): never => {
    throw new Error("front matter that runs code is not allowed in content/");
  };
  // YAML front matter reaches templates already normalized by the schema (dates as YYYY-MM-DD, defaults filled
  // in), so templates and the manifest see the same values. Invalid files never get here: the check above stops
  // the build first, naming file and line.
  const yamlEngine = (text: string): object => {
    const raw = yaml.load(normaliseText(text), { schema: yaml.CORE_SCHEMA }) ?? {};
    const result = frontMatterSchema.safeParse(raw);
    // A document without `lang` is in the site's main language (the clinic's locale), not a fixed default.
    return result.success ? { ...result.data, lang: result.data.lang ?? content().mainLang } : (raw as object);
  };
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: yamlEngine, js: refuse, javascript: refuse } });

  /** The topic of a content file: the first folder under content/. */
  const topicOf = (inputPath: string): string => path.relative(path.resolve(contentDir), path.resolve(inputPath)).split(path.sep)[0] ?? "";
  eleventyConfig.setLibrary(
    "md",
    createMarkdown({
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
        return glossaryFor(terms, translatedTerms, topicOf(inputPath), data.lang ?? mainLanguage(clinic.locale), mainLanguage(clinic.locale));
      },
      snippets: { read: (name, env, insideTopic) => names().snippet(name, env, insideTopic) },
      // parts-print: `![[red-flags]]` shows the document's sets of its topic's warning signs.
      helpBox: {
        forDocument(env) {
          const data = env as { redFlags?: "all" | string[]; lang?: string; page?: { inputPath?: string } };
          const topic = topicOf(data.page?.inputPath ?? "");
          const flags = content().redFlags.get(topic);
          const problem = redFlagsProblem(topic, flags, data.redFlags);
          if (problem || !flags || !data.redFlags) return problem ?? "no warning signs";
          return helpBoxFor(flags, data.redFlags, content().clinic, data.lang);
        },
      },
    }),
  );

  eleventyConfig.addGlobalData("clinic", () => {
    const { clinic } = content();
    return { ...clinic, logoUrl: clinic.logo ? `/assets/${CLINIC_LOGO}${path.extname(clinic.logo)}` : undefined };
  });
  // Each topic's references, by topic; the `sources` filter finds a page's own.
  eleventyConfig.addGlobalData("references", () => Object.fromEntries([...content().referencesByTopic].map(([topic, refs]) => [topic, Object.fromEntries(refs)])));
  // issue 14 (site): the main language (clinic locale's language part) and every language documents are in.
  const mainLang = (): string => content().mainLang;
  eleventyConfig.addGlobalData("site", () => {
    const main = mainLang();
    const others = [...new Set(content().documents.map((doc) => baseLanguage(doc.lang) ?? main))].filter((lang) => lang !== main).sort();
    return { mainLang: main, languages: [main, ...others] };
  });
  eleventyConfig.addGlobalData("eleventyComputed", {
    slug: (data: { page: { filePathStem: string; inputPath: string } }) => documentOf(data.page)?.slug ?? path.posix.basename(data.page.filePathStem),
    // Pages with no kind (the site pages in site-files.ts) keep the permalink and layout they were given.
    // A document's address comes from urls.ts, from its topic, kind, slug and language (`knee.es.md` is `knee`).
    permalink: (data: { kind?: Kind; permalink?: string; page: { inputPath: string } }) => {
      const doc = data.kind ? documentOf(data.page) : undefined;
      return doc ? documentUrl(placeOf(doc, content().mainLang)) : data.permalink;
    },
    // The address parts, for the files beside a document (`{{ place | deckFiles }}`, `{{ h.data.place | handoutFiles }}`).
    place: (data: { kind?: Kind; page: { inputPath: string } }) => {
      const doc = data.kind ? documentOf(data.page) : undefined;
      return doc ? placeOf(doc, content().mainLang) : undefined;
    },
    layout: (data: { kind?: Kind; layout?: string }) => (data.kind ? `${data.kind}.njk` : data.layout),
    source: (data: { page: { inputPath: string } }) => data.page.inputPath.replace(/^\.\//, ""),
    // parts-print: the topic folder (its references file and sources page share the name).
    topic: (data: { page: { inputPath: string } }) => topicOf(data.page.inputPath),
  });

  // Content is data: Eleventy's data cascade would read `<name>.11tydata.js/json` beside a document and
  // `<folder>.json` in its folders, unvalidated, and run the JavaScript ones. No suffix: no such file is looked
  // for (the content check also refuses them, naming the file). Global data is the plugin's, validated; the data
  // folder is pointed away from content/_data in .eleventy.js.
  eleventyConfig.setDataFileSuffixes([]);
  // Snippets are included into documents, never pages of their own; anything else whose name or folder starts
  // with `_` or `.` (a `_draft.md`) is not rendered at all, as the content check does not read it either.
  // Ignore globs match paths under the working directory; a content folder elsewhere (the tests') needs its own.
  const inputGlob = path.relative(process.cwd(), path.resolve(contentDir)).split(path.sep).join("/");
  for (const base of ["**", inputGlob ? `${inputGlob}/**` : "**"]) {
    // `.[!.]*`, not `.*`: the input folder may be reached through `..`, which `.*` would match (and so ignore all).
    for (const pattern of ["_*/**", "_*.md", ".[!.]*/**", ".[!.]*.md"]) eleventyConfig.ignores.add(`${base}/${pattern}`);
  }
  eleventyConfig.addWatchTarget(`${contentDir}/_snippets/`);
  // `--serve` would parse the config's imports with a JavaScript-only parser to watch them, and stops at the
  // first TypeScript `type` import ("A problem was encountered looking for JavaScript dependencies"). Content,
  // templates and data are still watched; restart `npm run dev` after changing src/.
  eleventyConfig.setWatchJavaScriptDependencies(false);
  eleventyConfig.addWatchTarget(`${contentDir}/_data/`);

  // The page's sources, its citations' keys looked up in its own topic (`[@other-topic/R01]` in that topic).
  eleventyConfig.addFilter("sources", function (this: { page?: { inputPath?: string } }, html: string) {
    const topic = documentOf(this.page)?.topic ?? "";
    const found: Record<string, Reference> = {};
    for (const key of citedKeys(String(html))) {
      const reference = names().reference(topic, key);
      if (reference) found[key] = reference;
    }
    return sourcesFor(html, found);
  } as never);
  eleventyConfig.addFilter("referenceHtml", referenceHtml as never);
  // {{ reviewed | readableDate(lang) }}: a date in the document's locale (src/i18n/locale.ts has the rule).
  eleventyConfig.addFilter("readableDate", ((iso: string, lang?: string) => readableDate(iso, documentLocale(lang, content().clinic.locale))) as never);
  // {{ count | number(lang) }}: a number written the document's way (1,234 / 1.234).
  eleventyConfig.addFilter("number", ((value: number, lang?: string) => new Intl.NumberFormat(documentLocale(lang, content().clinic.locale)).format(Number(value))) as never);
  // {{ "sheet.scan" | t(lang, { name: value }) }}: an interface string in the document's language (src/i18n/strings.ts).
  eleventyConfig.addFilter("t", ((key: string, lang?: string, values?: Record<string, string>) => translate(key, lang, values ?? {})) as never);
  // {{ "deck.keys" | tHtml(lang, { help: "<kbd>?</kbd>" }) | safe }}: a string holding markup, escaped, filled with HTML.
  eleventyConfig.addFilter("tHtml", ((key: string, lang?: string, html?: Record<string, string>) => fillHtml(rawString(key, lang).text, html ?? {})) as never);
  // {{ "deck.script" | stringsJson(lang) | safe }}: strings for a page's scripts, as JSON safe inside
  // <script type="application/json"> (a data block, not a script: the Content-Security-Policy still holds).
  eleventyConfig.addFilter("stringsJson", ((prefix: string, lang?: string) => scriptJson(stringGroup(prefix, lang))) as never);
  // A clinic value given once or per language (siteTitle, afterHours, address), in the document's language:
  // {{ clinic.siteTitle | inLang(lang) }} is the text; {{ clinic.address | inLangHtml(lang) | safe }} is escaped
  // HTML with its phone numbers kept whole, inside <span lang="..."> when it is another language's fallback.
  eleventyConfig.addFilter("inLang", ((value: PerLanguage | undefined, lang?: string) => valueIn(value, lang, mainLanguage(content().clinic.locale))?.text ?? "") as never);
  eleventyConfig.addFilter("inLangHtml", ((value: PerLanguage | undefined, lang?: string) =>
    localizedHtml(valueIn(value, lang, mainLanguage(content().clinic.locale)), lang ?? mainLanguage(content().clinic.locale))) as never);
  // {{ reference | referenceLang(lang) }}: ` lang="en"` when a reference is in another language than the page.
  eleventyConfig.addFilter("langAttr", ((textLang: string | undefined, pageLang?: string) => langAttribute(textLang ?? mainLanguage(content().clinic.locale), pageLang ?? mainLanguage(content().clinic.locale))) as never);
  // {{ clinic.phone | phone | safe }}: escaped, with each phone number kept on one line.
  eleventyConfig.addFilter("phone", ((text: string) => withPhoneNumbers(String(text ?? ""))) as never);
  // {{ clinic.baseUrl | shortUrl }}: an address as a person types it, without https://.
  eleventyConfig.addFilter("breakableUrl", ((url: string) => breakableUrl(String(url ?? ""))) as never);
  eleventyConfig.addFilter("shortUrl", ((url: string) => String(url).replace(/^https?:\/\//, "")) as never);
  eleventyConfig.addFilter("topicSources", ((topic: string) =>
    topicSources(content(), topic, names())) as never);
  eleventyConfig.addFilter("absoluteUrl", absoluteUrl as never);
  eleventyConfig.addFilter("byKind", byKind as never);
  // `collections.all | findDocument("handout", name)`: the name as the rendered document means it, in its own
  // topic (and language) first, or `other-topic/name` (src/content/names.ts); the content check has refused
  // every name that means nothing or could mean another topic's.
  type Item = { url: string; inputPath?: string; data: { kind?: string; slug?: string } };
  const resolveItem = (page: { inputPath?: string } | undefined, items: readonly Item[], kind: Kind, name: string): Item | undefined => {
    const from = documentOf(page);
    const target = from ? names().document(from, kind, name) : undefined;
    if (!target) return from ? undefined : findDocument(items, kind, name);
    return items.find((item) => item.inputPath !== undefined && names().documentAt(item.inputPath) === target);
  };
  eleventyConfig.addFilter("findDocument", function (this: { page?: { inputPath?: string } }, items: readonly Item[], kind: Kind, name: string) {
    return resolveItem(this.page, items, kind, name);
  } as never);
  eleventyConfig.addFilter("inReadingOrder", inReadingOrder as never);
  eleventyConfig.addFilter("documentsNamed", function (this: { page?: { inputPath?: string } }, items: readonly Item[], kind: Kind, list: readonly string[] | undefined) {
    return (list ?? []).flatMap((name) => resolveItem(this.page, items, kind, name) ?? []);
  } as never);
  eleventyConfig.addFilter("linksToAll", linksToAll as never);
  // {{ page.inputPath | contentStamp }}: the short hash printed in a handout's footer (same as the manifest's).
  eleventyConfig.addFilter("contentStamp", ((inputPath: string) => {
    const { body } = splitFrontMatter(inputPath, readFileSync(inputPath, "utf8"));
    return contentStamp(contentDir, body, documentOf({ inputPath })?.topic);
  }) as never);
  // {{ url | qrSvg("label") | safe }}: a vector QR code for print (handouts, the deck's handout slide).
  eleventyConfig.addFilter("qrSvg", ((text: string, label?: string) => qrSvg(text, label ? { label } : {})) as never);

  // Self-hosted fonts and the slide runtime: nothing is fetched from a third party.
  eleventyConfig.addPassthroughCopy({
    [`${fontFiles}/files/atkinson-hyperlegible-latin-*.woff2`]: "assets/fonts",
    [`${revealDist}/reveal.js`]: "assets/reveal/reveal.js",
    [`${revealDist}/reveal.css`]: "assets/reveal/reveal.css",
    [`${revealDist}/reset.css`]: "assets/reveal/reset.css",
    [`${revealDist}/plugin/notes.js`]: "assets/reveal/plugin/notes.js",
    [templateAssets]: "assets",
  });

  // Images in content are written relative to their Markdown file (the content check has already refused missing
  // files and missing alt text, with file and line: src/check/markdown-targets.ts). Each file is copied once,
  // keeping its place under content/ (copyContentImages, after the build), and its address in the page is
  // rewritten to point there. Eleventy's own passthrough cannot do it: `mode: "html-relative"` is read before
  // this plugin runs, and a glob outside the working folder (the tests' fixtures) lands outside the output.
  eleventyConfig.htmlTransformer.addUrlTransform("html", function (url) {
    const image = contentImagePath(url, (this as unknown as { page: { inputPath: string } }).page.inputPath, contentDir);
    return image ? relativeUrl(image, this.url) : url;
  });

  // Pages with no content file: the handout and deck libraries, search and 404 (their layouts do the work).
  // Search pages in every language that has documents (`/es/search/`); the 404 says it in each of them.
  const languages = (): string[] => [...new Set(content().documents.map((doc) => doc.data.lang ?? mainLanguage(content().clinic.locale)))];
  const siteLanguages = (): { lang: string; searchUrl: string }[] => {
    const main = mainLanguage(content().clinic.locale);
    return [main, ...languages().filter((lang) => lang !== main).sort()].map((lang) => ({ lang, searchUrl: languageUrl("search/", lang, main) }));
  };
  // {{ lang | searchUrl }}: the search page of a page's language; {{ lang | otherLanguages }}: the site's other
  // languages with their search pages (the search and 404 pages offer them).
  eleventyConfig.addFilter("searchUrl", ((lang?: string) => siteLanguages().find((l) => l.lang === lang)?.searchUrl ?? "/search/") as never);
  eleventyConfig.addFilter("otherLanguages", ((lang?: string) => siteLanguages().filter((l) => l.lang !== (lang ?? mainLanguage(content().clinic.locale)))) as never);
  // A content folder that does not load makes no site pages here; the build stops at eleventy.before, naming the file.
  let pagesToMake: SitePage[] = [];
  try {
    pagesToMake = sitePages(mainLanguage(content().clinic.locale), languages());
  } catch {
    pagesToMake = [];
  }
  for (const sitePage of pagesToMake) {
    const { virtualPath, ...data } = sitePage;
    eleventyConfig.addTemplate(virtualPath, "", { ...data, eleventyExcludeFromCollections: true });
  }
  // parts-print: one sources page per topic (its folder, or its references file), listing who cites what; and one
  // in each other language the topic has documents in (`/es/sources/<topic>/`), which a translated sheet's "How we
  // checked this" line points to: the papers are the same, the page's words are the reader's.
  const sourcesLanguages = (topic: string): string[] => {
    try {
      const main = mainLanguage(content().clinic.locale);
      const others = content().documents.filter((doc) => doc.topic === topic).map((doc) => doc.lang).filter((lang) => lang !== main);
      return [main, ...[...new Set(others)].sort()];
    } catch {
      // A content folder that does not load stops the build at eleventy.before, naming the file.
      return [];
    }
  };
  const topicWordsIn = (topic: string, lang: string): string => {
    const info = content().topics.get(topic);
    return info ? topicIn(info, lang).title : topicTitle(topic);
  };
  for (const topic of sourceTopics(contentDir)) {
    const languagesHere = sourcesLanguages(topic);
    for (const [index, lang] of (languagesHere.length ? languagesHere : [undefined]).entries()) {
      const other = index > 0 ? lang : undefined;
      eleventyConfig.addTemplate(`_site-pages/sources-${topic}${other ? `.${other}` : ""}.md`, "", {
        permalink: topicSourcesUrl(topic, other),
        layout: "topic-sources.njk",
        title: translate("sources.title", lang, { topic: lang ? topicWordsIn(topic, lang) : topicTitle(topic) }),
        summary: translate("sources.summary", lang),
        ...(lang ? { lang } : {}),
        sourcesTopic: topic,
        policy: "page",
        listed: true,
        eleventyExcludeFromCollections: true,
      });
    }
  }
  // {{ topic | sourcesUrl(lang) }}: the topic's sources page in the page's language, where there is one.
  eleventyConfig.addFilter("sourcesUrl", ((topic: string, lang?: string) => {
    const main = mainLanguage(content().clinic.locale);
    return topicSourcesUrl(topic, lang && lang !== main && sourcesLanguages(topic).includes(lang) ? lang : undefined);
  }) as never);
  // Eleventy sets ELEVENTY_RUN_MODE to "serve" for `npm run dev`, whose live-reload script the policy must allow.
  eleventyConfig.addFilter("contentSecurityPolicy", ((kind: PolicyKind) => contentSecurityPolicy(kind, { dev: process.env.ELEVENTY_RUN_MODE === "serve" })) as never);
  eleventyConfig.addFilter("pageNeighbours", pageNeighbours as never);
  // issue 14 (site): topics, languages and translations for the homes, libraries and every page's head.
  eleventyConfig.addFilter("inTopic", inTopic as never);
  eleventyConfig.addFilter("outsideTopic", outsideTopic as never);
  eleventyConfig.addFilter("inLanguage", (<T extends LibraryItem>(items: T[], lang?: string) => inLanguage(items, lang ?? mainLang(), mainLang())) as never);
  eleventyConfig.addFilter("latestHandouts", latestHandouts as never);
  eleventyConfig.addFilter("groupByTopic", (<T extends LibraryItem>(items: T[], lang?: string) => groupByTopic(items, content().topics, lang)) as never);
  eleventyConfig.addFilter("groupByLanguage", (<T extends LibraryItem>(items: T[], lang?: string) => groupByLanguage(items, lang ?? mainLang(), mainLang())) as never);
  eleventyConfig.addFilter("topicList", ((lang?: string) => topicList(content().topics, lang)) as never);
  eleventyConfig.addFilter("topicWords", ((topic: string, lang?: string) => {
    const info = content().topics.get(topic);
    return info ? topicIn(info, lang) : { title: topicTitle(topic), summary: "", lang: undefined };
  }) as never);
  eleventyConfig.addFilter("translationsOf", (<T extends LibraryItem>(items: T[], doc: LibraryItem["data"]) => translationsOf(items, doc, mainLang())) as never);
  eleventyConfig.addFilter("languageName", languageName as never);
  eleventyConfig.addFilter("baseLanguage", ((tag?: string) => baseLanguage(tag) ?? mainLang()) as never);
  // `/es` before a generated address in another language; nothing in the main language.
  eleventyConfig.addFilter("langPrefix", ((lang?: string) => languagePrefix(lang, mainLang())) as never);
  eleventyConfig.addFilter("pagefindValue", pagefindValue as never);
  const generated = generatedPages(contentDir);
  const generatedUrls = new Set(generated.map((page) => page.permalink));
  // {{ collections.all | topicHome(topic, lang) }}: the topic's home in that language: its own index page there,
  // else the one made from topic.yaml there, else the topic's home in the main language.
  eleventyConfig.addFilter("topicHome", (<T extends LibraryItem>(items: T[], topic: string, lang?: string) => {
    const main = mainLang();
    const index = (inLang: string): string | undefined => inLanguage(inTopic(items, topic), inLang, main).find((item) => item.data.kind === "page" && item.data.slug === "index")?.url;
    const made = (inLang: string): string | undefined => {
      const url = `${languagePrefix(inLang, main)}${topicHomeUrl(topic)}`;
      return generatedUrls.has(url) ? url : undefined;
    };
    return (lang && (index(lang) ?? made(lang))) ?? index(main) ?? made(main) ?? topicHomeUrl(topic);
  }) as never);
  for (const page of generated) {
    const { virtualPath, ...data } = page;
    eleventyConfig.addTemplate(virtualPath, "", { ...data, eleventyExcludeFromCollections: true });
  }
  eleventyConfig.addFilter("handoutFiles", handoutFiles as never);
  eleventyConfig.addFilter("deckFiles", deckFiles as never);

  eleventyConfig.htmlTransformer.addUrlTransform("html", function (url) {
    // A host serves 404.html at whatever address was missing, so its links cannot be page-relative.
    if (this.url === NOT_FOUND_URL) return prefixedUrl(url, pathPrefix(content().clinic.baseUrl));
    return relativeUrl(url, this.url);
  });
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
function copyContentImages(contentDir: string, outDir: string): void {
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
