/**
 * markdown-it plugin: a site-absolute link written as a document's name (`/handouts/overview/`, `/slides/x/`,
 * `/when-to-get-help/`) goes to that document in the linking document's own topic and language (contract
 * "Names", src/content/names.ts decides), wherever the URL scheme puts it. A name only another topic has is a
 * content error naming the link's line; an explicit address (`/other-topic/handouts/overview/`) is kept.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { ContentError } from "../errors.ts";
import { describeSource } from "./source-location.ts";

export type DocumentLinkResolver = (href: string, env: unknown) => { found?: string | undefined; problem?: string | undefined } | undefined;

export function documentLinksPlugin(md: MarkdownIt, resolve: DocumentLinkResolver): void {
  md.core.ruler.push("document_links", (state: StateCore) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type !== "link_open") continue;
        const href = token.attrGet("href");
        if (typeof href !== "string" || !href) continue;
        const named = resolve(href, state.env);
        if (named?.problem) {
          const where = describeSource(state.env, sourceOf(block, token));
          throw new ContentError(where.file, named.problem, { line: where.line });
        }
        if (named?.found) token.attrSet("href", named.found);
      }
    }
  });
}

/** The block's line, and the snippet's file when the link came from one. */
function sourceOf(block: Token, token: Token): Token {
  return { map: block.map, meta: { snippetFile: token.meta?.snippetFile ?? block.meta?.snippetFile } } as unknown as Token;
}
