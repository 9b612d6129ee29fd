/**
 * `npm run dev` as an author uses it: a page open in a real browser updates by itself on save, shows an overlay
 * naming the file and line while the content is broken and clears when it is fixed, and a handout says whether it
 * fits. Throughout, output/ is untouched; the server stops cleanly on Ctrl-C with no process left; and the next
 * `npm run build` builds for real (it is not fooled by the dev server, or by anything else that changed output/).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build/build.ts";
import { findBrowser } from "../src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "../src/pdf/launch-browser.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { chromiumProcesses } from "./helpers/processes.ts";
import { runBuildCli } from "./helpers/cli.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const fixture = copyFixture("basic");
const handoutFile = path.join(fixture.content, "sample/handouts/short.md");
const original = readFileSync(handoutFile, "utf8");
const cacheDir = path.join(fixture.dir, ".cache");
let dev: ChildProcess;
let devLog = "";
let url = "";
let browser: Browser;
let page: Page;
let outputBefore: Record<string, string>;

async function eventually<T>(probe: () => Promise<T> | T, ok: (value: T) => boolean, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await probe();
  while (!ok(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

/** The text of the open page and of its dev overlay and fit banner, as the author sees them. */
const seen = (): Promise<{ body: string; overlay: string | null; fit: string | null }> =>
  page
    .evaluate(() => ({
      body: document.body?.innerText ?? "",
      overlay: document.querySelector("#dev-error")?.textContent ?? null,
      fit: document.querySelector("#dev-fit")?.textContent ?? null,
    }))
    .catch(() => ({ body: "", overlay: null, fit: null }));

beforeAll(async () => {
  // The published build, as the author has it before starting the dev server.
  await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, cacheDir });
  outputBefore = folderFingerprint(fixture.out);
  dev = spawn(process.execPath, [path.join(repoRoot, "scripts", "dev.ts"), "--port", "0"], { cwd: fixture.dir, stdio: ["ignore", "pipe", "pipe"] });
  dev.stdout!.on("data", (chunk: Buffer) => (devLog += chunk.toString()));
  dev.stderr!.on("data", (chunk: Buffer) => (devLog += chunk.toString()));
  url = (await eventually(() => /Serving \.dev-output at (http:\S+)/.exec(devLog)?.[1] ?? "", Boolean, 60_000)) ?? "";
  expect(url, devLog).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await eventually(() => devLog, (log) => /fit: \/handouts\/short\//.test(log), 60_000);
  browser = await puppeteer.launch({ executablePath: findBrowser({}), headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(`${url}sample/handouts/short/`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (dev && dev.exitCode === null) dev.kill("SIGKILL");
  rmSync(fixture.dir, { recursive: true, force: true });
});

describe("npm run dev", () => {
  it("serves the handout with a banner saying that it fits, and at which type size", async () => {
    const view = await seen();
    expect(view.body).toContain("Rest the leg and call us if it gets worse");
    expect(view.fit).toMatch(/(Letter|A4): fits on one page at (full size|type step 0\.\d+) \(body text \d+\.\d pt\)\./);
    expect(view.overlay).toBeNull();
  });

  it("updates the open page by itself when the handout is saved", async () => {
    writeFileSync(handoutFile, original.replace("Rest the leg and call us if it gets worse", "Rest the leg, edited while the dev server runs, and call us if it gets worse"));
    const view = await eventually(seen, (v) => v.body.includes("edited while the dev server runs"));
    expect(view.body).toContain("edited while the dev server runs");
    expect(view.overlay).toBeNull();
  });

  it("shows an overlay naming the file and line when the handout is broken, over the last good page", async () => {
    const edited = readFileSync(handoutFile, "utf8");
    writeFileSync(handoutFile, edited.replace("reviewed: 2026-01-10", "reviewed: soon"));
    const view = await eventually(seen, (v) => v.overlay !== null);
    expect(view.overlay).toContain("the last change did not build");
    expect(view.overlay).toMatch(/content\/sample\/handouts\/short\.md:5: field `reviewed` is invalid/);
    expect(view.body).toContain("edited while the dev server runs");
  });

  it("clears the overlay when the mistake is fixed", async () => {
    writeFileSync(handoutFile, readFileSync(handoutFile, "utf8").replace("reviewed: soon", "reviewed: 2026-01-10"));
    const view = await eventually(seen, (v) => v.overlay === null && v.body.includes("edited while the dev server runs"));
    expect(view.overlay).toBeNull();
  });

  it("says how far a handout runs over and how many words to cut when it no longer fits", async () => {
    const paragraph = "Keep weight off the sore leg, use your crutches as shown, and rest when the ache grows. ".repeat(6);
    const sections = Array.from({ length: 14 }, (_, i) => `## Part ${i + 1}\n\n${paragraph}\n`).join("\n");
    const fitting = readFileSync(handoutFile, "utf8");
    writeFileSync(handoutFile, `${fitting}\n${sections}`);
    const view = await eventually(seen, (v) => /does not fit/.test(v.fit ?? ""), 60_000);
    expect(view.fit).toMatch(/(Letter|A4): handout "short" does not fit on one (Letter|A4) page even at the smallest type/);
    expect(view.fit).toMatch(/runs \d+ mm over[^]*Cut about \d+ words/);
    writeFileSync(handoutFile, fitting);
    await eventually(seen, (v) => /fits on one page/.test(v.fit ?? "") && !/does not fit/.test(v.fit ?? ""), 60_000);
  }, 90_000);

  it("never touched output/, and kept the dev pages (looser policy, reload script) in .dev-output/", () => {
    expect(folderFingerprint(fixture.out)).toEqual(outputBefore);
    const devHandout = readFileSync(path.join(fixture.dir, ".dev-output/sample/handouts/short/index.html"), "utf8");
    expect(devHandout).toContain("script-src 'self'");
    // The overlay and the banner are added as pages are served, never written.
    expect(devHandout).not.toContain("dev-fit");
  });

  it("stops cleanly on Ctrl-C, its Chromium with it", async () => {
    await browser.close();
    const exited = new Promise<number | null>((resolve) => dev.once("exit", (code) => resolve(code)));
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(devLog).toContain("Stopped.");
    expect(await eventually(chromiumProcesses, (list) => list.length === 0, 5000)).toEqual([]);
  });

  it("leaves the next npm run build to build for real: the edit is printed and no dev page ships", async () => {
    const result = await runBuildCli(["--content", fixture.content, "--out", fixture.out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Built \d+ documents and \d+ PDFs/);
    const handout = readFileSync(path.join(fixture.out, "sample/handouts/short/index.html"), "utf8");
    expect(handout).toContain("edited while the dev server runs");
    expect(handout).toContain("script-src 'none'");
    expect(handout).not.toContain("__dev");
  });

  it("builds again when anything changed output/ since the last build, even with the inputs unchanged", async () => {
    const first = await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, cacheDir, skipPdfs: true });
    expect(first.upToDate).toBe(false);
    expect((await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, cacheDir, skipPdfs: true })).upToDate).toBe(true);
    // What the old dev server did: write pages into output/ behind the build's back.
    writeFileSync(path.join(fixture.out, "sample/handouts/short/index.html"), "<p>a dev page</p>");
    const after = await build({ root: repoRoot, contentDir: fixture.content, outDir: fixture.out, cacheDir, skipPdfs: true });
    expect(after.upToDate).toBe(false);
    expect(readFileSync(path.join(fixture.out, "sample/handouts/short/index.html"), "utf8")).toContain("edited while the dev server runs");
    expect(existsSync(path.join(fixture.dir, ".dev-output"))).toBe(true);
  });
});
