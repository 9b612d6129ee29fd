/**
 * Serves a built folder over HTTP on the loopback address under a path prefix, the way a static host serves the
 * site under a sub-path: `/prefix/x/` answers `x/index.html`, and anything missing answers 404.html with status
 * 404. Pagefind fetches its index, which a page opened from disk may not do.
 */
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CONTENT_TYPES } from "../../src/pdf/serve-from-output.ts";


export interface StaticServer {
  /** The site's address, ending in `/`: `http://127.0.0.1:PORT/prefix/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function serveFolder(dir: string, prefix = "/"): Promise<StaticServer> {
  const root = path.resolve(dir);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
      const file = pathname.startsWith(prefix) ? await existingFile(root, pathname.slice(prefix.length)) : undefined;
      if (file) {
        response.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream" });
        response.end(await readFile(file));
        return;
      }
      const notFound = path.join(root, "404.html");
      response.writeHead(404, { "content-type": CONTENT_TYPES[".html"] });
      response.end(await readFile(notFound).catch(() => "Not found"));
    })().catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function existingFile(root: string, relative: string): Promise<string | undefined> {
  let file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    // A folder without the trailing slash would break page-relative links; static hosts redirect, we refuse.
    if (!relative.endsWith("/") && relative !== "") return undefined;
    file = path.join(file, "index.html");
  }
  const found = await stat(file).catch(() => undefined);
  return found?.isFile() ? file : undefined;
}
