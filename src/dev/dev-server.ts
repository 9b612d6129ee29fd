/**
 * `npm run dev`: the author's loop. Builds the site into its own folder (`.dev-output/` by default, never
 * output/), serves it with live reload, and rebuilds on every save in content/ or templates/:
 *
 * - each build is the build's own site phase (content check, Eleventy in a worker, search index) into a staging
 *   folder swapped into place, so a failed build leaves the last good pages to show;
 * - a content or template error shows in the open page as an overlay with the file and line, and clears on the
 *   next good build;
 * - each handout page shows whether its sheet fits (src/dev/handout-fit.ts), measured again when it changed.
 *
 * The overlay, the banner and the reload script are added to pages as they are served, never written to a folder.
 */
import { createHash } from "node:crypto";
import { existsSync, watch, type FSWatcher } from "node:fs";
import type { Duplex } from "node:stream";
import { readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { loadContent } from "../content/load-content.ts";
import { findUserError, writeErrorFrom } from "../errors.ts";
import { buildSite, SiteBuildError } from "../build/build-site.ts";
import { writeSearchIndex } from "../build/search-index.ts";
import { removeStaleStaging, stagingFolder, swapIntoPlace } from "../build/staging.ts";
import { unlistedHtmlFiles } from "../eleventy/site-files.ts";
import { CONTENT_TYPES } from "../pdf/serve-from-output.ts";
import { readManifest } from "../pdf/jobs.ts";
import { DEV_CSS, DEV_PREFIX, devPage, noBuildYetPage, RELOAD_SCRIPT } from "./dev-page.ts";
import { HandoutFitter, type HandoutFit } from "./handout-fit.ts";

export interface DevOptions {
  root: string;
  contentDir: string;
  outDir: string;
  /** The output folder as the user named it, for messages. */
  outLabel: string;
  port: number;
  host: string;
  /** Chromium for the fit banner; none turns the banner off. */
  browserPath: string | undefined;
  log: (line: string) => void;
}

export interface DevServer {
  url: string;
  /** Resolves after the first build (good or bad) has been served. */
  firstBuild: Promise<void>;
  close(): Promise<void>;
}

export async function startDevServer(options: DevOptions): Promise<DevServer> {
  const outDir = path.resolve(options.outDir);
  const watchedDirs = [options.contentDir, path.join(options.root, "templates")];
  const fitter = options.browserPath ? new HandoutFitter(options.browserPath) : undefined;
  let error: string | undefined;
  let fits = new Map<string, HandoutFit>();
  let sitePrefix = "/";
  const clients = new Set<Duplex>();
  const abort = new AbortController();

  const reloadPages = (): void => {
    for (const client of clients) client.write(textFrame("reload"));
  };

  // One build at a time; saves during a build start one more build after it.
  let building: Promise<void> | undefined;
  let again = false;
  const rebuild = (): Promise<void> => {
    if (building) {
      again = true;
      return building;
    }
    building = (async () => {
      do {
        again = false;
        await buildOnce();
      } while (again && !abort.signal.aborted);
    })().finally(() => (building = undefined));
    return building;
  };

  const buildOnce = async (): Promise<void> => {
    const started = performance.now();
    const staging = stagingFolder(outDir);
    try {
      // Every content mistake at once, with file and line, before Eleventy (as the build does).
      loadContent(options.contentDir);
      removeStaleStaging(outDir);
      await buildSite({ input: options.contentDir, output: staging, configPath: path.join(options.root, ".eleventy.js"), runMode: "serve" }, abort.signal);
      await writeSearchIndex(staging, unlistedHtmlFiles());
      await swapIntoPlace(staging, outDir);
      error = undefined;
      sitePrefix = new URL(readManifest(outDir).site.baseUrl).pathname;
      options.log(`built into ${options.outLabel} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
      if (fitter) {
        try {
          fits = await fitter.measure(outDir, options.log);
        } catch (fitError) {
          options.log(`fit: not measured (${(fitError as Error).message.split("\n")[0]})`);
        }
      }
    } catch (buildError) {
      await rm(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
      if (abort.signal.aborted) return;
      error = describeBuildError(buildError);
      options.log(`build failed, shown in the open page:\n${error}`);
    }
    reloadPages();
  };

  const server = createServer((request, response) => {
    void serve(request, response).catch((serveError: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(String(serveError));
    });
  });

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (pathname === `${DEV_PREFIX}reload.js`) return send(response, 200, CONTENT_TYPES[".js"] ?? "text/javascript", RELOAD_SCRIPT);
    if (pathname === `${DEV_PREFIX}dev.css`) return send(response, 200, CONTENT_TYPES[".css"] ?? "text/css", DEV_CSS);
    if (!existsSync(outDir)) return send(response, 503, "text/html; charset=utf-8", noBuildYetPage(error));

    const found = await findFile(outDir, pathname, sitePrefix);
    if (found === "redirect") {
      response.writeHead(301, { location: `${pathname}/` });
      response.end();
      return;
    }
    const file = found ?? path.join(outDir, "404.html");
    const type = CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream";
    const status = found ? 200 : 404;
    const body = await readFile(file).catch(() => undefined);
    if (!body) return send(response, 404, "text/plain; charset=utf-8", "Not found");
    if (path.extname(file) !== ".html") return send(response, status, type, body);
    const url = `/${path.relative(outDir, path.dirname(file)).split(path.sep).join("/")}/`.replace(/^\/\/$/, "/");
    return send(response, status, type, devPage(body.toString("utf8"), { error, fit: fits.get(url) }));
  };

  // The reload clients' WebSockets: only the handshake and server-to-client text frames are needed.
  server.on("upgrade", (request: IncomingMessage, socket: Duplex) => {
    const key = request.headers["sec-websocket-key"];
    if (new URL(request.url ?? "/", "http://localhost").pathname !== `${DEV_PREFIX}socket` || typeof key !== "string") {
      socket.destroy();
      return;
    }
    const accept = createHash("sha1").update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest("base64");
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    clients.add(socket);
    // What the page sends (a close frame when it reloads) needs no answer; the socket simply ends.
    socket.on("data", () => undefined);
    socket.on("error", () => clients.delete(socket));
    socket.on("close", () => clients.delete(socket));
  });

  // Saves in content/ and templates/ rebuild; a burst of saves (an editor writing a file and its backup) is one.
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = watchedDirs.filter((dir) => existsSync(dir)).map((dir) =>
    watch(dir, { recursive: true }, (_event, file) => {
      if (file && /(^|[\\/])(\.|.*~$)/.test(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        options.log(`changed: ${file ?? dir}`);
        void rebuild();
      }, 150);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}/`;
  const firstBuild = rebuild();

  return {
    url,
    firstBuild,
    async close() {
      abort.abort("SIGINT");
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await building?.catch(() => undefined);
      await fitter?.close();
    },
  };
}

/** One unmasked WebSocket text frame (server to client), for short messages. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  return Buffer.concat([Buffer.from([0x81, payload.length]), payload]);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  response.end(body);
}

/**
 * The built file for a request: a folder's index.html, also under the site's sub-path from baseUrl (the 404
 * page links there). "redirect" for a folder asked without its trailing slash (page-relative links need it).
 */
async function findFile(root: string, pathname: string, sitePrefix: string): Promise<string | "redirect" | undefined> {
  const candidates = [pathname];
  if (sitePrefix !== "/" && pathname.startsWith(sitePrefix)) candidates.push(`/${pathname.slice(sitePrefix.length)}`);
  for (const candidate of candidates) {
    const file = path.resolve(root, `.${candidate}`);
    if (file !== root && !file.startsWith(root + path.sep)) continue;
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!candidate.endsWith("/")) return "redirect";
      const index = path.join(file, "index.html");
      if ((await stat(index).catch(() => undefined))?.isFile()) return index;
    } else if (info?.isFile()) return file;
  }
  return undefined;
}

/** A build error as the overlay shows it: a user's mistake as its sentence (file and line), else Eleventy's messages. */
function describeBuildError(error: unknown): string {
  const user = findUserError(error) ?? writeErrorFrom(error);
  if (user) return user.message;
  if (error instanceof SiteBuildError) return error.summary;
  return error instanceof Error ? error.message : String(error);
}
