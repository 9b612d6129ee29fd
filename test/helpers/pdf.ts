/** Reads real PDFs back with poppler's command-line tools (an implementation independent of Chromium's). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PdfInfo {
  pages: number;
  widthPt: number;
  heightPt: number;
  tagged: boolean;
  title: string;
  author: string;
  subject: string;
  keywords: string;
}

export function pdfInfo(file: string): PdfInfo {
  const out = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const field = (name: string): string => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(out)?.[1]?.trim() ?? "";
  const size = /^Page size:\s*([\d.]+) x ([\d.]+) pts/m.exec(out);
  return {
    pages: Number(field("Pages")),
    widthPt: Number(size?.[1]),
    heightPt: Number(size?.[2]),
    tagged: field("Tagged") === "yes",
    title: field("Title"),
    author: field("Author"),
    subject: field("Subject"),
    keywords: field("Keywords"),
  };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  return lines.map((line) => {
    // name, then type (may hold spaces), encoding, emb, sub, uni, object, id
    const parts = line.trim().split(/\s+/);
    const name = parts[0] ?? "";
    const emb = parts[parts.length - 5];
    const type = line.includes("Type 3") ? "Type 3" : parts.slice(1, parts.length - 6).join(" ");
    return { name, type, embedded: emb === "yes" };
  });
}

export function pdfText(file: string): string {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** The document language Chromium writes into the catalog (pdfinfo does not print it). */
export function pdfLang(file: string): string | undefined {
  return /\/Lang\s*\(([^)]*)\)/.exec(readFileSync(file).toString("latin1"))?.[1];
}

/** Median height, in points, of the word boxes poppler finds on the PDF's pages: a proxy for body text size. */
export function medianWordHeight(file: string): number {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
  const heights = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1])).sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}

/** Renders page `page` of a PDF to PNG with poppler and decodes any QR code on it with zbar. */
export function decodeQrCodes(file: string, page = 1): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "qr-"));
  try {
    const base = path.join(dir, "page");
    execFileSync("pdftoppm", ["-png", "-r", "150", "-f", String(page), "-l", String(page), "-singlefile", file, base]);
    // zbar complains on stderr about a missing D-Bus; only its answer on stdout matters.
    const out = execFileSync("zbarimg", ["-q", "--raw", `${base}.png`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return out.split("\n").filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfWord {
  /** 1-based page number. */
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word of a PDF with its box in points (poppler's `pdftotext -bbox`), page by page. */
export function pdfWords(file: string, page?: number): PdfWord[] {
  const range = page ? ["-f", String(page), "-l", String(page)] : [];
  const html = execFileSync("pdftotext", ["-bbox", ...range, file, "-"], { encoding: "utf8" });
  const words: PdfWord[] = [];
  let pageNumber = (page ?? 1) - 1;
  const decode = (text: string): string => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  for (const match of html.matchAll(/<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === "<page") {
      pageNumber++;
      continue;
    }
    words.push({ page: pageNumber, xMin: Number(match[1]), yMin: Number(match[2]), xMax: Number(match[3]), yMax: Number(match[4]), text: decode(match[5]!) });
  }
  return words;
}
