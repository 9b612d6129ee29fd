/**
 * Rewrites site-absolute URLs (`/handouts/knee/`) into page-relative ones (`../../handouts/knee/index.html`), so the
 * built folder works at any host and any sub-path, and decks open straight from disk with no server.
 */
export function relativeUrl(target: string, pageUrl: string): string {
  if (!target.startsWith("/") || target.startsWith("//")) return target;
  const split = /^([^?#]*)(.*)$/.exec(target);
  const targetPath = split?.[1] ?? target;
  const suffix = split?.[2] ?? "";
  const fromDir = pageUrl.endsWith("/") ? pageUrl : pageUrl.replace(/[^/]*$/, "");
  const from = fromDir.split("/").filter(Boolean);
  const to = targetPath.split("/").filter(Boolean);
  let shared = 0;
  while (shared < from.length && shared < to.length - (targetPath.endsWith("/") ? 0 : 1) && from[shared] === to[shared]) shared++;
  const up = from.length - shared;
  let rel = "../".repeat(up) + to.slice(shared).join("/");
  if (targetPath.endsWith("/") && to.length > shared) rel += "/";
  // A folder is linked by its index.html: web hosts serve `x/index.html` as they serve `x/`, and a page opened from
  // disk (a USB stick) then opens the page instead of a listing of the folder.
  if (targetPath.endsWith("/")) return `${rel}index.html${suffix}`;
  if (rel === "") rel = "./";
  return rel + suffix;
}
