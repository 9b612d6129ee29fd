// Scratch (not committed): prints each handout at the smallest steps regardless of fit, to look at it.
import puppeteer from "puppeteer-core";
import { writeFileSync } from "node:fs";
import { serveFolder } from "./test/helpers/static-server.ts";
import { findBrowser } from "./src/pdf/find-browser.ts";
import { CHROMIUM_ARGS } from "./src/pdf/launch-browser.ts";
import { PAPER } from "./src/pdf/paper.ts";
const site = process.argv[2] ?? "/tmp/fit-site";
const slugs = (process.argv[3] ?? "overview,knee,hip,foot-and-ankle,mri-report,recovery-plan,injection-or-procedure").split(",");
const server = await serveFolder(site, "/");
const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_ARGS });
for (const slug of slugs) for (const [paper, large] of [["letter", false], ["a4", false], ["letter", true]] as const) {
  const page = await browser.newPage();
  const p = PAPER[paper];
  await page.setViewport({ width: Math.floor(p.widthPx), height: Math.floor(p.heightPx) });
  await page.emulateMediaType("print");
  await page.goto(`${server.url}handouts/${slug}/`, { waitUntil: "load" });
  const needed = await page.evaluate(async (css, large, fit, fig) => {
    const st = document.createElement("style"); st.textContent = css; document.head.append(st);
    document.documentElement.classList.add(`paper-x`); document.documentElement.classList.toggle("large-print", large);
    document.documentElement.style.setProperty("--fit", String(fit)); document.documentElement.style.setProperty("--figure-scale", String(fig));
    void document.documentElement.offsetHeight; await document.fonts.ready;
    const sheet = document.querySelector<HTMLElement>(".sheet")!; sheet.style.minHeight = "0";
    const h = sheet.getBoundingClientRect().height; sheet.style.minHeight = "";
    const parts: Record<string, number> = {};
    for (const sel of [".sheet-header", ".sheet-footer", ".help-box", ".sheet-body > p:first-child", ".sheet-body"]) { const e = document.querySelector(sel); if (e) parts[sel] = Math.round(e.getBoundingClientRect().height); }
    return { h, parts };
  }, `@page { size: ${p.cssName}; } @page large-print { size: ${p.cssName}; }`, large, large ? 0.91 : 0.96, 0.55);
  const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true });
  const name = `${slug}.${large ? "large" : paper}`;
  writeFileSync(`/tmp/fit-prev/${name}.pdf`, pdf);
  const limit = large ? 2 * p.heightPx - 2 * (26 / 25.4) * 96 : p.heightPx;
  console.log(name.padEnd(32), "over mm", (((needed.h - limit) / 96) * 25.4).toFixed(1), JSON.stringify(needed.parts));
  await page.close();
}
await browser.close(); await server.close();
