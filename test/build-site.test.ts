/**
 * The site is built by Eleventy in a worker thread (src/build/build-site.ts). What goes wrong in there must come
 * back as it would have in the main thread: a user's mistake with its name, message and exit code, anything else
 * as a failure with Eleventy's own account, and Ctrl-C as an interruption.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildSite } from "../src/build/build-site.ts";
import { findUserError } from "../src/errors.ts";
import { repoRoot } from "./helpers/fixtures.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "handouts-build-site-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const input = path.join(scratch, "content");
mkdirSync(input, { recursive: true });
writeFileSync(path.join(input, "index.md"), "# A page\n\nSome text.\n");
const errorsModule = pathToFileURL(path.join(repoRoot, "src/errors.ts")).href;

/** An Eleventy config whose only addition is a transform that runs `body` on every page. */
function config(name: string, body: string): string {
  const file = path.join(scratch, `${name}.config.js`);
  writeFileSync(file, `import { ContentError } from ${JSON.stringify(errorsModule)};\nexport default function (eleventyConfig) {\n  eleventyConfig.addTransform("test", async function (content) {\n${body}\n  });\n}\n`);
  return file;
}

describe("building the site in a worker", () => {
  it("writes the site and resolves when Eleventy succeeds", async () => {
    const output = path.join(scratch, "ok");
    await buildSite({ input, output, configPath: config("ok", "return content;") });
    expect(readFileSync(path.join(output, "index.html"), "utf8")).toContain("Some text.");
  });

  it("brings a content mistake back with its name, message and exit code", async () => {
    const failure = buildSite({ input, output: path.join(scratch, "content-error"), configPath: config("content-error", 'throw new ContentError("topic/page.md", "made to fail", { line: 3 });') });
    await expect(failure).rejects.toMatchObject({ name: "ContentError", exitCode: 2, message: "topic/page.md:3: made to fail" });
    expect(findUserError(await failure.catch((e: unknown) => e))).toBeDefined();
  });

  it("reports any other failure as a bug, with Eleventy's account of it", async () => {
    const failure = buildSite({ input, output: path.join(scratch, "bug"), configPath: config("bug", 'throw new Error("a bug in a transform");') });
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/Eleventy failed to build the site[\s\S]*a bug in a transform/);
    expect(findUserError(error)).toBeUndefined();
  });

  it("stops the worker when the build is interrupted", async () => {
    const controller = new AbortController();
    const output = path.join(scratch, "interrupted");
    // The transform holds the page for 3 s, so the interruption lands while Eleventy is still writing.
    const building = buildSite({ input, output, configPath: config("slow", "await new Promise((resolve) => setTimeout(resolve, 3000)); return content;") }, controller.signal);
    setTimeout(() => controller.abort("SIGINT"), 1500);
    await expect(building).rejects.toMatchObject({ name: "InterruptedError", exitCode: 130 });
    // Had the worker gone on, it would have written the page by now.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(existsSync(path.join(output, "index.html"))).toBe(false);
  });
});
