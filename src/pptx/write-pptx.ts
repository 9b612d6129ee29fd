/**
 * A deck model (deck-model.ts) as an editable PowerPoint file, with pptxgenjs: every title and text block a
 * native text box (bullets keep their levels, numbered lists their numbers), tables native tables, figures and
 * QR codes pictures, each slide's speaker notes in its notes pane, on a 16:9 (13.33 × 7.5 in) slide in the
 * clinic's colours and the deck's typeface (PowerPoint uses it when installed, else substitutes its own).
 *
 * Places and sizes come from the deck's own 1280×720 layout: 96 CSS px make an inch, so the 1280 px slide is
 * exactly PowerPoint's 13.33 in widescreen slide, and CSS px × 0.75 are points.
 */
import JSZip from "jszip";
import pptxgenjs from "pptxgenjs";
import type { Block, DeckModel, Paragraph, SlideModel, TableCell, TextRun } from "./deck-model.ts";

const inches = (px: number): number => Math.round((px / 96) * 10000) / 10000;
const points = (px: number): number => Math.round(px * 0.75 * 10) / 10;
const FONT = "Atkinson Hyperlegible";
/** The name of each slide's title box, by which slideTitles() finds it. */
const TITLE_NAME = "Slide title";
/** The deck's slide, in px (templates/assets/deck.js). */
const SLIDE = { width: 1280, height: 720 };

export interface PptxInfo {
  author: string;
  subject: string;
  /** Written as the file's created and modified dates (never the build's time, so builds repeat byte for byte). */
  date: Date;
  lang: string;
}

// pptxgenjs's types describe a CommonJS module whose `default` is the class; Node loads its ES build, whose
// default export is the class itself.
const PptxGenJS = pptxgenjs as unknown as typeof pptxgenjs.default;
type PptxGenJS = InstanceType<typeof PptxGenJS>;
type TextProps = pptxgenjs.default.TextProps;
type Slide = pptxgenjs.default.Slide;
type TableCellProps = pptxgenjs.default.TableCell;

export async function writePptx(deck: DeckModel, info: PptxInfo): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = deck.title;
  pptx.author = info.author;
  pptx.company = info.author;
  pptx.subject = info.subject;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  // The band of the clinic's colour across the top of each slide (down the left of the title slide), as on screen.
  const slideNumber = { x: inches(SLIDE.width - 140), y: inches(SLIDE.height - 40), w: inches(118), h: inches(26), fontFace: FONT, fontSize: points(18), color: "4F5B67", align: "right" as const };
  pptx.defineSlideMaster({
    title: "DECK",
    background: { color: "FFFFFF" },
    objects: [{ rect: { x: 0, y: 0, w: inches(SLIDE.width), h: inches(10), fill: { color: deck.brand.main }, line: { type: "none" } } }],
    slideNumber,
  });
  pptx.defineSlideMaster({
    title: "DECK_TITLE",
    background: { color: "FFFFFF" },
    objects: [{ rect: { x: 0, y: 0, w: inches(28), h: inches(SLIDE.height), fill: { color: deck.brand.main }, line: { type: "none" } } }],
  });
  for (const model of deck.slides) addSlide(pptx, model, info.lang);
  // Stored uncompressed here: reproducible() compresses once, when it writes the file again with fixed dates.
  const written = (await pptx.write({ outputType: "nodebuffer", compression: false })) as Uint8Array;
  return reproducible(written, info.date);
}

function addSlide(pptx: PptxGenJS, model: SlideModel, lang: string): void {
  const slide = pptx.addSlide({ masterName: model.kind === "title" ? "DECK_TITLE" : "DECK" });
  for (const block of model.blocks) addBlock(pptx, slide, block, lang);
  if (model.notes) slide.addNotes(model.notes);
}

function position(block: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
  return { x: inches(block.x), y: inches(block.y), w: inches(Math.max(block.w, 1)), h: inches(Math.max(block.h, 1)) };
}

