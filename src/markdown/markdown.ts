/**
 * The one markdown-it instance: Eleventy renders content with it and the tests use it, so a test sees exactly
 * what the site shows. Raw HTML is off (content is data); the project's own syntax comes from small plugins.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import { citationsPlugin } from "./citations.ts";
import { snippetsPlugin, type SnippetSource } from "./snippets.ts";
import { tickBoxesPlugin } from "./tick-boxes.ts";
import { slidesPlugin } from "./slides.ts";
import { nestingLimitPlugin } from "../content/markdown-safety.ts";
import { describeSource } from "./source-location.ts";
import { ContentError } from "../errors.ts";

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
  // The content check reports this first; here it stops text from being dropped if anything gets past it.
  nestingLimitPlugin(md, (state, line) => {
    const at = describeSource(state.env, { map: [line, line + 1] } as never);
    throw new ContentError(at.file, "lists or quotes are nested too deeply here (the deepest text would be lost): flatten the list", { line: at.line });
  });
  return md;
}
