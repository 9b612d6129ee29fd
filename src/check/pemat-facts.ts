/**
 * What the pemat gate reads from a patient handout, in Chromium at print media (the printed sheet is what
 * PEMAT-P rates): only what prints counts. Runs inside the page (Puppeteer serializes it), so it uses nothing
 * from this module's scope; the selectors are passed in.
 */

/**
 * The three-level "When to get help" box is drawn by the `![[red-flags]]` include (src/markdown/red-flags.ts on
 * the parts-print branch): the box carries `data-help-box`, each level `data-help-level`, and each phone number
 * sits in a `.phone`. A level counts as having its number when it holds a `.phone` or a run of 3+ digits.
 */
export const HELP_BOX = { box: "[data-help-box]", level: "[data-help-level]" } as const;

export interface PematFacts {
  /** The first block of the sheet's body: its tag and word count (the key message should come first, short). */
  lead: { tag: string; words: number } | null;
  headings: string[];
  /** Figures with a non-empty caption and a drawing or image that has alt text. */
  captionedFigures: number;
  figures: number;
  planBoxes: number;
  tickLists: number;
  /** Numbered steps (ordered lists written in Markdown) with at least two items. */
  stepLists: number;
  help: { found: boolean; levels: number; levelsWithNumber: number };
  /** Citation marks and source-list entries that print. */
  printedCitations: number;
  printedSources: number;
  /** Printed superscripts that follow a digit directly (“6 to 12 months ¹˒²”), with the words before them. */
  numberThenSuperscript: string[];
  /** Printed list items longer than the limit, with their word count and first words. */
  bullets: { words: number; start: string }[];
}

export function collectPematFacts(help: { box: string; level: string }): PematFacts {
  const printed = (element: Element): boolean => {
    if ((element as HTMLElement).closest("[hidden]")) return false;
    const style = getComputedStyle(element);
    return style.display !== "none" && style.visibility !== "hidden" && element.getClientRects().length > 0;
  };
  const textOf = (element: Element): string => {
    const clone = element.cloneNode(true) as Element;
    for (const skip of clone.querySelectorAll("sup.cite, .term-def, svg, script, style")) skip.remove();
    return (clone.textContent ?? "").replace(/\s+/g, " ").trim();
  };
  const words = (text: string): number => text.split(" ").filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const body = document.querySelector(".sheet-body");
  const all = (selector: string): Element[] => (body ? [...body.querySelectorAll(selector)].filter(printed) : []);

  const first = body ? [...body.children].find((child) => printed(child) && textOf(child) !== "") : undefined;
  const figures = all("figure");
  const captioned = figures.filter((figure) => {
    const caption = figure.querySelector("figcaption");
    const art = figure.querySelector("svg[role='img'][aria-label], img[alt]");
    const alt = art?.getAttribute("aria-label") ?? art?.getAttribute("alt") ?? "";
    return caption !== null && textOf(caption) !== "" && alt.trim() !== "";
  });
  const box = document.querySelector(help.box);
  const levels = box && printed(box) ? [...box.querySelectorAll(help.level)].filter(printed) : [];
  const sups = [...document.querySelectorAll("sup")].filter(printed);
  const numberThenSuperscript: string[] = [];
  for (const sup of sups) {
    let before = "";
    for (let node = sup.previousSibling; node && before.length < 40; node = node.previousSibling) before = (node.textContent ?? "") + before;
    if (/\d[\s\u00a0]*$/.test(before)) numberThenSuperscript.push(`${before.trim().split(/\s+/).slice(-4).join(" ")} ${sup.textContent ?? ""}`.trim());
  }
  return {
    lead: first ? { tag: first.tagName.toLowerCase(), words: words(textOf(first)) } : null,
    headings: all("h2, h3, h4").map(textOf),
    captionedFigures: captioned.length,
    figures: figures.length,
    planBoxes: all(".plan-box").length,
    tickLists: all(".tick-list").length,
    stepLists: all("ol.steps").filter((ol) => [...ol.children].filter((li) => li.tagName === "LI").length >= 2).length,
    help: { found: box !== null && printed(box), levels: levels.length, levelsWithNumber: levels.filter((level) => level.querySelector(".phone") !== null || /\d{3,}/.test(textOf(level))).length },
    printedCitations: [...document.querySelectorAll("sup.cite")].filter(printed).length,
    printedSources: [...document.querySelectorAll("[id^='ref-'], .sheet-sources, .sources")].filter(printed).length,
    numberThenSuperscript,
    bullets: all("li").map((li) => {
      const text = textOf(li);
      return { words: words(text), start: text.split(" ").slice(0, 8).join(" ") };
    }),
  };
}
