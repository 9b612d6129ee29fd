/** Reads real PDFs back with poppler's command-line tools (an implementation independent of Chromium's). */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

export interface PdfInfo {
  pages: number;
  widthPt: number;
  heightPt: number;
  tagged: boolean;
  title: string;
  author: string;
  subject: string;
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
