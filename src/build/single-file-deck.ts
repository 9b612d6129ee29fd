/**
 * Each deck as ONE self-contained HTML file (`slides/<slug>/<slug>.single.html`) for a USB stick at a
 * conference: the deck's built page with its stylesheets, scripts, fonts and images written into it, so it opens
 * from disk, alone, asking for nothing. The speaker view works from the one file too: reveal's notes plugin writes
 * the speaker window itself and shows the slides in two frames of this same file.
 *
 * Made from the finished page in the build's staging folder (after Eleventy, before the PDFs), so it is the page
 * the site serves, byte for byte in everything but where its parts come from. Links to other pages of the site
 * cannot travel with one file: they become the site's public addresses.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readManifest } from "../pdf/jobs.ts";
import { singleFilePolicy } from "../eleventy/csp.ts";

const TYPES: Record<string, string> = {
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
};

/** Writes the single-file edition of every deck listed in the build's manifest. */
export function writeSingleFileDecks(outDir: string): string[] {
  const manifest = readManifest(outDir);
  const written: string[] = [];
  for (const artifact of manifest.artifacts) {
    if (artifact.kind !== "deck" || !artifact.singleFile) continue;
    const html = readFileSync(path.join(outDir, artifact.html), "utf8");
    const publicUrl = new URL(artifact.url.replace(/^\//, ""), manifest.site.baseUrl).href;
    writeFileSync(path.join(outDir, artifact.singleFile), singleFileDeck(html, { outDir, page: artifact.html, publicUrl }));
    written.push(artifact.singleFile);
  }
  return written;
}

export interface SingleFileOptions {
  /** The built site, where the page's files are read from. */
  outDir: string;
  /** The page's HTML file, relative to outDir. */
  page: string;
  /** The page's public address, which links to other pages are resolved against. */
  publicUrl: string;
}

const isLocal = (ref: string): boolean => ref !== "" && !/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);
const withoutQuery = (ref: string): string => ref.replace(/[?#].*$/, "");

/** The deck page as one file (exported for the tests). */
export function singleFileDeck(html: string, options: SingleFileOptions): string {
  const fileOf = (ref: string, from: string): string => {
    const file = path.resolve(options.outDir, path.dirname(from), decodeURI(withoutQuery(ref)));
    if (!file.startsWith(path.resolve(options.outDir) + path.sep)) throw new Error(`${options.page}: ${ref} points outside the built site`);
    return file;
  };
  const dataUri = (ref: string, from: string): string => {
    const file = fileOf(ref, from);
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    return `data:${type};base64,${readFileSync(file).toString("base64")}`;
  };
  const scripts: string[] = [];
  const styles: string[] = [];

  // Pictures and links first, while the page holds only its own markup (the scripts written in later hold
  // `<img src=…>` and `<a href=…>` of their own, inside strings).
  let out = html
    .replace(/(<img\b[^>]*?\ssrc=")([^"]+)"/g, (whole, start: string, src: string) => (isLocal(src) ? `${start}${dataUri(src, options.page)}"` : whole))
    // Links to the site's other pages and files: their public addresses.
    .replace(/(<a\b[^>]*?\shref=")([^"]+)"/g, (whole, start: string, href: string) =>
      isLocal(href) ? `${start}${new URL(href.replace(/&amp;/g, "&"), options.publicUrl).href.replace(/&/g, "&amp;")}"` : whole,
    )
    .replace(/<link rel="icon" href="([^"]+)"/g, (whole, href: string) => (isLocal(href) ? `<link rel="icon" href="${dataUri(href, options.page)}"` : whole))
    // Stylesheets, with the fonts and pictures they name.
    .replace(/<link rel="stylesheet" href="([^"]+)"([^>]*)>/g, (_, href: string, rest: string) => {
      const cssFile = path.relative(options.outDir, fileOf(href, options.page));
      const css = readFileSync(path.join(options.outDir, cssFile), "utf8").replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (whole, _q: string, ref: string) =>
        isLocal(ref) ? `url("${dataUri(ref, cssFile)}")` : whole,
      );
      styles.push(css);
      return `<style${rest.replace(/=""/g, "")}>${css}</style>`;
    })
    // Scripts last; a `</script` inside one (in a string) would end the element early.
    .replace(/<script src="([^"]+)"><\/script>/g, (_, src: string) => {
      const js = readFileSync(fileOf(src, options.page), "utf8").replace(/<\/script/gi, "<\\/script");
      scripts.push(js);
      return `<script>${js}</script>`;
    });

  // The page's policy named files of its own origin; this one allows exactly what is now written inline.
  const policy = singleFilePolicy({ scripts, styles });
  out = out.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
  return out;
}
