/**
 * `npm run merge`: a build split in three shards and merged again is the unsharded build, file for file and byte
 * for byte; shards that do not add up (one missing, one given twice, a site that differs) are refused with what
 * is wrong, and the output folder is not touched.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { ExitCode } from "../src/errors.ts";
import { copyFixture, repoRoot, writeContent } from "./helpers/fixtures.ts";
import { runScript } from "./helpers/cli.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const fixture = copyFixture("basic");
const whole = path.join(fixture.dir, "whole");
const shardDir = (i: number): string => path.join(fixture.dir, `shard-${i}`);

beforeAll(async () => {
  // A second handout, so the three shards each print something (two handouts and a deck).
  const handout = readFileSync(path.join(fixture.content, "sample/handouts/short.md"), "utf8");
  writeContent(fixture.content, "sample/handouts/second.md", handout.replace(/^title: .*$/m, "title: A second fixture handout"));
  // No PDF cache: every shard prints its own PDFs, as on separate machines.
  await build({ root: repoRoot, contentDir: fixture.content, outDir: whole });
  for (const index of [1, 2, 3]) await build({ root: repoRoot, contentDir: fixture.content, outDir: shardDir(index), shard: { index, count: 3 } });
}, 240_000);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

describe("merging shard builds", () => {
  it("gives the same files, byte for byte, as the unsharded build", async () => {
    // Each shard printed some PDFs, and none printed them all.
    const pdfsIn = (dir: string): string[] => Object.keys(folderFingerprint(dir)).filter((file) => file.endsWith(".pdf"));
    for (const index of [1, 2, 3]) {
      expect(pdfsIn(shardDir(index)).length, `shard ${index}`).toBeGreaterThan(0);
      expect(pdfsIn(shardDir(index)).length).toBeLessThan(pdfsIn(whole).length);
    }
    const merged = path.join(fixture.dir, "merged");
    const result = await runScript("merge", ["--out", merged, shardDir(1), shardDir(2), shardDir(3)]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Merged 3 shards into ${merged}/: \\d+ files, ${pdfsIn(whole).length} PDFs\\.`));
    expect(folderFingerprint(merged)).toEqual(folderFingerprint(whole));
    expect(existsSync(`${merged}.staging-`)).toBe(false);
  });

  it("refuses when a shard is missing, naming the PDFs in no shard, and leaves the output folder as it was", async () => {
    const out = path.join(fixture.dir, "refused");
    cpSync(whole, out, { recursive: true });
    const before = folderFingerprint(out);
    const result = await runScript("merge", ["--out", out, shardDir(1), shardDir(3)]);
    expect(result.code).toBe(ExitCode.merge);
    expect(result.stderr).toMatch(/^Merge failed: the shards do not add up to one build:\n {2}- \d PDFs? (is|are) in no shard: \S+\.pdf.*; is a shard missing, or did one fail\?\n/);
    expect(result.stderr).toContain(`The previous ${out}/ was left as it was.`);
    expect(folderFingerprint(out)).toEqual(before);
  });

  it("refuses a shard given twice, and PDFs that are in two shards", async () => {
    const twice = await runScript("merge", ["--out", path.join(fixture.dir, "twice"), shardDir(1), shardDir(2), shardDir(3), shardDir(1)]);
    expect(twice.code).toBe(ExitCode.merge);
    expect(twice.stderr).toContain(`${shardDir(1)} is given twice`);
    const overlap = await runScript("merge", ["--out", path.join(fixture.dir, "overlap"), shardDir(1), shardDir(2), shardDir(3), whole]);
    expect(overlap.code).toBe(ExitCode.merge);
    expect(overlap.stderr).toMatch(/\S+\.pdf is in more than one shard: /);
    expect(existsSync(path.join(fixture.dir, "overlap"))).toBe(false);
  });

  it("refuses shards whose site parts differ, naming the file", async () => {
    const edited = path.join(fixture.dir, "shard-2-edited");
    cpSync(shardDir(2), edited, { recursive: true });
    const page = path.join(edited, "sample", "index.html");
    writeFileSync(page, readFileSync(page, "utf8").replace("</body>", "<p>changed</p></body>"));
    const result = await runScript("merge", ["--out", path.join(fixture.dir, "differ"), shardDir(1), edited, shardDir(3)]);
    expect(result.code).toBe(ExitCode.merge);
    expect(result.stderr).toContain(`${edited} and ${shardDir(1)} differ in sample/index.html`);
    expect(existsSync(path.join(fixture.dir, "differ"))).toBe(false);
  });

  it("refuses a shard built without PDFs, whose render report is missing", async () => {
    const siteOnly = path.join(fixture.dir, "site-only");
    await build({ root: repoRoot, contentDir: fixture.content, outDir: siteOnly, skipPdfs: true });
    const result = await runScript("merge", ["--out", path.join(fixture.dir, "no-report"), shardDir(1), shardDir(2), siteOnly]);
    expect(result.code).toBe(ExitCode.merge);
    expect(result.stderr).toContain(`${siteOnly} has no render-report.json: was it built with --site-only, or did its build fail?`);
  });
});
