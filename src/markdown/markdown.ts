/**
 * The one markdown-it instance: Eleventy renders content with it and the tests use it, so a test sees exactly
 * what the site shows. Raw HTML is off (content is data); the project's own syntax comes from small plugins.
 */
import MarkdownItFactory, { type MarkdownIt } from "markdown-it";
import { citationsPlugin } from "./citations.ts";
import { snippetsPlugin, type SnippetSource } from "./snippets.ts";
import { tickBoxesPlugin } from "./tick-boxes.ts";
import { slidesPlugin } from "./slides.ts";
import { boxesPlugin } from "./boxes.ts";
import { figuresPlugin } from "./figures.ts";
import { termsPlugin } from "./terms.ts";
import { stepsPlugin } from "./steps.ts";
import type { Term } from "../content/terms.ts";
import { redFlagsPlugin, type HelpBoxSource } from "./red-flags.ts";
import { nestingLimitPlugin } from "../content/markdown-safety.ts";
import { describeSource } from "./source-location.ts";
import { ContentError } from "../errors.ts";
import { documentLinksPlugin, type DocumentLinkResolver } from "./document-links.ts";

export interface MarkdownOptions {
  hasReference: (key: string, env: unknown) => boolean | string;
  snippets: SnippetSource;
  /** The content folder: figures in snippets are found relative to its _snippets/ folder. */
  contentDir?: string | undefined;
  /** The glossary for the document being rendered (its topic's); none by default. */
  termsFor?: ((env: unknown) => readonly Term[]) | undefined;
  /** parts-print: what `![[red-flags]]` prints for a document; without it the line is a content error. */
  helpBox?: HelpBoxSource;
  /** Links written as a document's name, found in the linking document's topic (none rewritten by default). */
  documentLink?: DocumentLinkResolver | undefined;
}

const NO_HELP_BOX: HelpBoxSource = { forDocument: () => "`![[red-flags]]` cannot be shown here: no warning signs were loaded" };

export function createMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = new MarkdownItFactory({ html: false, linkify: false, typographer: true });
  // Before the snippets: `![[red-flags]]` is built in, whatever content/_snippets/ holds.
  md.use(redFlagsPlugin, options.helpBox ?? NO_HELP_BOX);
  md.use(snippetsPlugin, options.snippets);
  md.use(citationsPlugin, { hasReference: options.hasReference });
  md.use(tickBoxesPlugin);
  md.use(boxesPlugin);
  md.use(stepsPlugin);
  md.use(figuresPlugin, { contentDir: options.contentDir });
  md.use(termsPlugin, { termsFor: options.termsFor ?? (() => []) });
  md.use(slidesPlugin);
  if (options.documentLink) md.use(documentLinksPlugin, options.documentLink);
  // The content check reports this first; here it stops text from being dropped if anything gets past it.
  nestingLimitPlugin(md, (state, line) => {
    const at = describeSource(state.env, { map: [line, line + 1] } as never);
    throw new ContentError(at.file, "lists or quotes are nested too deeply here (the deepest text would be lost): flatten the list", { line: at.line });
  });
  return md;
}
