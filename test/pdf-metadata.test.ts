/**
 * The document information written into every PDF, on real Chromium output: the fast in-place rewrite must give
 * a file every reader accepts (poppler here, pdf-lib in `npm run check`), with the same information pdf-lib
 * would write, and Chromium's per-process structure ids must not leak into the bytes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { withBrowser } from "../src/pdf/launch-browser.ts";
import { rewriteInfo, setPdfMetadata, stableStructureIds, type PdfInfo } from "../src/pdf/pdf-metadata.ts";
import { formatPdfDate, pdfDate, sourceDateFromEnv } from "../src/pdf/pdf-date.ts";
import { pdfInfo, pdfLang } from "./helpers/pdf.ts";
import { chromiumProcesses } from "./helpers/processes.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "handouts-pdf-metadata-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const info: PdfInfo = {
  title: "Knee pain — what helps (2 of 3)",
  author: "Example Bone & Joint Clinic",
  subject: "What to do (and not do) at home",
  keywords: ["patient handout", "letter", "knee"],
  lang: "en",
  date: new Date("2026-11-15T00:00:00Z"),
};
const TABLE_PAGE = `<!doctype html><html lang="en"><head><title>Chromium's title</title></head><body>
<h1>Heading</h1><table><tr><th>Week</th><th>Activity</th></tr><tr><td>1</td><td>Rest</td></tr></table></body></html>`;

/** Every cross-reference entry points at its object: a file readers open without repairing it. */
function xrefIsExact(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(at));
  if (!head) return false;
  for (let n = 1; n < Number(head[1]); n++) {
    const offset = Number(text.slice(at + head[0].length + n * 20, at + head[0].length + n * 20 + 10));
    if (!text.startsWith(`${n} 0 obj`, offset)) return false;
  }
  return true;
}

let printed: Uint8Array[] = [];
beforeAll(async () => {
  // The same page printed in two tabs of one browser after different amounts of other work, so Chromium's
  // structure ids differ between the two.
  printed = await withBrowser(findBrowser({}), async (browser) => {
    const first = await browser.newPage();
    await first.setContent(TABLE_PAGE);
    const a = await first.pdf({ tagged: true, outline: true });
    for (let i = 0; i < 3; i++) await first.setContent(TABLE_PAGE.replace("Heading", `Heading ${i}`));
    await first.setContent(TABLE_PAGE);
    const b = await first.pdf({ tagged: true, outline: true });
    return [a, b];
  });
});

describe("the document information", () => {
  it("is rewritten in place in Chromium's PDF, with exact cross-references, and reads back as written", async () => {
    const raw = printed[0]!;
    const fast = rewriteInfo(raw, info);
    expect(fast).toBeDefined();
    expect(xrefIsExact(fast!)).toBe(true);
    const file = path.join(scratch, "fast.pdf");
    writeFileSync(file, fast!);
    const read = pdfInfo(file);
    expect(read).toMatchObject({ pages: 1, tagged: true, title: info.title, author: info.author, subject: info.subject, keywords: "patient handout letter knee" });
    expect(pdfLang(file)).toBe("en");
    // poppler says on stderr when it has to repair a file; it has nothing to say here.
    expect(spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stderr).toBe("");
    const pdf = await PDFDocument.load(fast!, { updateMetadata: false });
    expect(pdf.getCreationDate()?.toISOString()).toBe("2026-11-15T00:00:00.000Z");
    expect(pdf.getModificationDate()?.toISOString()).toBe("2026-11-15T00:00:00.000Z");
    expect(pdf.getProducer()).toBe("clinic-handouts");
    // Nothing of the time of printing is left in the file.
    expect(Buffer.from(fast!).toString("latin1")).not.toMatch(/D:20\d{12}\+00'00'/);
  });

  it("is set by pdf-lib when the file is not of Chromium's shape, with the same information", async () => {
    const other = await PDFDocument.create();
    other.addPage();
    const bytes = await setPdfMetadata(await other.save({ useObjectStreams: true }), info);
    const file = path.join(scratch, "pdf-lib.pdf");
    writeFileSync(file, bytes);
    expect(pdfInfo(file)).toMatchObject({ title: info.title, author: info.author, subject: info.subject, keywords: "patient handout letter knee" });
  });

  it("leaves no Chromium process behind", () => {
    expect(chromiumProcesses()).toEqual([]);
  });

  it("would see a Chromium left behind: the process check finds one while it runs", async () => {
    await withBrowser(findBrowser({}), async () => {
      expect(chromiumProcesses().length).toBeGreaterThan(0);
    });
    expect(chromiumProcesses()).toEqual([]);
  });
});

describe("Chromium's structure ids", () => {
  it("differ with what the renderer printed before, and are the same once renumbered", async () => {
    const [a, b] = printed.map((bytes) => Buffer.from(bytes).toString("latin1"));
    const ids = (text: string): string[] => [...text.matchAll(/\(node\d+\)/g)].map((m) => m[0]);
    expect(ids(a!).length).toBeGreaterThan(0);
    expect(ids(a!)).not.toEqual(ids(b!));
    const stableA = Buffer.from(stableStructureIds(printed[0]!)).toString("latin1");
    const stableB = Buffer.from(stableStructureIds(printed[1]!)).toString("latin1");
    expect(ids(stableA)).toEqual(ids(stableB));
    expect(ids(stableA)[0]).toBe("(node00000001)");
    // Same length, so every byte offset in the file still holds.
    expect(stableA.length).toBe(a!.length);
    const final = await setPdfMetadata(printed[0]!, info);
    expect(xrefIsExact(final)).toBe(true);
    expect(Buffer.from(final).equals(Buffer.from(await setPdfMetadata(printed[1]!, info)))).toBe(
      // The two prints differ only in their ids and the time of printing, both of which are gone now.
      true,
    );
  });
});

describe("the date in a PDF", () => {
  it("is the review date at midnight UTC unless SOURCE_DATE_EPOCH is set", () => {
    expect(sourceDateFromEnv({})).toBeUndefined();
    expect(sourceDateFromEnv({ SOURCE_DATE_EPOCH: "" })).toBeUndefined();
    expect(pdfDate("2026-03-04", undefined).toISOString()).toBe("2026-03-04T00:00:00.000Z");
    const epoch = sourceDateFromEnv({ SOURCE_DATE_EPOCH: "1767225600" });
    expect(pdfDate("2026-03-04", epoch).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(formatPdfDate(new Date("2026-01-02T03:04:05Z"))).toBe("D:20260102030405Z");
  });

  it("refuses a SOURCE_DATE_EPOCH that is not a whole number of seconds, saying what it should be", () => {
    for (const bad of ["yesterday", "-5", "1.5", "99999999999999"]) {
      expect(() => sourceDateFromEnv({ SOURCE_DATE_EPOCH: bad }), bad).toThrow(/SOURCE_DATE_EPOCH must be a whole number of seconds since 1 January 1970 UTC/);
    }
  });
});
