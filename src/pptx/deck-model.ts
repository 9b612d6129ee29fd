/**
 * A deck as a list of slides of positioned, typed blocks (title, text with bullet levels, tables, pictures, boxes)
 * and speaker notes: what write-pptx.ts turns into an editable PowerPoint.
 *
 * The model is read from the deck as Chromium laid it out for the slides PDF, not from the Markdown: the title,
 * "Patient handouts" and references slides are made by the template, a long slide is set a step smaller and the
 * references run on to "continued" slides only in the browser. Read there, the PowerPoint has exactly the slides
 * (and the sizes, colours and places) of the PDF, and nothing of the deck's layout is written twice.
 *
 * That layout is the deck's static print page (slides/<slug>/print.html, src/eleventy/deck-print-page.ts): each
 * slide a `.pdf-page` box holding the deck's own `<section>` with its `.slide-body`, laid out by deck-print.js.
 * The renderer reads it right after printing the slides PDF, before the page turns into the slides-with-notes
 * handout (printDeckPdfs' afterSlides in src/pdf/print-deck.ts).
 */
import type { Page } from "puppeteer-core";

/** One run of text with its own look. Colours are RRGGBB. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  superscript?: boolean;
  color?: string;
  /** Absolute http(s) or mailto address. */
  link?: string;
}

/** Position and size in CSS px of the 1280×720 slide. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Paragraph {
  runs: TextRun[];
  /** CSS px. */
  fontSize: number;
  /** 0 = not a list item; 1, 2… = bullet level. */
  level: number;
  /** Numbered list item (its number). */
  number?: number;
  align?: "left" | "center" | "right";
}

export type Block =
  | ({ type: "title"; text: string; fontSize: number; color: string } & Box)
  /** `singleLine`: one line in the browser (a label, a band's heading); the PowerPoint must not wrap it. */
  | ({ type: "text"; paragraphs: Paragraph[]; color: string; singleLine?: boolean } & Box)
  | ({ type: "table"; rows: TableCell[][]; columns: number[]; rowHeights: number[] } & Box)
  /** A figure, QR code or other drawing, as a PNG (filled in by readDeckModel from a screenshot). */
  | ({ type: "picture"; alt: string; png?: string } & Box)
  /** A coloured box or bar behind text (a callout's background, a heading's rule). */
  | ({ type: "shape"; fill?: string; line?: string; lineWidth?: number; radius?: number } & Box);

export interface TableCell {
  runs: TextRun[];
  fontSize: number;
  fill?: string;
  color: string;
  bold: boolean;
  header: boolean;
}

export interface SlideModel {
  /** 1-based, as the slide number on screen. */
  number: number;
  kind: "title" | "content" | "handouts" | "references";
  blocks: Block[];
  /** Speaker notes, one paragraph per line. */
  notes: string;
}

export interface DeckModel {
  title: string;
  /** The clinic's colours as the deck uses them (RRGGBB): --brand, --brand-dark, --brand-tint. */
  brand: { main: string; dark: string; tint: string };
  slides: SlideModel[];
}

/** Pictures are captured at this multiple of the 1280×720 slide (2560×1440 for a full-slide picture). */
const PICTURE_SCALE = 2;

/**
 * Reads the model from a deck's print page in Chromium in its slides layout (as the slides PDF prints it), and
 * captures every picture as a PNG from the same layout. The selectors (`.reveal .slides section` with a
 * `.slide-body`) also fit reveal's own `?print-pdf` layout of the deck page.
 */
export async function readDeckModel(page: Page): Promise<DeckModel> {
  const { model, pictures } = await page.evaluate(extractDeck);
  const { scrollX, scrollY } = await page.evaluate(() => ({ scrollX: window.scrollX, scrollY: window.scrollY }));
  for (const picture of pictures) {
    const block = model.slides[picture.slide]!.blocks[picture.block] as Extract<Block, { type: "picture" }>;
    const shot = await page.screenshot({
      type: "png",
      encoding: "base64",
      captureBeyondViewport: true,
      clip: { x: picture.pageX + scrollX, y: picture.pageY + scrollY, width: block.w, height: block.h, scale: PICTURE_SCALE },
    });
    block.png = shot;
  }
  return model;
}

