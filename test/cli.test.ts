/**
 * The commands as a user meets them: `--help`, mistyped options, and the failures a user can cause or meet
 * (a browser that dies while printing, a full disk, Ctrl-C), each one plain sentence with its exit code, the
 * output folder named as it was given, the previous output untouched and no Chromium left behind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../src/errors.ts";
import { copyFixture, repoRoot } from "./helpers/fixtures.ts";
import { chromiumProcesses } from "./helpers/processes.ts";
import { runBuildCli, runScript } from "./helpers/cli.ts";
import { folderFingerprint } from "./helpers/snapshot.ts";

const fixture = copyFixture("basic");
const out = path.join(fixture.dir, "built");

beforeAll(async () => {
  const first = await runBuildCli(["--content", fixture.content, "--out", out, "--no-cache"]);
  expect(first.code, first.stderr).toBe(0);
});
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

/** What the command said on stderr, without Eleventy's own timing notes (it prints them when the machine is slow). */
const said = (stderr: string): string => stderr.split("\n").filter((line) => !line.startsWith("[11ty]")).join("\n");

/** Waits until `check` holds, polling; false after `ms`. */
async function eventually(check: () => boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe("the commands' options", () => {
  it.each(["build", "check", "bench", "dev", "merge", "decks-only"])("npm run %s -- --help prints the usage and every option, and exits 0", async (script) => {
    const result = await runScript(script, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${script} -- \\[options\\]`));
    expect(result.stdout).toMatch(/Options:\n {2}--\S+/);
    expect(result.stdout).toContain("--help");
    expect(result.stderr).toBe("");
  });

  it("names each command's own options in its help, with their defaults", async () => {
    expect((await runScript("build", ["--help"])).stdout).toMatch(/--out <dir>\s+output folder \(default output\)/);
    expect((await runScript("check", ["--help"])).stdout).toMatch(/--gate <id>\s+run only this gate \(readability,/);
    expect((await runScript("bench", ["--help"])).stdout).toMatch(/--handouts \[n,…\]/);
    expect((await runScript("dev", ["--help"])).stdout).toMatch(/--out <dir>\s+.*\(default \.dev-output\)/);
    expect((await runScript("merge", ["--help"])).stdout).toMatch(/SHARD_DIR\s+/);
  });

  it.each([
    ["build", ["--nope"], /^build: there is no option --nope\. See `npm run build -- --help`\.\n$/],
    ["build", ["--contnet", "x"], /^build: there is no option --contnet; did you mean --content\?/],
    ["build", ["--out"], /^build: --out needs a value, like --out <dir>\./],
    ["build", ["--shard", "4/3"], /^build: --shard takes i\/n with 1 ≤ i ≤ n, like --shard 1\/2 \(got "4\/3"\)\./],
    ["build", ["--concurrency", "many"], /^build: --concurrency takes a whole number of at least 1/],
    ["check", ["--gate", "spelling"], /^check: --gate spelling is not a gate; the gates are readability,/],
    ["check", ["--max-grde", "8"], /^check: there is no option --max-grde; did you mean --max-grade\?/],
    ["bench", ["--runs", "three"], /^bench: --runs takes a whole number/],
    ["dev", ["--prot", "8080"], /^dev: there is no option --prot; did you mean --port\?/],
    ["merge", ["--out", "x"], /^merge: give at least 1 SHARD_DIR \(the output folder of one shard build/],
    ["decks-only", [], /^decks-only: give at least 1 FOLDER \(the content folder to write/],
  ])("npm run %s -- %j is one line and exit 64, not a stack trace", async (script, args, says) => {
    const result = await runScript(script, args);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toMatch(says);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the exit codes", () => {
  it("are documented in the README's table, every code of the one table and no other", () => {
    const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Exit codes"));
    const documented = [...section.slice(0, section.indexOf("\n\n#")).matchAll(/^\| (\d+) \| /gm)].map((m) => Number(m[1]));
    expect(documented).toEqual(Object.values(ExitCode).sort((a, b) => a - b));
  });
});

describe("failures a user can meet", () => {
  it("says Chromium stopped while printing a named document when the browser is killed, with exit 3, the output untouched and no process left", async () => {
    const before = folderFingerprint(out);
    let killed: string | undefined;
    const result = await runBuildCli(["--content", fixture.content, "--out", out, "--force", "--no-cache"], {
      onStdout: (text) => {
        if (killed !== undefined || !text.includes("site:")) return;
        killed = "";
        // Once the browser has a renderer (a page is printing), kill the browser's main process outright, as
        // the out-of-memory killer would.
        void (async () => {
          await eventually(() => chromiumProcesses().some((line) => line.includes("--type=renderer")), 10_000);
          await new Promise((resolve) => setTimeout(resolve, 100));
          const main = chromiumProcesses().find((line) => !line.includes("--type="));
          killed = main ?? "none";
          if (main) process.kill(Number(main.split(" ")[0]), "SIGKILL");
        })();
      },
    });
    expect(killed, "the browser's main process was found and killed").toMatch(/^\d+ /);
    expect(result.code, result.stderr).toBe(ExitCode.browser);
    const stderr = said(result.stderr);
    expect(stderr).toMatch(/^Build failed: Chromium stopped while printing content\/sample\/(handouts\/short|decks\/intro)\.md \([^)]+\.pdf[^)]*\); try again, or use --browser <path>/);
    expect(stderr).toContain(`The previous ${out}/ was left as it was.`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.trim().split("\n")).toHaveLength(2);
    expect(folderFingerprint(out)).toEqual(before);
    expect(await eventually(() => chromiumProcesses().length === 0)).toBe(true);
  });

  it("stops on Ctrl-C with the sentence about the output folder printed once, naming the folder as --out gave it", async () => {
    const relative = path.relative(repoRoot, out);
    const before = folderFingerprint(out);
    let signalled = false;
    const result = await runBuildCli(["--content", fixture.content, "--out", relative, "--force", "--no-cache"], {
      onStdout: (text, child) => {
        if (!signalled && text.includes("site:")) {
          signalled = true;
          setTimeout(() => child.kill("SIGINT"), 150);
        }
      },
    });
    expect(signalled).toBe(true);
    expect(result.code).toBe(ExitCode.interrupted);
    expect(said(result.stderr)).toBe(`Build failed: Stopped by SIGINT.\nThe previous ${relative}/ was left as it was.\n`);
    expect(folderFingerprint(out)).toEqual(before);
    expect(await eventually(() => chromiumProcesses().length === 0)).toBe(true);
  });

  it("names the output folder as given when a content mistake stops the build", async () => {
    const broken = copyFixture("basic");
    try {
      const file = path.join(broken.content, "sample/handouts/short.md");
      writeFileSync(file, readFileSync(file, "utf8").replace("reviewed: 2026-01-10", "reviewed: soon"));
      const result = await runBuildCli(["--content", broken.content, "--out", "somewhere/else", "--site-only"]);
      expect(result.code).toBe(ExitCode.content);
      expect(result.stderr).toContain("Nothing was written to somewhere/else/ (it did not exist before).");
      expect(result.stderr).not.toContain("output/");
      expect(existsSync(path.join(repoRoot, "somewhere"))).toBe(false);
    } finally {
      rmSync(broken.dir, { recursive: true, force: true });
    }
  });

  // A real full disk: a 1 MiB tmpfs mounted in a private mount namespace (no root needed where user namespaces
  // are allowed). Without them the test cannot fill a disk honestly, and is skipped with the reason.
  const canMount = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "true"]).status === 0;
  it.skipIf(!canMount)("says what was kept and where when the disk fills up, with exit 6 and no stack trace", () => {
    const script = [
      "set -e",
      `mount -t tmpfs -o size=1m tmpfs "${fixture.dir}/small"`,
      `mkdir "${fixture.dir}/small/site" && echo kept > "${fixture.dir}/small/site/previous.txt"`,
      `set +e; "${process.execPath}" scripts/build.ts --content "${fixture.content}" --out "${fixture.dir}/small/site" --site-only --force; echo "exit=$?"`,
      `cat "${fixture.dir}/small/site/previous.txt"; ls "${fixture.dir}/small"`,
    ].join("\n");
    mkdirSync(path.join(fixture.dir, "small"), { recursive: true });
    const result = spawnSync("unshare", ["--user", "--map-root-user", "--mount", "sh", "-c", script], { cwd: repoRoot, encoding: "utf8" });
    expect(result.stdout).toMatch(/exit=6\nkept\nsite\n$/);
    expect(said(result.stderr)).toMatch(/^Build failed: Could not write \S+: the disk is full \(ENOSPC\)\. Free some space/);
    expect(result.stderr).toContain(`The previous ${fixture.dir}/small/site/ was left as it was.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
