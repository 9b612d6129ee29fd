/**
 * Fast rebuilds that stay correct: reproducible PDFs, the content-hash PDF cache, the no-change shortcut and
 * sharding, each checked on real builds of a fixture folder.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { build, type BuildOptions } from "../src/build/build.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";

const fixture = copyFixture("basic");
const scratch = mkdtempSync(path.join(tmpdir(), "handouts-cache-"));
afterAll(() => {
  rmSync(fixture.dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

// A second handout, so a change to one can be told apart from a change to all.
writeContent(
  fixture.content,
  "sample/handouts/second.md",
  "---\nkind: handout\ntitle: A second fixture handout\nsummary: Another one-page handout for the cache tests.\nreviewed: 2026-01-10\nnextReview: 2027-01-10\nreviewedBy: Content team\n---\n\nUse the crutches as shown [@REF1].\n\n## When to get help\n\n![[when-to-get-help]]\n",
);

const run = (outName: string, extra: Partial<BuildOptions> = {}) =>
  build({ root: repoRoot, contentDir: fixture.content, outDir: path.join(scratch, outName), ...extra });

/** Every PDF under a folder, by path, with its bytes. */
function pdfsIn(dir: string): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".pdf")) found.set(path.relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return found;
}

describe("reproducible output", () => {
  it("gives byte-identical PDFs from two clean builds of the same sources", async () => {
    await run("clean-a");
    await run("clean-b");
    const a = pdfsIn(path.join(scratch, "clean-a"));
    const b = pdfsIn(path.join(scratch, "clean-b"));
    expect(a.size).toBe(8); // 2 handouts × (Letter, A4, large print), and the deck's slides and notes
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [file, bytes] of a) expect(bytes.equals(b.get(file)!), file).toBe(true);
  });
});

describe("the PDF cache", () => {
  const cacheDir = path.join(scratch, "cache");

  it("prints everything the first time, then nothing when nothing changed", async () => {
    const first = await run("cached", { cacheDir });
    expect(first.cachedPdfs).toBe(0);
    expect(first.pdfs.length).toBe(8);
    const again = await run("cached", { cacheDir });
    expect(again.upToDate).toBe(true);
    // Forced to build anyway, every PDF still comes from the cache, identical to what was printed.
    const before = pdfsIn(path.join(scratch, "cached"));
    const forced = await run("cached", { cacheDir, force: true });
    expect(forced.upToDate).toBe(false);
    expect(forced.cachedPdfs).toBe(8);
    for (const [file, bytes] of pdfsIn(path.join(scratch, "cached"))) expect(bytes.equals(before.get(file)!), file).toBe(true);
  });

  it("prints an edition alone to the same bytes as after the other editions of its handout", async () => {
    // A handout's editions print one after another from one load of its page; when only one of them is missing
    // from the cache, it prints alone, and must not come out different for that.
    const output = path.join(scratch, "cached");
    const a4 = readFileSync(path.join(output, "sample/handouts/second/second.a4.pdf"));
    const pdfDir = path.join(cacheDir, "pdfs");
    const entry = readdirSync(pdfDir).find((name) => name.endsWith(".pdf") && readFileSync(path.join(pdfDir, name)).equals(a4));
    expect(entry).toBeDefined();
    rmSync(path.join(pdfDir, entry!.replace(/\.pdf$/, ".json")));
    const report = await run("cached", { cacheDir, force: true });
    expect(report.pdfs.length - report.cachedPdfs).toBe(1);
    expect(readFileSync(path.join(output, "sample/handouts/second/second.a4.pdf")).equals(a4)).toBe(true);
  });

  it("dates every PDF by SOURCE_DATE_EPOCH when it is set, and prints again when it changes", async () => {
    const output = path.join(scratch, "cached");
    const reviewDated = await PDFDocument.load(readFileSync(path.join(output, "sample/handouts/second/second.letter.pdf")), { updateMetadata: false });
    expect(reviewDated.getCreationDate()?.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    process.env["SOURCE_DATE_EPOCH"] = "1767225600";
    try {
      const report = await run("cached", { cacheDir });
      expect(report.upToDate).toBe(false);
      expect(report.cachedPdfs).toBe(0);
    } finally {
      delete process.env["SOURCE_DATE_EPOCH"];
    }
    for (const [file, bytes] of pdfsIn(output)) {
      const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
      expect(pdf.getCreationDate()?.toISOString(), file).toBe("2026-01-01T00:00:00.000Z");
      expect(pdf.getModificationDate()?.toISOString(), file).toBe("2026-01-01T00:00:00.000Z");
    }
    // Unset again: the review-dated PDFs come back from the cache.
    const back = await run("cached", { cacheDir });
    expect(back.cachedPdfs).toBe(8);
  });

  it("re-prints only the edited handout's PDFs after an edit to one handout", async () => {
    const file = path.join(fixture.content, "sample/handouts/second.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("Use the crutches as shown", "Use the crutches just as you were shown"));
    const report = await run("cached", { cacheDir });
    expect(report.pdfs.length - report.cachedPdfs).toBe(3); // Letter, A4 and large print of that handout
    const text = pdfsIn(path.join(scratch, "cached")).get("sample/handouts/second/second.letter.pdf")!.toString("latin1");
    expect(text.length).toBeGreaterThan(0);
  });

  it("re-prints everything after a change to the clinic's settings", async () => {
    const clinicFile = path.join(fixture.content, "_data/clinic.json");
    const clinic = JSON.parse(readFileSync(clinicFile, "utf8")) as Record<string, string>;
    writeFileSync(clinicFile, JSON.stringify({ ...clinic, phone: "555-0123" }, null, 2));
    const report = await run("cached", { cacheDir });
    expect(report.cachedPdfs).toBe(0);
    expect(report.pdfs.length).toBe(8);
  });
});

describe("sharding", () => {
  it("splits the PDFs into slices that together are exactly the PDFs of an unsharded build", async () => {
    await run("whole");
    const one = await run("shard-1", { shard: { index: 1, count: 2 } });
    const two = await run("shard-2", { shard: { index: 2, count: 2 } });
    expect(one.pdfs.length).toBeGreaterThan(0);
    expect(two.pdfs.length).toBeGreaterThan(0);
    const whole = pdfsIn(path.join(scratch, "whole"));
    const a = pdfsIn(path.join(scratch, "shard-1"));
    const b = pdfsIn(path.join(scratch, "shard-2"));
    expect([...a.keys()].filter((k) => b.has(k))).toEqual([]);
    expect([...a.keys(), ...b.keys()].sort()).toEqual([...whole.keys()].sort());
    // A handout's editions stay together, so each shard still prints them from one load of the page.
    const handoutsOf = (pdfs: Map<string, Buffer>): string[] => [...new Set([...pdfs.keys()].filter((k) => k.startsWith("sample/handouts/")).map((k) => path.dirname(k)))];
    for (const dir of handoutsOf(a)) expect([...a.keys()].filter((k) => path.dirname(k) === dir).length, dir).toBe(3);
    for (const dir of handoutsOf(b)) expect([...b.keys()].filter((k) => path.dirname(k) === dir).length, dir).toBe(3);
    for (const [file, bytes] of [...a, ...b]) expect(bytes.equals(whole.get(file)!), file).toBe(true);
    // Each shard still builds the whole site.
    expect(readFileSync(path.join(scratch, "shard-2", "sample", "index.html"), "utf8")).toContain("Fixture home");
  });
});
