/**
 * The Eleventy glue, and the only module that knows Eleventy: registers the markdown instance, the data the
 * templates read, permalinks and layouts by kind, the filters, asset copies, and writes the manifest.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { loadClinic, loadContent, loadReferences, relativeSource } from "../content/load-content.ts";
import { documentUrl } from "../content/urls.ts";
import { createMarkdown } from "../markdown/markdown.ts";
import { buildManifest } from "./manifest.ts";
import { relativeUrl } from "./relative-urls.ts";
import { brandCss } from "./brand-css.ts";
import { absoluteUrl, byKind, findDocument, readableDate, referenceHtml, sourcesFor } from "./filters.ts";
import { frontMatterSchema, type Kind } from "../content/schema.ts";
import yaml from "js-yaml";

const require = createRequire(import.meta.url);

/** Minimal shape of the Eleventy config API this plugin uses (Eleventy ships no types). */
interface EleventyConfig {
  directories: { input: string; output: string };
  setLibrary(name: string, lib: unknown): void;
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, fn: (...args: never[]) => unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  ignores: { add(glob: string): void };
  on(event: string, fn: (arg: { directories: { input: string; output: string } }) => void | Promise<void>): void;
  setFrontMatterParsingOptions(options: object): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  htmlTransformer: { addUrlTransform(ext: string, fn: (this: { url: string }, url: string) => string, options?: object): void };
  addWatchTarget(target: string): void;
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

  // Check the whole content folder before anything renders: every mistake at once, with file and line.
  eleventyConfig.on("eleventy.before", () => {
    loadContent(contentDir);
  });
  // `dir` in the event is the config's unnormalized value; `directories` has the folders actually used.
  eleventyConfig.on("eleventy.after", ({ directories: dir }) => {
    const content = loadContent(contentDir);
    writeFileSync(path.join(dir.output, "manifest.json"), `${JSON.stringify(buildManifest(content), null, 2)}\n`);
    mkdirSync(path.join(dir.output, "assets"), { recursive: true });
    writeFileSync(path.join(dir.output, "assets", "brand.css"), brandCss(content.clinic.brandColor));
  });

  // Content is data: `---js` front matter would run code, so it is refused (the check above names the file).
  const refuse = (): never => {
    throw new Error("front matter that runs code is not allowed in content/");
  };
  // YAML front matter reaches templates already normalized by the schema (dates as YYYY-MM-DD, defaults filled
  // in), so templates and the manifest see the same values. Invalid files never get here: the check above stops
  // the build first, naming file and line.
  const yamlEngine = (text: string): object => {
    const raw = yaml.load(text) ?? {};
    const result = frontMatterSchema.safeParse(raw);
    return result.success ? result.data : (raw as object);
  };
  eleventyConfig.setFrontMatterParsingOptions({ engines: { yaml: yamlEngine, js: refuse, javascript: refuse } });

  const references = () => loadReferences(contentDir);
  eleventyConfig.setLibrary(
    "md",
    createMarkdown({
      hasReference: (key) => references().has(key),
      snippets: {
        read(name) {
          const file = path.join(contentDir, "_snippets", `${name}.md`);
          return existsSync(file) ? { text: readFileSync(file, "utf8"), file: relativeSource(contentDir, file) } : undefined;
        },
      },
    }),
  );

  eleventyConfig.addGlobalData("clinic", () => loadClinic(contentDir));
  eleventyConfig.addGlobalData("references", () => Object.fromEntries(references()));
  eleventyConfig.addGlobalData("eleventyComputed", {
    slug: (data: { page: { filePathStem: string } }) => path.posix.basename(data.page.filePathStem),
    permalink: (data: { kind?: Kind; page: { filePathStem: string } }) =>
      data.kind ? documentUrl(data.kind, path.posix.basename(data.page.filePathStem)) : undefined,
    layout: (data: { kind?: Kind }) => (data.kind ? `${data.kind}.njk` : undefined),
    source: (data: { page: { inputPath: string } }) => data.page.inputPath.replace(/^\.\//, ""),
  });

  // Snippets are included into documents, never pages of their own (a glob that works for any input folder).
  eleventyConfig.ignores.add("**/_snippets/**");
  eleventyConfig.addWatchTarget(`${contentDir}/_snippets/`);
  eleventyConfig.addWatchTarget(`${contentDir}/_data/`);

  eleventyConfig.addFilter("sources", ((html: string, refs: Parameters<typeof sourcesFor>[1]) => sourcesFor(html, refs)) as never);
  eleventyConfig.addFilter("referenceHtml", referenceHtml as never);
  eleventyConfig.addFilter("readableDate", readableDate as never);
  eleventyConfig.addFilter("absoluteUrl", absoluteUrl as never);
  eleventyConfig.addFilter("byKind", byKind as never);
  eleventyConfig.addFilter("findDocument", findDocument as never);

  // Self-hosted fonts and the slide runtime: nothing is fetched from a third party.
  eleventyConfig.addPassthroughCopy({
    [`${fontFiles}/files/atkinson-hyperlegible-latin-*.woff2`]: "assets/fonts",
    [`${revealDist}/reveal.js`]: "assets/reveal/reveal.js",
    [`${revealDist}/reveal.css`]: "assets/reveal/reveal.css",
    [`${revealDist}/reset.css`]: "assets/reveal/reset.css",
    [`${revealDist}/plugin/notes.js`]: "assets/reveal/plugin/notes.js",
    [templateAssets]: "assets",
  });

  eleventyConfig.htmlTransformer.addUrlTransform("html", function (url) {
    return relativeUrl(url, this.url);
  });
}
