/**
 * What `npm run dev` adds to each page it serves, at the moment it serves it (never written to any folder): the
 * live-reload script, an error overlay while the last change does not build, and on handouts a banner saying
 * whether the sheet fits. Everything comes from the dev server's own origin as files (`/__dev/…`), because the
 * pages' Content-Security-Policy allows no inline script or style; in dev it allows scripts and connections
 * from the page's own origin (src/eleventy/csp.ts).
 */

export const DEV_PREFIX = "/__dev/";

/**
 * The live-reload client: one WebSocket (not an EventSource, whose never-ending request would keep the page from
 * ever being "network idle" for tools that wait for that); the server sends `reload` after every build.
 */
export const RELOAD_SCRIPT = `// npm run dev: reloads the page when the dev server has built a change (or failed to).
(() => {
  const socket = new WebSocket(\`\${location.protocol === "https:" ? "wss" : "ws"}://\${location.host}${DEV_PREFIX}socket\`);
  socket.addEventListener("message", (event) => {
    if (event.data === "reload") location.reload();
  });
})();
`;

export const DEV_CSS = `/* npm run dev only: the error overlay and the fit banner. */
#dev-error {
  position: fixed; inset: 0 0 auto 0; z-index: 2147483647; max-height: 80vh; overflow: auto;
  margin: 0; padding: 1rem 1.5rem; background: #fff4f4; color: #5c0000; border-bottom: 4px solid #b00020;
  font: 15px/1.5 system-ui, sans-serif; box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
}
#dev-error h2 { margin: 0 0 0.5rem; font-size: 18px; }
#dev-error pre { margin: 0.5rem 0; white-space: pre-wrap; font: 14px/1.5 ui-monospace, monospace; color: #000; }
#dev-fit {
  position: fixed; right: 0.75rem; bottom: 0.75rem; z-index: 2147483646; max-width: 34rem;
  padding: 0.5rem 0.75rem; border-radius: 6px; font: 14px/1.4 system-ui, sans-serif;
  box-shadow: 0 2px 10px rgb(0 0 0 / 25%); background: #eef8ee; color: #0b3d0b; border: 2px solid #2e7d32;
}
#dev-fit.dev-fit-over { background: #fff4e5; color: #4a2500; border-color: #b45309; }
#dev-fit p { margin: 0.15rem 0; }
@media print { #dev-error, #dev-fit { display: none; } }
`;

export interface DevPageState {
  /** The last change's build error (file and line in the message), or undefined when the last build succeeded. */
  error: string | undefined;
  /** Fit lines for this page (handouts only). */
  fit: { lines: string[]; over: boolean } | undefined;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function errorOverlay(error: string): string {
  return (
    `<div id="dev-error" role="alert"><h2>npm run dev: the last change did not build</h2>` +
    `<pre>${escapeHtml(error)}</pre>` +
    `<p>Below is the last good build. Fix the file and save: this message goes away by itself.</p></div>`
  );
}

export function fitBanner(fit: { lines: string[]; over: boolean }): string {
  return `<aside id="dev-fit" class="${fit.over ? "dev-fit-over" : "dev-fit-ok"}" aria-label="Fit (npm run dev only)">${fit.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}</aside>`;
}

/** The page with the dev additions: stylesheet and script in its head, overlay and banner first in its body. */
export function devPage(html: string, state: DevPageState): string {
  const head = `<link rel="stylesheet" href="${DEV_PREFIX}dev.css"><script src="${DEV_PREFIX}reload.js" defer></script>`;
  const body = `${state.error ? errorOverlay(state.error) : ""}${state.fit ? fitBanner(state.fit) : ""}`;
  let page = /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${head}</head>`) : `${head}${html}`;
  page = /<body[^>]*>/i.test(page) ? page.replace(/<body[^>]*>/i, (tag) => `${tag}${body}`) : `${page}${body}`;
  return page;
}

/** The page served before any build has succeeded: only the error, and the reload script. */
export function noBuildYetPage(error: string | undefined): string {
  return devPage(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm run dev</title></head><body>` +
      `<main><h1>${error ? "The site did not build" : "Building the site…"}</h1></main></body></html>`,
    { error, fit: undefined },
  );
}
