import puppeteer from "puppeteer-core";
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
const [root, slug = "overview", fit = "0.97", figScale = "0.6"] = process.argv.slice(2);
const types = { ".html": "text/html", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".js": "text/javascript" };
const server = http.createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname); if (p.endsWith("/")) p += "index.html";
  try { const body = await readFile(path.join(root, p)); res.writeHead(200, { "content-type": types[path.extname(p)] ?? "application/octet-stream" }); res.end(body); } catch { res.writeHead(404); res.end(); }
}).listen(0);
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage(); await page.setBypassCSP(true);
await page.setViewport({ width: 816, height: 1056 }); await page.emulateMediaType("print");
await page.goto(`http://127.0.0.1:${server.address().port}/handouts/${slug}/`, { waitUntil: "networkidle0" });
const r = await page.evaluate(async (fit, figScale) => {
  const s = document.createElement("style"); s.textContent = `:root{--fit:${fit};--figure-scale:${figScale}}`; document.head.append(s);
  await document.fonts.ready;
  const out = [];
  const h = (el) => Math.round(el.getBoundingClientRect().height);
  out.push(["header", h(document.querySelector(".sheet-header"))], ["footer", h(document.querySelector(".sheet-footer"))]);
  for (const el of document.querySelector(".sheet-body").children) out.push([el.tagName + "." + (el.className || "").toString().slice(0, 20), h(el), (el.textContent || "").trim().slice(0, 30)]);
  return out;
}, fit, figScale);
for (const row of r) console.log(row.join("\t"));
await browser.close(); server.close();