/** A one-line text box 8 % wider than measured, growing away from its alignment edge, kept inside the slide. */
function singleLineBox(block: Extract<Block, { type: "text" }>): { x: number; w: number } {
  const extra = Math.ceil(block.w * 0.08);
  const align = block.paragraphs[0]?.align ?? "left";
  const grow = align === "right" ? { x: block.x - extra } : align === "center" ? { x: block.x - extra / 2 } : { x: block.x };
  const x = Math.max(0, grow.x);
  const w = Math.min(block.w + extra, SLIDE.width - x);
  return { x: inches(x), w: inches(w) };
}

function addBlock(pptx: PptxGenJS, slide: Slide, block: Block, lang: string): void {
  switch (block.type) {
    case "title":
      slide.addText(block.text, {
        ...position(block),
        // A little wider than on screen: PowerPoint's fallback typeface may set the words a touch wider.
        w: inches(Math.min(block.w + 24, SLIDE.width - block.x)),
        fontFace: FONT,
        fontSize: points(block.fontSize),
        bold: true,
        color: block.color,
        margin: 0,
        valign: "top",
        // As a title, the box would take the slide master's centred title style; the deck's titles are set left.
        align: "left",
        lang,
        objectName: TITLE_NAME,
      });
      return;
    case "text":
      slide.addText(block.paragraphs.flatMap((p, i) => paragraphRuns(p, i === block.paragraphs.length - 1)), {
        ...position(block),
        // A one-line label's box is exactly the width the browser measured; a typeface a hair wider (PowerPoint's
        // fallback, another renderer) would wrap it into the next line of the slide. It does not wrap, and its
        // box has 8 % to spare (kept on the slide; a right- or centre-aligned label grows on both sides or left).
        ...(block.singleLine ? { ...singleLineBox(block), wrap: false } : {}),
        fontFace: FONT,
        color: block.color,
        margin: 0,
        valign: "top",
        lang,
      });
      return;
    case "table":
      addTable(slide, block, lang);
      return;
    case "picture":
      if (!block.png) return;
      slide.addImage({ data: `image/png;base64,${block.png}`, ...position(block), altText: block.alt });
      return;
    case "shape":
      slide.addShape(block.radius && block.radius > 1 ? pptx.ShapeType.roundRect : pptx.ShapeType.rect, {
        ...position(block),
        ...(block.fill ? { fill: { color: block.fill } } : { fill: { type: "none" } }),
        line: block.line ? { color: block.line, width: points(block.lineWidth ?? 1) } : { type: "none" },
        ...(block.radius && block.radius > 1 ? { rectRadius: inches(Math.min(block.radius, Math.min(block.w, block.h) / 2)) } : {}),
      });
      return;
  }
}

/** One paragraph as pptxgenjs text runs: paragraph options (bullet, level, spacing) on its first run. */
function paragraphRuns(paragraph: Paragraph, last: boolean): TextProps[] {
  const size = points(paragraph.fontSize);
  const runs = paragraph.runs.length ? paragraph.runs : [{ text: "" }];
  return runs.map((run, i): TextProps => {
    const options: NonNullable<TextProps["options"]> = { ...runOptions(run), fontSize: run.superscript ? size : size };
    if (i === 0) {
      options.paraSpaceAfter = Math.round(size * (paragraph.level ? 0.42 : 0.6));
      options.lineSpacingMultiple = 1.08;
      if (paragraph.align) options.align = paragraph.align;
      if (paragraph.level > 0) {
        options.indentLevel = paragraph.level - 1;
        options.bullet = paragraph.number === undefined ? { indent: Math.round(size * 1.05) } : { type: "number", numberStartAt: paragraph.number, indent: Math.round(size * 1.3) };
      }
    }
    if (i === runs.length - 1 && !last) options.breakLine = true;
    return { text: run.text, options };
  });
}

