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

/** Where the fingerprint of the last good build into `outDir` is kept: beside the cache, not in output/. */
export function fingerprintFile(cacheRoot: string, outDir: string): string {
  const id = createHash("sha256").update(path.resolve(outDir)).digest("hex").slice(0, 16);
  return path.join(cacheRoot, `last-build-${id}.txt`);
}
