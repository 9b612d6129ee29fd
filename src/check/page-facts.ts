/**
 * What the gates need to know about a built HTML page, read from the page's DOM in Chromium (the same parse a
 * reader's browser makes, so no HTML parsing by pattern): its links and images, its ids, its citations and
 * source list, its "own text" as blocks for the reading grade, the handout's required parts, and its slides.
 *
 * Which parts of a page are its own text is decided here, in OWN_TEXT, because it depends on the templates:
 * - handouts: the title, the sheet body and the contact lines: the text before the sources line, without the
 *   clinic's name and the QR code's caption (labels, not prose);
 * - pages: the article, without the "Print or present" links, the source list and the review line;
 * - decks: the slides without speaker notes (measured only for a deck whose audience is patient).
 * Navigation (`nav`, such as the previous/next pager) is never prose.
 */

export interface OwnTextSelectors {
  /** Elements whose text is measured, in document order; an element inside another one is not read twice. */
  include: string[];
  /** Elements skipped inside them. */
  exclude: string[];
}

/** Never read as prose: citation numbers, scripts and drawings, speaker notes, navigation. */
const NOT_PROSE = ["sup.cite", ".term-def", "script", "style", "template", "noscript", "svg", ".notes", "nav"];
/** Hidden from the reader (a deck hides every slide but the current one, so decks keep these). */
const HIDDEN = ["[hidden]", "[aria-hidden='true']", ".screen-only"];

export const OWN_TEXT: Record<"page" | "handout" | "deck", OwnTextSelectors> = {
  // The help box's level names and call lines are labels with phone numbers, like the footer's clinic name.
  handout: { include: [".sheet-header h1", ".sheet-body", ".sheet-contact"], exclude: [...NOT_PROSE, ...HIDDEN, ".help-head", ".help-note"] },
  page: { include: ["main article", "main:not(:has(article))"], exclude: [...NOT_PROSE, ...HIDDEN, ".related", ".sources", ".review", ".audience-note", ".help-head", ".help-note"] },
  deck: { include: [".reveal .slides"], exclude: [...NOT_PROSE, ".deck-review", ".slide-references", ".slide-handouts"] },
};

export interface LinkFact {
  tag: string;
  attribute: "href" | "src";
  /** The attribute as written in the HTML. */
  raw: string;
  /** The absolute URL the browser resolved it to. */
  resolved: string;
  rel: string;
}

export interface ImageFact {
  raw: string;
  resolved: string;
  /** null when the `alt` attribute is missing altogether (alt="" marks a decorative image and is fine). */
  alt: string | null;
}

export interface PageFacts {
  url: string;
  lang: string;
  title: string;
  ids: string[];
  links: LinkFact[];
  images: ImageFact[];
  /** `data-cite` keys in the order they appear. */
  citations: string[];
  /** Keys that have a source-list entry (`id="ref-KEY"`) on the page. */
  listedSources: string[];
  blocks: { text: string; heading: boolean }[];
  handout: {
    /**
     * parts-print: the help box (`![[red-flags]]`), found by what it is, not by a heading in one language: its
     * levels, its warning signs, and the levels that print no phone number.
     */
    helpBox: boolean;
    helpLevels: number;
    helpItems: number;
    helpLevelsWithoutPhone: string[];
    sourcesLine: boolean;
    sourcesInLine: number;
    /** The "How we checked this" line of a patient's sheet (pointing to the topic's sources page). */
    checkedLine: boolean;
  };
  /** The review line's text (handout footer, page review line or deck title slide), "" when there is none. */
  reviewText: string;
  /** Slides in a reveal.js deck (sections with no sections inside), 0 elsewhere. */
  slides: number;
}

/**
 * Runs inside the page (Puppeteer serializes it), so it must not use anything from this module's scope.
 */
export function collectPageFacts(own: OwnTextSelectors): PageFacts {
  const BLOCK_TAGS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "DD", "DIV", "DL", "DT", "FIGCAPTION", "FIGURE", "FOOTER",
    "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "TD", "TH", "TR", "UL",
  ]);
  const excluded = own.exclude.join(",");
  const blocks: { text: string; heading: boolean }[] = [];
  let buffer = "";
  let heading = false;
  const flush = (): void => {
    const text = buffer.replace(/\s+/g, " ").trim();
    if (text) blocks.push({ text, heading });
    buffer = "";
    heading = false;
  };
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      buffer += (node as Text).data;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const element = node as Element;
    if (excluded && element.matches(excluded)) return;
    if (element.tagName === "BR") buffer += " ";
    const block = BLOCK_TAGS.has(element.tagName);
    if (block) {
      flush();
      heading = /^H[1-6]$/.test(element.tagName);
    }
    for (const child of element.childNodes) visit(child);
    if (block) flush();
  };
  const roots: Element[] = [];
  for (const element of document.querySelectorAll(own.include.join(","))) {
    if (!roots.some((root) => root.contains(element))) roots.push(element);
  }
  for (const root of roots) visit(root);
  flush();

  const links = [...document.querySelectorAll("[href], [src]")]
    .filter((element) => element.tagName !== "IMG")
    .flatMap((element) =>
      (["href", "src"] as const)
        .filter((attribute) => element.hasAttribute(attribute))
        .map((attribute) => {
          const raw = element.getAttribute(attribute) ?? "";
          let resolved = raw;
          try {
            resolved = new URL(raw, document.baseURI).href;
          } catch {
            // Left as written; the links gate reports it.
          }
          return { tag: element.tagName.toLowerCase(), attribute, raw, resolved, rel: element.getAttribute("rel") ?? "" };
        }),
    );
  const images = [...document.querySelectorAll("img")].map((img) => ({
    raw: img.getAttribute("src") ?? "",
    resolved: img.src,
    alt: img.getAttribute("alt"),
  }));

  const helpBox = document.querySelector(".sheet-body [data-help-box]");
  const helpLevels = helpBox ? [...helpBox.querySelectorAll("[data-help-level]")] : [];
  const sourcesLine = document.querySelector(".sheet-sources");
  const review = document.querySelector(".sheet-review, .review, .deck-review");

  return {
    url: location.href,
    lang: document.documentElement.lang,
    title: document.title,
    ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
    links,
    images,
    citations: [...document.querySelectorAll("[data-cite]")].map((element) => element.getAttribute("data-cite") ?? ""),
    listedSources: [...document.querySelectorAll("[id^='ref-']")].map((element) => element.id.slice(4)),
    blocks,
    handout: {
      helpBox: helpBox !== null,
      helpLevels: helpLevels.length,
      helpItems: helpBox ? helpBox.querySelectorAll("li").length : 0,
      helpLevelsWithoutPhone: helpLevels.filter((level) => !level.querySelector(".phone")).map((level) => level.getAttribute("data-help-level") ?? "?"),
      sourcesLine: sourcesLine !== null,
      sourcesInLine: sourcesLine ? sourcesLine.querySelectorAll("[id^='ref-']").length : 0,
      checkedLine: document.querySelector(".sheet-checked a[href*='sources/']") !== null,
    },
    // A handout's footer says when it was reviewed on its review line and when it is next due on its version line.
    reviewText: [review, document.querySelector(".sheet-version")].map((el) => el?.textContent ?? "").join(" ").replace(/\s+/g, " ").trim(),
    slides: document.querySelectorAll(".reveal .slides section:not(:has(section))").length,
  };
}
