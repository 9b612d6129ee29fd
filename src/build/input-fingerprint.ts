/**
 * A fingerprint of everything a build reads: the content folder, the templates, the build's own code, the
 * installed packages (through the lockfile), the options and the browser. When it matches the one saved by the
 * last successful build into the same folder, output/ is already what this build would make, and the build can
 * stop at once: that is what makes a rebuild with no change instant.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export function inputFingerprint(paths: readonly string[], options: unknown): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(options));
  hash.update(process.version);
  const addFile = (file: string): void => {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(file));
  };
  const walk = (entry: string): void => {
    if (!existsSync(entry)) {
      hash.update(`\0missing ${entry}`);
      return;
    }
    if (!statSync(entry).isDirectory()) return addFile(entry);
    for (const name of readdirSync(entry).sort()) {
      if (name === "node_modules" || name.startsWith(".")) continue;
      walk(path.join(entry, name));
    }
  };
  for (const entry of paths) walk(entry);
  return hash.digest("hex");
}

/**
 * Every file in the output folder with its size and modification time: saved with the input fingerprint after a
 * build, so a folder changed since (by a dev server, a merge or a hand edit) is never taken as up to date. Cheap
 * (no file is read): a few milliseconds for a thousand handouts.
 */
export function outputSignature(outDir: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const info = statSync(full);
        hash.update(`${path.relative(outDir, full)}\0${info.size}\0${info.mtimeMs}\n`);
      }
    }
  };
  if (existsSync(outDir)) walk(outDir);
  return hash.digest("hex");
}

/** Where the fingerprint of the last good build into `outDir` is kept: beside the cache, not in output/. */
export function fingerprintFile(cacheRoot: string, outDir: string): string {
  const id = createHash("sha256").update(path.resolve(outDir)).digest("hex").slice(0, 16);
  return path.join(cacheRoot, `last-build-${id}.txt`);
}
