/**
 * markdown-it plugin: an ordered list written in Markdown (`1.`, `2.` …) is a list of steps to follow, and prints
 * as numbered steps (class `steps`: big numerals in circles, blocks.css). Lists of tick boxes stay tick lists.
 * Only the author's lists get the class, never the templates' own ordered lists (source lists, navigation).
 */
import type { MarkdownIt, StateCore } from "markdown-it";

export function stepsPlugin(md: MarkdownIt): void {
  md.core.ruler.push("numbered_steps", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "ordered_list_open") continue;
      if (String(token.attrGet("class") ?? "").split(" ").includes("tick-list")) continue;
      token.attrJoin("class", "steps");
    }
  });
}
