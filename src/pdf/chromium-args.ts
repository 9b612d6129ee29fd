/**
 * Chromium's command line, in a module of its own (no puppeteer): launch-browser.ts launches with it through
 * puppeteer, and spawn-chromium.ts starts Chromium with it before puppeteer is even loaded.
 */

/** Root needs --no-sandbox; the rest stop Chromium calling home on a closed network at every start. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--no-default-browser-check",
  "--font-render-hinting=none",
  // A tab prints one page after another (render-pdfs.ts). RenderDocument builds a new frame for every page it
  // loads, about 10 ms a page; the back/forward cache would keep every printed page alive in memory.
  "--disable-features=RenderDocument,BackForwardCache",
];