/**
 * Runs in the page (serialized by puppeteer: everything it uses is defined inside it). Walks each slide's
 * `.slide-body` and turns what it finds into blocks; pictures are returned with their place in the document so
 * the caller can screenshot them.
 */
function extractDeck(): { model: DeckModel; pictures: { slide: number; block: number; pageX: number; pageY: number }[] } {
  const hex = (css: string): string | undefined => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(css);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.05)) return undefined;
    return [m[1], m[2], m[3]].map((v) => Math.round(Number(v)).toString(16).padStart(2, "0")).join("").toUpperCase();
  };
  const px = (value: string): number => Number.parseFloat(value) || 0;
  const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|flow-root)/;
  const isPicture = (el: Element): boolean => ["svg", "img", "canvas", "picture", "video"].includes(el.localName);
  const hasPicture = (el: Element): boolean => isPicture(el) || !!el.querySelector("svg, img, canvas, picture, video");
  const isBlock = (el: Element): boolean => BLOCK_DISPLAY.test(getComputedStyle(el).display) || isPicture(el);
  const hidden = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return style.display === "none" || style.visibility === "hidden" || el.classList.contains("notes") || el.getAttribute("aria-hidden") === "true";
  };

  /** The text runs of an element's inline content; nested lists are left to the caller. */
  const runsOf = (root: Element): TextRun[] => {
    const runs: TextRun[] = [];
    const walk = (node: Node, link: string | undefined): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement!;
        const style = getComputedStyle(parent);
        const spaced = (node.textContent ?? "").replace(/\s+/g, " ");
        // What CSS shows in capitals is written in capitals (the clinic's name on the title slide).
        const text = style.textTransform === "uppercase" ? spaced.toUpperCase() : style.textTransform === "lowercase" ? spaced.toLowerCase() : spaced;
        if (!text) return;
        const run: TextRun = { text };
        if (Number(style.fontWeight) >= 600) run.bold = true;
        if (style.fontStyle === "italic") run.italic = true;
        if (parent.closest("sup")) run.superscript = true;
        const color = hex(style.color);
        if (color) run.color = color;
        if (link) run.link = link;
        runs.push(run);
        return;
      }
      if (!(node instanceof Element) || hidden(node)) return;
      if (node.localName === "ul" || node.localName === "ol") return;
      if (node.localName === "br") {
        runs.push({ text: "\n" });
        return;
      }
      const href = node.localName === "a" ? (node as HTMLAnchorElement).href : undefined;
      const next = href && /^(https?|mailto):/.test(href) && !/#ref-/.test(href) ? href : link;
      node.childNodes.forEach((child) => walk(child, next));
    };
    walk(root, undefined);
    // Spaces at the ends of a paragraph come from the source's line breaks.
    while (runs.length && !runs[0]!.text.trim()) runs.shift();
    while (runs.length && !runs.at(-1)!.text.trim()) runs.pop();
    if (runs[0]) runs[0].text = runs[0].text.replace(/^\s+/, "");
    if (runs.at(-1)) runs.at(-1)!.text = runs.at(-1)!.text.replace(/\s+$/, "");
    return runs.filter((r) => r.text !== "");
  };

  const slides: SlideModel[] = [];
  const pictures: { slide: number; block: number; pageX: number; pageY: number }[] = [];
  const sections = [...document.querySelectorAll<HTMLElement>(".reveal .slides section")].filter((s) => s.querySelector(":scope > .slide-body"));

  sections.forEach((section, slideIndex) => {
    const body = section.querySelector<HTMLElement>(":scope > .slide-body")!;
    const origin = body.getBoundingClientRect();
    const boxOf = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
    };
    const blocks: Block[] = [];
    let titled = false;

    const shapeFor = (el: Element): void => {
      const style = getComputedStyle(el);
      const fill = hex(style.backgroundColor);
      const lineWidth = px(style.borderLeftWidth);
      const line = lineWidth > 0 && style.borderLeftStyle !== "none" ? hex(style.borderLeftColor) : undefined;
      if (!fill && !line) return;
      blocks.push({ type: "shape", ...boxOf(el), ...(fill ? { fill } : {}), ...(line ? { line, lineWidth } : {}), radius: px(style.borderTopLeftRadius) });
    };

    const paragraphOf = (el: Element, level: number, number?: number): Paragraph => {
      const style = getComputedStyle(el);
      const align = style.textAlign === "center" || style.textAlign === "right" ? style.textAlign : undefined;
      return { runs: runsOf(el), fontSize: px(style.fontSize), level, ...(number === undefined ? {} : { number }), ...(align ? { align } : {}) };
    };

    const listParagraphs = (list: Element, level: number): Paragraph[] => {
      const out: Paragraph[] = [];
      const ordered = list.localName === "ol";
      let n = Number(list.getAttribute("start") ?? 1);
      for (const li of list.children) {
        if (li.localName !== "li" || hidden(li)) continue;
        out.push(paragraphOf(li, level, ordered ? n++ : undefined));
        for (const nested of li.querySelectorAll(":scope > ul, :scope > ol")) out.push(...listParagraphs(nested, level + 1));
      }
      return out;
    };

    /** Whether an element's text sits on one line: its content box is less than two lines high. */
    const oneLine = (el: Element): boolean => {
      const style = getComputedStyle(el);
      const lineHeight = style.lineHeight === "normal" ? px(style.fontSize) * 1.2 : px(style.lineHeight);
      const content = el.getBoundingClientRect().height - px(style.paddingTop) - px(style.paddingBottom) - px(style.borderTopWidth) - px(style.borderBottomWidth);
      return lineHeight > 0 && content < lineHeight * 1.6;
    };

    const addText = (el: Element, paragraphs: Paragraph[]): void => {
      const kept = paragraphs.filter((p) => p.runs.length);
      if (!kept.length) return;
      const singleLine = kept.length === 1 && oneLine(el);
      blocks.push({ type: "text", ...boxOf(el), paragraphs: kept, color: hex(getComputedStyle(el).color) ?? "000000", ...(singleLine ? { singleLine } : {}) });
    };

    /** A list set in CSS columns (the references): one text box per column, as PowerPoint has no text columns. */
    const addColumns = (list: Element): void => {
      const listBox = boxOf(list);
      const indent = px(getComputedStyle(list).paddingLeft);
      const ordered = list.localName === "ol";
      let n = Number(list.getAttribute("start") ?? 1);
      const columns = new Map<number, { items: Element[]; paragraphs: Paragraph[] }>();
      for (const li of list.children) {
        if (li.localName !== "li" || hidden(li)) continue;
        const key = Math.round(li.getBoundingClientRect().left);
        const column = columns.get(key) ?? { items: [], paragraphs: [] };
        column.items.push(li);
        column.paragraphs.push(paragraphOf(li, 1, ordered ? n++ : undefined));
        columns.set(key, column);
      }
      const color = hex(getComputedStyle(list).color) ?? "000000";
      for (const column of columns.values()) {
        const first = boxOf(column.items[0]!);
        const x = first.x - indent;
        blocks.push({ type: "text", x, y: first.y, w: first.w + indent, h: listBox.y + listBox.h - first.y, paragraphs: column.paragraphs.filter((p) => p.runs.length), color });
      }
    };

    const addPicture = (el: Element): void => {
      const box = boxOf(el);
      if (box.w < 1 || box.h < 1) return;
      const alt = el.getAttribute("aria-label") ?? el.getAttribute("alt") ?? el.querySelector("title")?.textContent ?? "";
      const r = el.getBoundingClientRect();
      pictures.push({ slide: slideIndex, block: blocks.length, pageX: r.left, pageY: r.top });
      blocks.push({ type: "picture", ...box, alt: alt.trim() });
    };

    const addTable = (table: HTMLTableElement): void => {
      const rows: TableCell[][] = [];
      const rowHeights: number[] = [];
      for (const tr of table.rows) {
        rowHeights.push(tr.getBoundingClientRect().height);
        rows.push(
          [...tr.cells].map((cell) => {
            const style = getComputedStyle(cell);
            const fill = hex(style.backgroundColor) ?? hex(getComputedStyle(tr).backgroundColor);
            return {
              runs: runsOf(cell),
              fontSize: px(style.fontSize),
              ...(fill ? { fill } : {}),
              color: hex(style.color) ?? "000000",
              bold: Number(style.fontWeight) >= 600,
              header: cell.localName === "th",
            };
          }),
        );
      }
      const columns = [...(table.rows[0]?.cells ?? [])].map((cell) => cell.getBoundingClientRect().width);
      blocks.push({ type: "table", ...boxOf(table), rows, columns, rowHeights });
    };

    /** A heading's decorative rule (an ::after bar under it), as a shape. */
    const headingRule = (el: Element): number => {
      const after = getComputedStyle(el, "::after");
      if (after.content === "none" || after.content === "normal" || after.display !== "block") return 0;
      const height = px(after.height);
      const fill = hex(after.backgroundColor);
      if (!height || !fill) return 0;
      const box = boxOf(el);
      const ruleY = box.y + box.h - height;
      blocks.push({ type: "shape", x: box.x, y: ruleY, w: px(after.width), h: height, fill, radius: px(after.borderTopLeftRadius) });
      return height + px(after.marginTop);
    };

    const visit = (el: Element): void => {
      if (hidden(el)) return;
      const name = el.localName;
      if (isPicture(el)) return addPicture(el);
      if (name === "table") return addTable(el as HTMLTableElement);
      if (!titled && (name === "h1" || name === "h2")) {
        titled = true;
        const rule = headingRule(el);
        const style = getComputedStyle(el);
        const box = boxOf(el);
        blocks.push({ type: "title", ...box, h: box.h - rule, text: (el.textContent ?? "").trim().replace(/\s+/g, " "), fontSize: px(style.fontSize), color: hex(style.color) ?? "000000" });
        return;
      }
      if ((name === "ul" || name === "ol") && !hasPicture(el)) {
        shapeFor(el);
        if (Number(getComputedStyle(el).columnCount) > 1) return addColumns(el);
        return addText(el, listParagraphs(el, 1));
      }
      const children = [...el.children].filter((c) => !hidden(c));
      const container = hasPicture(el) || children.some(isBlock) || name === "ul" || name === "ol";
      if (!container) {
        if (/^h[1-6]$/.test(name)) headingRule(el);
        return addText(el, [paragraphOf(el, 0)]);
      }
      shapeFor(el);
      // Text directly inside a container beside block children (rare: a figure's loose caption) is kept too.
      for (const child of el.childNodes) {
        if (child instanceof Element) visit(child);
      }
    };

    for (const child of body.children) visit(child);
    // One line per paragraph or list item; a paragraph's own line breaks (from the source) are spaces.
    const notes = [...section.querySelectorAll("aside.notes")]
      .flatMap((aside) => ([...aside.children].length ? [...aside.children] : [aside]))
      // The speaker view's pointer to the prebuilt files (this PowerPoint among them) is no note to keep.
      .filter((part) => !part.classList.contains("deck-files-note"))
      .flatMap((part) => (part.localName === "ul" || part.localName === "ol" ? [...part.children].map((li) => `• ${li.textContent ?? ""}`) : [part.textContent ?? ""]))
      .map((text) => text.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .join("\n");
    const kind = section.classList.contains("slide-title")
      ? "title"
      : section.classList.contains("slide-handouts")
        ? "handouts"
        : section.classList.contains("slide-references")
          ? "references"
          : "content";
    slides.push({ number: slideIndex + 1, kind, blocks, notes });
  });
  const brandColour = (name: string, fallback: string): string => {
    const probe = document.createElement("span");
    probe.style.color = `var(${name})`;
    document.body.appendChild(probe);
    const colour = hex(getComputedStyle(probe).color);
    probe.remove();
    return colour ?? fallback;
  };
  const brand = { main: brandColour("--brand", "1F5F8B"), dark: brandColour("--brand-dark", "17212B"), tint: brandColour("--brand-tint", "EEF3F7") };
  return { model: { title: document.title, brand, slides }, pictures };
}
