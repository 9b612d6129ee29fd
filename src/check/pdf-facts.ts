/**
 * Reads what the PDF gate checks straight out of the file with pdf-lib, without Chromium or any external
 * program: page sizes, the document title and language, whether it is tagged, and every font with its type and
 * whether it is embedded. (The tests read the same files with poppler's pdfinfo/pdffonts, an independent reader.)
 */
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFStream, PDFString, type PDFObject } from "pdf-lib";

export interface PdfFont {
  name: string;
  /** Type0, TrueType, Type1, Type3, … as the font dictionary says. */
  subtype: string;
  embedded: boolean;
}

export interface PdfFacts {
  pages: { widthPt: number; heightPt: number }[];
  title: string;
  lang: string;
  /** /MarkInfo << /Marked true >> in the catalog: the PDF says it is tagged. */
  marked: boolean;
  /** The catalog has a structure tree (the tags themselves). */
  structureTree: boolean;
  fonts: PdfFont[];
}

const name = (key: string): PDFName => PDFName.of(key);

function text(value: PDFObject | undefined): string {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : "";
}

function dictOf(value: PDFObject | undefined): PDFDict | undefined {
  if (value instanceof PDFDict) return value;
  if (value instanceof PDFStream) return value.dict;
  return undefined;
}

export async function readPdfFacts(bytes: Uint8Array): Promise<PdfFacts> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  const context = pdf.context;
  const lookup = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? context.lookup(value) : value);
  const catalog = pdf.catalog;
  const markInfo = dictOf(lookup(catalog.get(name("MarkInfo"))));
  const marked = lookup(markInfo?.get(name("Marked")));

  const fonts = new Map<string, PdfFont>();
  const seen = new Set<PDFObject>();
  const fontFrom = (fontDict: PDFDict): PdfFont => {
    const subtype = lookup(fontDict.get(name("Subtype")))?.toString().replace(/^\//, "") ?? "?";
    const baseFont = lookup(fontDict.get(name("BaseFont")))?.toString().replace(/^\//, "") ?? "(unnamed)";
    let descriptorOwner = fontDict;
    if (subtype === "Type0") {
      const descendants = lookup(fontDict.get(name("DescendantFonts")));
      const first = descendants instanceof PDFArray ? dictOf(lookup(descendants.get(0))) : undefined;
      if (first) descriptorOwner = first;
    }
    const descriptor = dictOf(lookup(descriptorOwner.get(name("FontDescriptor"))));
    // A Type 3 font is drawn by PDF operators; it has no font file to embed (and the gate refuses it anyway).
    const embedded = subtype === "Type3" || ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor?.has(name(key)));
    return { name: baseFont, subtype, embedded };
  };
  const walkResources = (resources: PDFDict | undefined): void => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    const fontMap = dictOf(lookup(resources.get(name("Font"))));
    for (const [, value] of fontMap?.entries() ?? []) {
      const fontDict = dictOf(lookup(value));
      if (!fontDict || seen.has(fontDict)) continue;
      seen.add(fontDict);
      const font = fontFrom(fontDict);
      fonts.set(`${font.name}/${font.subtype}/${value.toString()}`, font);
      // A Type 3 font's glyphs may use fonts of their own.
      walkResources(dictOf(lookup(fontDict.get(name("Resources")))));
    }
    const xObjects = dictOf(lookup(resources.get(name("XObject"))));
    for (const [, value] of xObjects?.entries() ?? []) {
      const form = dictOf(lookup(value));
      if (form && lookup(form.get(name("Subtype")))?.toString() === "/Form") walkResources(dictOf(lookup(form.get(name("Resources")))));
    }
  };

  const pages = pdf.getPages().map((page) => {
    walkResources(page.node.Resources());
    const { width, height } = page.getSize();
    return { widthPt: width, heightPt: height };
  });

  return {
    pages,
    title: pdf.getTitle() ?? "",
    lang: text(lookup(catalog.get(name("Lang")))),
    marked: marked instanceof PDFBool && marked.asBoolean(),
    structureTree: catalog.has(name("StructTreeRoot")),
    fonts: [...fonts.values()],
  };
}
