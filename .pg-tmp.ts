import { execFileSync } from "node:child_process";
import { withBrowser } from "./src/pdf/launch-browser.ts";
const ours = () => { try { return execFileSync("pgrep", ["-a", "-P", String(process.pid), "chrom"], { encoding: "utf8" }).split("\n").filter(Boolean).length; } catch { return 0; } };
await withBrowser("/usr/bin/chromium", async () => console.log("inside", ours()));
console.log("after", ours());
