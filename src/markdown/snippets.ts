/**
 * markdown-it plugin: a line holding only `![[name]]` includes the snippet `name` in place: the document's topic's
 * own (content/<topic>/_snippets/) over a shared one (content/_snippets/), or another topic's when written
 * `![[other-topic/name]]` (src/content/names.ts decides). The snippet's tokens join the document's own stream, so
 * its citations are numbered in reading order with the rest. Names are plain slugs, so an include can never
 * reach outside the snippets folders.
 */
import type { MarkdownIt } from "markdown-it";
import type { StateBlock } from "markdown-it";
import { ContentError } from "../errors.ts";
import { SNIPPET_INCLUDE } from "./syntax.ts";
import { describeSource } from "./source-location.ts";
import { normaliseText } from "../content/read-text.ts";
import { QUALIFIED_NAME } from "../content/names.ts";

export interface IncludedSnippet {
  text: string;
  file: string;
  /** The topic whose snippets folder holds it; undefined for a shared snippet. */
  topic?: string | undefined;
}

export interface SnippetSource {
  /**
   * The snippet `name` as written (`when-to-get-help` or `other-topic/when-to-get-help`), for the document being
   * rendered (`env`); `insideTopic` is the topic of the topic snippet the include is written in, if any, whose
   * own snippets come first. Undefined when there is no such snippet, or a sentence saying why not.
   */
  read(name: string, env: unknown, insideTopic: string | undefined): IncludedSnippet | string | undefined;
}

/** The snippets being included, innermost last, with their files: an error inside one names its own file. */
const includeStack: { name: string; file: string; topic: string | undefined }[] = [];

export function snippetsPlugin(md: MarkdownIt, snippets: SnippetSource): void {
  md.block.ruler.before(
    "paragraph",
    "snippet_include",
    (state: StateBlock, startLine: number, _endLine: number, silent: boolean) => {
      // Only at the top level: nested in a list or quote, the included blocks would lose their indentation.
      if (state.level !== 0 || state.sCount[startLine]! - state.blkIndent >= 4) return false;
      const text = state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]);
      const name = SNIPPET_INCLUDE.exec(text)?.[1];
      if (!name) return false;
      if (silent) return true;

      // Inside a snippet, lines count from the snippet's own first line.
      const inside = includeStack.at(-1);
      const where = () => (inside ? { file: inside.file, line: startLine + 1 } : describeSource(state.env, { map: [startLine, startLine + 1] } as never));
      if (!QUALIFIED_NAME.test(name)) {
        const at = where();
        throw new ContentError(at.file, `snippet name \`${name}\` must be lower-case words joined by hyphens (another topic's: \`other-topic/name\`)`, { line: at.line });
      }
      const snippet = snippets.read(name, state.env, inside?.topic);
      if (!snippet || typeof snippet === "string") {
        const at = where();
        throw new ContentError(at.file, snippet ?? `unknown snippet \`![[${name}]]\`: create content/_snippets/${name}.md, or fix the name`, { line: at.line });
      }
      if (includeStack.some((entry) => entry.file === snippet.file)) {
        const at = where();
        const chain = [...includeStack.map((entry) => entry.name), name].map((n) => `![[${n}]]`).join(" → ");
        const problem = includeStack.at(-1)?.file === snippet.file ? `snippet \`${name}\` includes itself, which never ends: remove this include` : `snippets include each other in a loop (${chain}), which never ends: remove this include`;
        throw new ContentError(at.file, problem, { line: at.line });
      }

      const open = state.push("html_block", "", 0);
      open.content = `<div class="snippet" data-snippet="${name}">\n`;
      open.map = [startLine, startLine + 1];
      const first = state.tokens.length;
      includeStack.push({ name, file: snippet.file, topic: snippet.topic });
      try {
        // markdown-it normalises line ends only in the document it was given; a CRLF snippet would keep `\r`.
        state.md.block.parse(normaliseText(snippet.text), state.md, state.env, state.tokens);
      } finally {
        includeStack.pop();
      }
      for (const token of state.tokens.slice(first)) {
        token.meta = { ...(token.meta ?? {}), snippetFile: token.meta?.snippetFile ?? snippet.file };
      }
      const close = state.push("html_block", "", 0);
      close.content = "</div>\n";
      state.line = startLine + 1;
      return true;
    },
    { alt: ["paragraph"] },
  );
}
