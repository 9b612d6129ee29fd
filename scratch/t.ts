import { createMarkdown } from "/work/wt/parts-blocks/src/markdown/markdown.ts";
const md = createMarkdown({ hasReference: () => true, snippets: { read: () => undefined }, termsFor: () => [{ term: "bone marrow edema", definition: "Extra fluid inside a bone.", synonyms: ["oedema", "BME"] }] });
const src = `Lead about bone marrow edema here.

![A knee](../figures/knee.svg "The knee, seen from the front")

::: plan My plan
- [ ] None: keep all weight off the leg
- [ ] Toe-touch
Pain medicine that is OK for me: ____
Next visit or scan: ____
____
:::

::: remember Remember
- one
- two BME
:::

1. Do this.
2. Then that.
`;
console.log(md.render(src, { page: { inputPath: "/tmp/pb/c/topic/handouts/x.md" }, kind: "handout" }));
