/**
 * The one markdown-it instance: Eleventy renders content with it and the tests use it, so a test sees exactly
 * what the site shows. Raw HTML is off (content is data); the project's own syntax comes from small plugins.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import { citationsPlugin } from "./citations.ts";
import { snippetsPlugin, type SnippetSource } from "./snippets.ts";
import { tickBoxesPlugin } from "./tick-boxes.ts";
import { slidesPlugin } from "./slides.ts";

export interface MarkdownOptions {
  hasReference: (key: string) => boolean;
  snippets: SnippetSource;
}

export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = new MarkdownItFactory({ html: false, linkify: false, typographer: true });
  md.use(snippetsPlugin, options.snippets);
  md.use(citationsPlugin, { hasReference: options.hasReference });
  md.use(tickBoxesPlugin);
  md.use(slidesPlugin);
  return md;
}
