/**
 * markdown-it plugin: list items that start with `[ ]` print as empty boxes for a clinician to tick
 * (the weight-bearing level on a recovery plan, for example).
 */
import type { MarkdownIt } from "markdown-it";
import type { StateCore, Token } from "markdown-it";

/** Characters beyond which an option is too long to share a line of a plan box with another. */
const LONG_OPTION = 26;

export function tickBoxesPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "tick_boxes", (state: StateCore) => {
    const lists: Token[] = [];
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.type === "bullet_list_open" || token.type === "ordered_list_open") lists.push(token);
      else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") lists.pop();
      if (token.type !== "list_item_open") continue;
      const inline = tokens[i + 2];
      if (tokens[i + 1]?.type !== "paragraph_open" || inline?.type !== "inline") continue;
      const first = inline.children?.[0];
      if (!first || first.type !== "text" || !/^\[ \]\s+/.test(first.content)) continue;
      first.content = first.content.replace(/^\[ \]\s+/, "");
      const box = new state.Token("html_inline", "", 0);
      box.content = '<span class="tickbox" aria-hidden="true"></span>';
      inline.children!.unshift(box);
      token.attrJoin("class", "tick-item");
      const list = lists.at(-1);
      if (list && !String(list.attrGet("class") ?? "").split(" ").includes("tick-list")) list.attrJoin("class", "tick-list");
      // Short options ("Toe-touch", "Boot") print side by side on paper; a list with a long one (a question)
      // keeps one option a line, so no option wraps into a narrow cell.
      const label = first.content.split("\n")[0] ?? "";
      if (list && label.length > LONG_OPTION && !String(list.attrGet("class") ?? "").split(" ").includes("tick-list-long")) list.attrJoin("class", "tick-list-long");
    }
  });
}