function runOptions(run: TextRun): NonNullable<TextProps["options"]> {
  return {
    ...(run.bold ? { bold: true } : {}),
    ...(run.italic ? { italic: true } : {}),
    ...(run.superscript ? { superscript: true } : {}),
    ...(run.color ? { color: run.color } : {}),
    ...(run.link ? { hyperlink: { url: run.link } } : {}),
  };
}

function addTable(slide: Slide, block: Extract<Block, { type: "table" }>, lang: string): void {
  const rows = block.rows.map((row) =>
    row.map((cell: TableCell): TableCellProps => {
      const size = points(cell.fontSize);
      return {
        text: cell.runs.map((run) => ({ text: run.text, options: { ...runOptions(run), fontSize: size } })),
        options: {
          fontFace: FONT,
          fontSize: size,
          color: cell.color,
          bold: cell.bold,
          valign: "top",
          lang,
          ...(cell.fill ? { fill: { color: cell.fill } } : {}),
          border: [{ type: "none" }, { type: "none" }, cell.header ? { type: "none" } : { type: "solid", pt: 1.5, color: "C9D2DA" }, { type: "none" }],
          margin: [inches(cell.fontSize * 0.42), inches(cell.fontSize * 0.7), inches(cell.fontSize * 0.42), inches(cell.fontSize * 0.7)],
        },
      };
    }),
  );
  slide.addTable(rows, { ...position(block), colW: block.columns.map(inches), rowH: block.rowHeights.map(inches) });
}

/**
 * pptxgenjs 4.0.1 writes paragraph properties (`<a:pPr>`) before every run of a paragraph, not only the first;
 * the schema allows one, first, and PowerPoint offers to "repair" such a file. Only the first is kept.
 */
export function oneParagraphProperties(xml: string): string {
  return xml.replace(/<a:p>([\s\S]*?)<\/a:p>/g, (_, inner: string) => {
    let seen = false;
    const kept = inner.replace(/<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g, (pPr: string, offset: number) => {
      const first = !seen && offset === 0;
      seen = true;
      return first ? pPr : "";
    });
    return `<a:p>${kept}</a:p>`;
  });
}

/**
 * Marks each slide's title box as the slide's title (`<p:ph type="title"/>`), so PowerPoint's outline, its
 * accessibility checker and screen readers find the titles. pptxgenjs can only fill a title placeholder at the
 * place its slide master gives it; the deck's titles sit where the deck puts them, so the box keeps its own place
 * and only gains the mark.
 */
export function slideTitles(xml: string): string {
  return xml.replace(new RegExp(`(<p:cNvPr id="\\d+" name="${TITLE_NAME}"></p:cNvPr><p:cNvSpPr/>)<p:nvPr></p:nvPr>`, "g"), '$1<p:nvPr><p:ph type="title"/></p:nvPr>');
}

/**
 * pptxgenjs stamps the file's properties and every zip entry with the current time; the same deck must give the
 * same bytes on every build (and the PDF cache keeps it), so both are set to the deck's date.
 */
async function reproducible(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z");
  const core = zip.file("docProps/core.xml");
  if (core) {
    const xml = (await core.async("string")).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
    zip.file("docProps/core.xml", xml);
  }
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/(slides|notesSlides)\/[^/]+\.xml$/.test(n))) {
    zip.file(name, slideTitles(oneParagraphProperties(await zip.files[name]!.async("string"))));
  }
  // [Content_Types].xml first (some Office readers expect it), then every part in a fixed order.
  const names = Object.keys(zip.files)
    .filter((name) => !zip.files[name]!.dir)
    .sort((a, b) => Number(b === "[Content_Types].xml") - Number(a === "[Content_Types].xml") || a.localeCompare(b));
  const ordered = new JSZip();
  for (const name of names) ordered.file(name, await zip.files[name]!.async("uint8array"), { date, createFolders: false });
  return ordered.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 }, platform: "DOS" });
}
