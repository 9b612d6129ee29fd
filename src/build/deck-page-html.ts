/**
 * A deck's page as the site build writes it (`<topic>/slides/<slug>/index.html`), rendered without Eleventy: the
 * same layout (templates/layouts/deck.njk), the same markdown instance, front matter, data, filters and URL
 * transforms (src/eleventy/site-templating.ts), in the same order. The deck-PDFs-only build turns it into the
 * deck's print page (deckPrintPageHtml) and prints that, so its PDFs are those of the full build without the
 * site around them. test/deck-pdfs-only.test.ts holds the two builds' print pages to being byte-identical.
 *
 * Eleventy is not loaded: starting it and building even two pages costs most of a second, more than printing a
 * deck. Only its HTML transformer (posthtml and posthtml-urls, which rewrite each address and serialize the page)
 * is used, from Eleventy's own file, so the markup comes out exactly as Eleventy writes it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import nunjucks from "nunjucks";
import { nameLookups, type Content, type ContentDocument, type NameLookups } from "../content/load-content.ts";
import { splitFrontMatter } from "../content/front-matter.ts";
import { documentUrl, placeOf, type DocumentPlace } from "../content/urls.ts";
import { generatedPages } from "../eleventy/site-homes.ts";
import {
  TEMPLATES_DIR,
  computedData,
  frontMatterParser,
  siteFilters,
  siteGlobalData,
  siteMarkdown,
  urlTransforms,
  type SiteSources,
  type UrlTransformContext,
} from "../eleventy/site-templating.ts";

type UrlCallback = (this: UrlTransformContext, url: string) => string;
interface HtmlTransformerClass {
  transformStandalone(content: string, callback: UrlCallback): Promise<string>;
}

/** Eleventy's HTML transformer (src/Util/HtmlTransformer.js), which its package does not export by name. */
async function eleventyHtmlTransformer(): Promise<HtmlTransformerClass> {
  const main = createRequire(import.meta.url).resolve("@11ty/eleventy");
  const file = path.join(path.dirname(main), "Util", "HtmlTransformer.js");
  const module = (await import(pathToFileURL(file).href)) as { HtmlTransformer: HtmlTransformerClass };
  return module.HtmlTransformer;
}

/** Eleventy's `page.inputPath`: the file relative to the working folder, `./`-prefixed unless it climbs out. */
function eleventyInputPath(file: string): string {
  const relative = path.relative(process.cwd(), file).split(path.sep).join("/");
  return relative.startsWith("../") || path.isAbsolute(relative) ? relative : `./${relative}`;
}

/** A deck's rendered page and where it belongs. */
export interface DeckPage {
  place: DocumentPlace;
  html: string;
}

/** Renders every deck's page of `content`, in the content's order. */
export async function renderDeckPages(content: Content): Promise<DeckPage[]> {
  const { contentDir, mainLang } = content;
  const root = path.dirname(path.resolve(contentDir));
  let lookups: NameLookups | undefined;
  let generated: ReadonlySet<string> | undefined;
  const sources: SiteSources = {
    contentDir,
    content: () => content,
    names: () => (lookups ??= nameLookups(content)),
    // Read only by `topicHome`, which a deck's page does not use.
    generatedUrls: () => (generated ??= new Set(generatedPages(contentDir).map((page) => page.permalink))),
  };
  const transformer = eleventyHtmlTransformer();
  const md = siteMarkdown(sources);
  // Eleventy's Nunjucks environment: templates/ as the includes folder, its default options. Its filters see the
  // rendered page as `this.page`, as Eleventy sets it (its Nunjucks engine's wrapFilter).
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([TEMPLATES_DIR]), { dev: true });
  for (const [name, filter] of Object.entries(siteFilters(sources))) {
    env.addFilter(name, function (this: { ctx: { page?: unknown }; page?: unknown }, ...args: unknown[]) {
      if (this.ctx.page) this.page = this.ctx.page;
      return (filter as (...a: unknown[]) => unknown).call(this, ...args);
    });
  }
  const global = siteGlobalData(sources.content);
  const computed = computedData(sources);
  const parseFrontMatter = frontMatterParser(sources.content);
  const transforms = urlTransforms(sources);
  // The templates' `collections.all`, as far as they read it: each document's address, file and data.
  const all = content.documents.map((doc) => ({
    url: documentUrl(placeOf(doc, mainLang)),
    inputPath: eleventyInputPath(path.join(root, doc.source)),
    data: { ...doc.data, lang: doc.data.lang ?? mainLang, slug: doc.slug, topic: doc.topic, place: placeOf(doc, mainLang) },
  }));
  const pages: DeckPage[] = [];
  for (const doc of content.documents.filter((d) => d.data.kind === "deck")) {
    const place = placeOf(doc, mainLang);
    const html = renderDeck(doc, contentDir, { md, env, global, computed, parseFrontMatter, all });
    const context: UrlTransformContext = { url: documentUrl(place), page: { inputPath: eleventyInputPath(path.join(root, doc.source)) } };
    const transformed = await (await transformer).transformStandalone(html, function (this: UrlTransformContext, url: string) {
      return transforms.reduce((current, transform) => transform.call(this, current), url);
    }.bind(context) as UrlCallback);
    pages.push({ place, html: transformed });
  }
  return pages;
}

interface Renderers {
  md: ReturnType<typeof siteMarkdown>;
  env: nunjucks.Environment;
  global: ReturnType<typeof siteGlobalData>;
  computed: ReturnType<typeof computedData>;
  parseFrontMatter: (text: string) => object;
  all: { url: string; inputPath: string; data: object }[];
}

function renderDeck(doc: ContentDocument, contentDir: string, { md, env, global, computed, parseFrontMatter, all }: Renderers): string {
  const file = path.join(path.dirname(path.resolve(contentDir)), doc.source);
  const inputPath = eleventyInputPath(file);
  const stem = `/${path.relative(path.resolve(contentDir), file).split(path.sep).join("/").replace(/\.md$/, "")}`;
  const split = splitFrontMatter(file, readFileSync(file, "utf8"));
  // What the templates read of Eleventy's `page` (its address and file); the address is the computed permalink.
  const page = { url: undefined as string | undefined, inputPath, filePathStem: stem };
  const base = { clinic: global.clinic(), references: global.references(), site: global.site(), ...parseFrontMatter(split.yaml), page, collections: { all } };
  const permalink = computed.permalink(base as never);
  page.url = permalink;
  const data = {
    ...base,
    slug: computed.slug(base),
    permalink,
    place: computed.place(base as never),
    layout: computed.layout(base as never),
    source: computed.source(base),
    topic: computed.topic(base),
  };
  // Eleventy hands markdown-it the page's data as its `env`; the plugins read the page, kind and language from it.
  const rendered = md.render(split.body, data as never);
  return env.render("layouts/deck.njk", { ...data, content: rendered });
}
