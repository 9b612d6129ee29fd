/**
 * The two pieces of syntax this project adds to Markdown, written once so the content pre-check and the
 * markdown-it rules agree on exactly what they match.
 *
 *   [@R01] or [@R01; @R09]   a citation of one or more reference keys of the document's topic;
 *                            [@other-topic/R01] cites another topic's (src/content/names.ts)
 *   ![[when-to-get-help]]    on a line of its own: include the topic's content/<topic>/_snippets/when-to-get-help.md,
 *                            or the shared content/_snippets/when-to-get-help.md; ![[other-topic/name]] another topic's
 */

/** Matches a whole citation at the start of the string. Group 1 holds the keys with their separators. */
const KEY = "(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?[A-Za-z0-9_-]+";
export const CITATION = new RegExp(`^\\[@(${KEY}(?:\\s*[;,]\\s*@${KEY})*)\\]`);
const CITATION_ANYWHERE = new RegExp(`\\[@(${KEY}(?:\\s*[;,]\\s*@${KEY})*)\\]`, "g");

/** A snippet include: the whole line, nothing else on it. */
export const SNIPPET_INCLUDE = /^!\[\[\s*([^\]\s]+)\s*\]\]\s*$/;

export function parseCitationKeys(inner: string): string[] {
  return inner.split(/[;,]/).map((part) => part.trim().replace(/^@/, ""));
}

/** Lines inside fenced code blocks are text to show, not syntax to act on. */
export function* linesOutsideFences(body: string): Generator<{ text: string; line: number }> {
  let fence: string | undefined;
  const lines = body.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? "";
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker) {
      if (!fence) fence = marker[0];
      else if (marker[0] === fence) fence = undefined;
      continue;
    }
    if (!fence) yield { text, line: index + 1 };
  }
}

/** Every citation key with the 1-based line of the body it sits on. */
export function findCitations(body: string): { key: string; line: number }[] {
  const found: { key: string; line: number }[] = [];
  for (const { text, line } of linesOutsideFences(body)) {
    for (const match of text.matchAll(CITATION_ANYWHERE)) {
      for (const key of parseCitationKeys(match[1] ?? "")) found.push({ key, line });
    }
  }
  return found;
}

export function findSnippetIncludes(body: string): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  for (const { text, line } of linesOutsideFences(body)) {
    const name = SNIPPET_INCLUDE.exec(text.trim())?.[1];
    if (name) found.push({ name, line });
  }
  return found;
}
