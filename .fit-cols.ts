import puppeteer from "puppeteer-core";
import { serveFolder } from "./test/helpers/static-server.ts";
import { findBrowser } from "./src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "./src/pdf/launch-browser.ts";
import { PAPER } from "./src/pdf/paper.ts";
const server = await serveFolder("/tmp/fit-site", "/");
const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
for (const slug of process.argv[2]!.split(",")) {
const page = await browser.newPage();
const p = PAPER.letter;
await page.setViewport({ width: Math.floor(p.widthPx), height: Math.floor(p.heightPx) });
await page.emulateMediaType("print");
await page.goto(`${server.url}handouts/${slug}/`, { waitUntil: "load" });
const rows = await page.evaluate(async () => {
  document.documentElement.style.setProperty("--fit", "0.96"); document.documentElement.style.setProperty("--figure-scale", "0.55");
  await document.fonts.ready;
  return [...document.querySelector(".sheet-body")!.children].map((e) => { const r = e.getBoundingClientRect(); return `${e.tagName} ${(e.className||"").toString().slice(0,14)} x=${Math.round(r.left)} top=${Math.round(r.top)} bot=${Math.round(r.bottom)} ${(e.textContent||"").trim().slice(0,30)}`; });
});
console.log(slug); console.log(rows.join("\n"));
}
await browser.close(); await server.close();
