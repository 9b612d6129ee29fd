/**
 * Chromium writes the title (from <title>), the language and the tag structure; the document information it
 * cannot know (author, subject, keywords) is added here. Dates are fixed (see pdf-date.ts), and the
 * structure ids Chromium numbers per renderer process are renumbered per document, so two builds of the same
 * sources give the same bytes.
 *
 * Chromium's PDFs have one shape (a classic cross-reference table, the document information dictionary as its own
 * object, the catalog already carrying /Lang and /DisplayDocTitle), so the information dictionary is rewritten
 * in place and the cross-reference offsets shifted: well under a millisecond, where loading and saving the whole
 * file with pdf-lib took 20–250 ms of Node's only thread. Anything of another shape goes through pdf-lib.
 */
import { formatPdfDate } from "./pdf-date.ts";

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  lang: string;
  /** Both the creation and the modification date (see pdf-date.ts: never the time of the build). */
  date: Date;
}

const CREATOR = "clinic-handouts (Eleventy + Chromium)";
const PRODUCER = "clinic-handouts";

export async function setPdfMetadata(bytes: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  const stable = stableStructureIds(bytes);
  return rewriteInfo(stable, info) ?? (await withPdfLib(stable, info));
}

/**
 * Chromium names tagged table header cells `(node00000115)` after the DOM node's number in its renderer process,
 * which depends on what that process showed before. Renumbering them 1, 2, 3… in their order keeps them unique,
 * sorted (the /IDTree needs that) and the same width, so no byte offset moves.
 */
export function stableStructureIds(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const pattern = /(?<!\\)\(node(\d+)\)/g;
  const ids = [...new Set([...text.matchAll(pattern)].map((m) => m[1]!))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (!ids.length) return bytes;
  const renumbered = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, "0")]));
  if ([...renumbered.values()].some((id, i) => id.length !== ids[i]!.length)) return bytes;
  return Buffer.from(
    text.replace(pattern, (_, id: string) => `(node${renumbered.get(id)})`),
    "latin1",
  );
}

/** The information dictionary rewritten in place, or undefined when the file is not of Chromium's usual shape. */
export function rewriteInfo(bytes: Uint8Array, info: PdfInfo): Uint8Array | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!startxref) return undefined;
  const xrefAt = Number(startxref[1]);
  const xref = /^xref\r?\n0 (\d+)\r?\n/.exec(text.slice(xrefAt, xrefAt + 32));
  if (!xref) return undefined;
  const size = Number(xref[1]);
  const entriesAt = xrefAt + xref[0].length;
  const trailerAt = entriesAt + size * 20;
  const trailer = text.slice(trailerAt, text.lastIndexOf("startxref"));
  // One cross-reference section, not encrypted, with its information dictionary as an object of its own.
  if (!/^trailer\s*<</.test(trailer) || /\/(Prev|Encrypt|XRefStm)\b/.test(trailer)) return undefined;
  const infoRef = /\/Info (\d+) 0 R/.exec(trailer);
  const rootRef = /\/Root (\d+) 0 R/.exec(trailer);
  if (!infoRef || !rootRef) return undefined;

  // Object 0 heads the (empty) free list; every other object is in use, at a byte offset.
  const offsets: number[] = [-1];
  if (!text.startsWith("0000000000 65535 f", entriesAt)) return undefined;
  for (let i = 1; i < size; i++) {
    const entry = /^(\d{10}) 00000 n/.exec(text.slice(entriesAt + i * 20, entriesAt + i * 20 + 18));
    if (!entry) return undefined;
    offsets.push(Number(entry[1]));
  }
  const objectAt = (n: number): { start: number; end: number } | undefined => {
    const start = offsets[n];
    if (start === undefined || start < 0 || !text.startsWith(`${n} 0 obj`, start)) return undefined;
    const end = text.indexOf("endobj", start);
    return end < 0 ? undefined : { start, end: end + "endobj".length };
  };
  const infoNumber = Number(infoRef[1]);
  const infoObject = objectAt(infoNumber);
  const root = objectAt(Number(rootRef[1]));
  if (!infoObject || !root) return undefined;
  // Chromium sets both from the page (<html lang>, <title>); if it ever stops, pdf-lib sets them.
  const catalog = text.slice(root.start, root.end);
  if (!catalog.includes("/DisplayDocTitle true") || !catalog.includes(`/Lang (${info.lang})`)) return undefined;

  const date = formatPdfDate(info.date);
  const replacement =
    `${infoNumber} 0 obj\n<</Title ${hexText(info.title)}\n/Author ${hexText(info.author)}\n/Subject ${hexText(info.subject)}\n` +
    `/Keywords ${hexText(info.keywords.join(" "))}\n/Creator ${hexText(CREATOR)}\n/Producer ${hexText(PRODUCER)}\n` +
    `/CreationDate (${date})\n/ModDate (${date})>>\nendobj`;
  const shift = replacement.length - (infoObject.end - infoObject.start);
  const entries = offsets
    .map((offset, n) => (n === 0 ? "0000000000 65535 f \n" : `${String(offset > infoObject.start ? offset + shift : offset).padStart(10, "0")} 00000 n \n`))
    .join("");
  const out =
    text.slice(0, infoObject.start) +
    replacement +
    text.slice(infoObject.end, xrefAt) +
    `xref\n0 ${size}\n${entries}${trailer}startxref\n${xrefAt + shift}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** A text string as PDF writes any text: UTF-16BE with a byte-order mark, in hex (as pdf-lib writes it too). */
function hexText(value: string): string {
  let hex = "FEFF";
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return `<${hex}>`;
}

async function withPdfLib(bytes: Uint8Array, info: PdfInfo): Promise<Uint8Array> {
  // Loaded only for a PDF the in-place rewrite cannot handle: pdf-lib takes about 40 ms to load, for nothing in
  // a run (such as the deck PDFs alone) where every PDF is rewritten in place.
  const { PDFDocument } = await import("pdf-lib");
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const date = info.date;
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  pdf.setAuthor(info.author);
  pdf.setSubject(info.subject);
  pdf.setKeywords(info.keywords);
  pdf.setLanguage(info.lang);
  pdf.setCreator(CREATOR);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return pdf.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** Each page's size in points, from its MediaBox (Chromium writes one per page object, uncompressed), in page order. */
export function pageSizesOf(bytes: Uint8Array): { widthPt: number; heightPt: number }[] {
  const text = Buffer.from(bytes).toString("latin1");
  return [...text.matchAll(/\/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => ({ widthPt: Number(m[1]), heightPt: Number(m[2]) }));
}

export function pageCountOf(bytes: Uint8Array): number {
  // Chromium writes one `/Type /Page` object per page (and `/Type /Pages` for the tree, excluded here).
  const text = Buffer.from(bytes).toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}
