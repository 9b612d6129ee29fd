/**
 * Where a markdown-it token came from, for error messages. Eleventy passes the template's data as the
 * markdown-it `env`, so `env.page.inputPath` names the file; markdown-it counts lines from the start of the body,
 * so the front matter's length is added back. Tokens included from a snippet carry the snippet's own path.
 */
import { readFileSync } from "node:fs";
import type { Token } from "markdown-it";
import { normaliseText } from "../content/read-text.ts";

export function describeSource(env: unknown, token: Token | undefined): { file: string; line: number | undefined } {
  const bodyLine = token?.map ? token.map[0] + 1 : undefined;
  const snippetFile = token?.meta?.snippetFile as string | undefined;
  if (snippetFile) return { file: snippetFile, line: bodyLine };
  const inputPath = (env as { page?: { inputPath?: string } } | undefined)?.page?.inputPath;
  if (!inputPath) return { file: "(markdown)", line: bodyLine };
  const file = inputPath.replace(/^\.\//, "");
  if (bodyLine === undefined) return { file, line: undefined };
  try {
    const lines = normaliseText(readFileSync(inputPath, "utf8")).split("\n");
    const close = lines[0]?.startsWith("---") ? lines.findIndex((l, i) => i > 0 && /^---\s*$/.test(l)) : -1;
    return { file, line: bodyLine + (close === -1 ? 0 : close + 1) };
  } catch {
    return { file, line: bodyLine };
  }
}
