/** Copies a fixture content folder into a fresh temporary folder, so a test can break it without harm. */
import { cpSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "..", "..");

export function copyFixture(name: string): { dir: string; content: string; out: string } {
  const dir = mkdtempSync(path.join(tmpdir(), `handouts-${name}-`));
  cpSync(path.join(repoRoot, "test", "fixtures", name, "content"), path.join(dir, "content"), { recursive: true });
  return { dir, content: path.join(dir, "content"), out: path.join(dir, "output") };
}

export function writeContent(contentDir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(contentDir, file)), { recursive: true });
  writeFileSync(path.join(contentDir, file), text);
}
