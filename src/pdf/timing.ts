/**
 * Where a PDF job's time goes, step by step, so `npm run bench` can show what to speed up instead of guessing.
 * Two clock reads per step: cheap enough to leave on.
 */

/** The steps of one job, in the order they run. `serve` overlaps `load`: it is the time spent answering requests. */
export const STEPS = ["page", "load", "layout", "measure", "print", "thumbnail", "pptx", "metadata", "write", "close", "serve"] as const;
export type Step = (typeof STEPS)[number];

export interface JobTimings {
  /** Milliseconds per step (a step that ran twice, like a second print, adds up). */
  ms: Partial<Record<Step, number>>;
  /** How often each step ran: prints per job, requests answered. */
  count: Partial<Record<Step, number>>;
}

/** Runs `work` as `step`, adding its time to the job's figures. */
export type TimeStep = <T>(step: Step, work: () => Promise<T>) => Promise<T>;

export const untimed: TimeStep = (_step, work) => work();

export function stepTimer(): { time: TimeStep; add: (step: Step, ms: number) => void; timings: JobTimings } {
  const timings: JobTimings = { ms: {}, count: {} };
  const add = (step: Step, ms: number): void => {
    timings.ms[step] = (timings.ms[step] ?? 0) + ms;
    timings.count[step] = (timings.count[step] ?? 0) + 1;
  };
  const time: TimeStep = async (step, work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      add(step, performance.now() - started);
    }
  };
  return { time, add, timings };
}
