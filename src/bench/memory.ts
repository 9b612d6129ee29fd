/**
 * Peak memory of this Node process and every process it started (Chromium's browser, zygotes, renderers, GPU and
 * utility processes; Pagefind), sampled from /proc.
 *
 * Two figures, because Chromium's processes share most of their pages (the 200 MB binary, fork-shared memory of
 * the zygote). The sum of resident set sizes (VmRSS, every ~50 ms) counts a shared page once per process and so
 * errs high, by about 3× for an idle browser. The sum of proportional set sizes (Pss from smaps_rollup, which
 * splits each shared page between the processes sharing it) is the physical memory the build really holds; it is
 * slow to read (~15 ms for a browser's dozen processes), so it is sampled every tenth time (~0.5 s).
 */
import { readdirSync, readFileSync } from "node:fs";

export interface MemorySample {
  /** performance.now() when taken. */
  at: number;
  /** KiB resident (VmRSS) in this Node process. */
  nodeKiB: number;
  /** KiB resident (VmRSS) in all its descendants, summed. */
  childrenKiB: number;
  /** KiB proportional (Pss) in this process and all its descendants, summed; only on every tenth sample. */
  pssKiB?: number;
}

export interface MemoryPeaks {
  /** Highest VmRSS of Node + descendants at one moment, in MiB. */
  totalMiB: number;
  nodeMiB: number;
  childrenMiB: number;
  /** Highest Pss of Node + descendants at one moment, in MiB (sampled less often). */
  pssMiB: number;
  samples: number;
}

function kibField(file: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(file, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process ended between listing and reading: processes come and go
  }
}

/** VmRSS of one process in KiB, or 0 when it has gone. */
export const residentKiB = (pid: number): number => kibField(`/proc/${pid}/status`, "VmRSS");

/** Pss of one process in KiB, or 0 when it has gone. */
export const proportionalKiB = (pid: number): number => kibField(`/proc/${pid}/smaps_rollup`, "Pss");

/** Every process started by `pid`, its children's children and so on (Linux /proc/<pid>/task/<tid>/children). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      let children = "";
      try {
        children = readFileSync(`/proc/${parent}/task/${tid}/children`, "utf8");
      } catch {
        continue;
      }
      for (const child of children.split(" ").filter(Boolean).map(Number)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function sampleOnce(withPss: boolean, pid = process.pid): MemorySample {
  const children = descendants(pid);
  const sample: MemorySample = { at: performance.now(), nodeKiB: residentKiB(pid), childrenKiB: children.reduce((sum, child) => sum + residentKiB(child), 0) };
  if (withPss) sample.pssKiB = [pid, ...children].reduce((sum, p) => sum + proportionalKiB(p), 0);
  return sample;
}

/** Samples until stopped; `peaks(from, to)` gives the peaks within a time window (a build phase). */
export function startSampling(intervalMs = 50): { stop: () => MemorySample[]; peaks: (from?: number, to?: number) => MemoryPeaks } {
  const samples: MemorySample[] = [sampleOnce(true)];
  const timer = setInterval(() => samples.push(sampleOnce(samples.length % 10 === 0)), intervalMs);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      samples.push(sampleOnce(true));
      return samples;
    },
    peaks: (from = -Infinity, to = Infinity) => peaksOf(samples.filter((s) => s.at >= from && s.at <= to)),
  };
}

export function peaksOf(samples: readonly MemorySample[]): MemoryPeaks {
  const mib = (kib: number): number => kib / 1024;
  let total = 0;
  let node = 0;
  let children = 0;
  let pss = 0;
  for (const s of samples) {
    total = Math.max(total, s.nodeKiB + s.childrenKiB);
    node = Math.max(node, s.nodeKiB);
    children = Math.max(children, s.childrenKiB);
    pss = Math.max(pss, s.pssKiB ?? 0);
  }
  return { totalMiB: mib(total), nodeMiB: mib(node), childrenMiB: mib(children), pssMiB: mib(pss), samples: samples.length };
}
