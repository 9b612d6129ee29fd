// Quick fit estimate: serve a site-only build, load each handout in print media at Letter width and a given
// type step, shrink figures to a given scale, hide the sources line, and report how far the sheet runs over.
import puppeteer from "puppeteer-core";
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
const [root, fit = "0.97", figScale = "0.55", extraCss = ""] = process.argv.slice(2);
const types = { ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".js": "text/javascript" };
const server = http.createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  try { const body = await readFile(path.join(root, p)); res.writeHead(200, { "content-type": types[path.extname(p)] ?? "application/octet-stream" }); res.end(body); }
  catch { res.writeHead(404); res.end(); }
}).listen(0);
const port = server.address().port;
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage(); await page.setBypassCSP(true);
for (const [paper, w, h] of [["letter", 816, 1056], ["a4", 794, 1122]]) {
  await page.setViewport({ width: w, height: h });
  await page.emulateMediaType("print");
  for (const slug of ["overview", "mri-report", "knee", "hip", "foot-and-ankle", "recovery-plan", "injection-or-procedure"]) {
    await page.goto(`http://127.0.0.1:${port}/handouts/${slug}/`, { waitUntil: "networkidle0" });
    const r = await page.evaluate(async (fit, figScale, extraCss) => {
      const s = document.createElement("style");
      s.textContent = `:root{--fit:${fit};--figure-scale:${figScale}} .sheet-sources{display:none} sup.cite{display:none} ${extraCss}`;
      document.head.append(s);
      await document.fonts.ready;
      const sheet = document.querySelector(".sheet"); sheet.style.minHeight = "0";
      return sheet.getBoundingClientRect().height;
    }, fit, figScale, extraCss);
    if (process.env.SHOT === slug && paper === "letter") { await page.evaluate(() => { document.querySelector(".sheet").style.minHeight = ""; }); await page.screenshot({ path: `/tmp/shot-${slug}.png`, fullPage: true }); }
    const over = r - h;
    console.log(`${paper}\t${slug}\t${over > 0 ? "OVER" : "fits"} ${Math.round(over)} px (${(over / 96 * 25.4).toFixed(0)} mm, ~${Math.ceil(over / 21)} lines)`);
  }
}
await browser.close(); server.close();
