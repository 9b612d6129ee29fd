/**
 * Reads a text file from content/ the one way every reader must: without a byte-order mark and with `\n` line
 * ends. A Windows checkout writes CRLF, and text that skips markdown-it's own normalisation (a snippet parsed
 * into a document) would otherwise read `\r` as part of a line and change what a list or heading means.
 */
import { readFileSync } from "node:fs";

export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export function readText(file: string): string {
  return normaliseText(readFileSync(file, "utf8"));
}
