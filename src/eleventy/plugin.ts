/**
 * The Eleventy glue, and the only module that knows Eleventy: registers the markdown instance, the data the
 * templates read, permalinks and layouts by kind, the filters, asset copies, and writes the manifest.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadContent, nameLookups, type Content, type NameLookups } from "../content/load-content.ts";
import { documentUrl, placeOf } from "../content/urls.ts";
import { oldAddressRedirects, writeRedirectPages } from "./redirects.ts";
import { writeDeckPrintPages } from "./deck-print-page.ts";
import { buildManifest } from "./manifest.ts";
import { brandCss } from "./brand-css.ts";
import { sitePages, type SitePage, robotsTxt, sitemapUrls, sitemapXml } from "./site-files.ts";
// parts-print: interface strings, topic sources pages and the handout's print stylesheet.
import { reloadStrings, translate } from "../i18n/strings.ts";
import { mainLanguage } from "../i18n/locale.ts";
import { topicTitle } from "./topic-sources.ts";
import { topicIn } from "../content/topic-info.ts";
import { sourceTopics } from "../content/topics.ts";
import { topicSourcesUrl, handoutPrintStylePath } from "../content/urls.ts";
import { handoutPrintCss } from "../pdf/print-stylesheet.ts";
// issue 14 (site): the site home, topic homes, libraries by topic, and translations linked.
import { generatedPages } from "./site-homes.ts";
import { baseLanguage } from "./library.ts";
import { translationAlternates } from "./site-files.ts";
// The markdown, front matter, data, filters and URL transforms, shared with the deck-PDFs-only build.
import {
  CLINIC_LOGO,
  TEMPLATES_DIR,
  assetCopies,
  computedData,
  copyContentImages,
  frontMatterParser,
  siteFilters,
  siteGlobalData,
  siteLanguages,
  siteMarkdown,
  urlTransforms,
  type SiteSources,
} from "./site-templating.ts";

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

/**
 * Layouts live in templates/ beside this repository's src/, whichever content folder is built (the tests build
 * fixture folders elsewhere). Eleventy wants these paths relative to the input folder, and only lets the main
 * config file (not a plugin) set them.
 */
export function templateDirectories(inputDir: string): { includes: string; layouts: string } {
  const templatesDir = TEMPLATES_DIR;
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
  // YAML front matter reaches templates already normalized by the schema (site-templating.ts).
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: frontMatterParser(content), js: refuse, javascript: refuse } });

  // Topic homes the site makes itself (site-homes.ts): Eleventy needs their templates now, and `topicHome` their addresses.
  const generated = generatedPages(contentDir);
  const generatedUrls = new Set(generated.map((page) => page.permalink));
  const sources: SiteSources = { contentDir, content, names, generatedUrls: () => generatedUrls };
  eleventyConfig.setLibrary("md", siteMarkdown(sources));
  const globalData = siteGlobalData(content);
  eleventyConfig.addGlobalData("clinic", globalData.clinic);
  eleventyConfig.addGlobalData("references", globalData.references);
  eleventyConfig.addGlobalData("site", globalData.site);
  eleventyConfig.addGlobalData("eleventyComputed", computedData(sources));

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

  for (const [name, filter] of Object.entries(siteFilters(sources))) eleventyConfig.addFilter(name, filter);

  // Self-hosted fonts and the slide runtime: nothing is fetched from a third party.
  eleventyConfig.addPassthroughCopy(assetCopies());

  // Content images, then every site address made relative to the page (site-templating.ts, urlTransforms).
  for (const transform of urlTransforms(sources)) {
    eleventyConfig.htmlTransformer.addUrlTransform("html", transform as (this: { url: string }, url: string) => string);
  }

  // Pages with no content file: the handout and deck libraries, search and 404 (their layouts do the work).
  // Search pages in every language that has documents (`/es/search/`); the 404 says it in each of them.
  // A content folder that does not load makes no site pages here; the build stops at eleventy.before, naming the file.
  let pagesToMake: SitePage[] = [];
  try {
    pagesToMake = sitePages(mainLanguage(content().clinic.locale), siteLanguages(content()).map((l) => l.lang));
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
  for (const page of generated) {
    const { virtualPath, ...data } = page;
    eleventyConfig.addTemplate(virtualPath, "", { ...data, eleventyExcludeFromCollections: true });
  }
}
