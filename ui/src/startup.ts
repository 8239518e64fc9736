// The start-up figure: each screen says once when it is ready for its person (the sign-in screen
// takes keys, the till's scan field has the focus). The shell prints the milliseconds since the
// process started (a test reads them without WebDriver); the page keeps them, with its own
// clock's time of each mark, in `window.onebookReady` for a test that drives the window.

export interface ReadyMarks {
  /** Milliseconds since the process started, as the shell counted, by stage. */
  shell: Record<string, number>;
  /** `performance.now()` of each mark in this page, by stage (`pin-entered`, `till`, ...). */
  page: Record<string, number>;
}

/** The marks of this page (one object, created on first use). */
export function readyMarks(target: { onebookReady?: ReadyMarks } = globalThis as never): ReadyMarks {
  target.onebookReady ??= { shell: {}, page: {} };
  return target.onebookReady;
}

/** Note the page time of `stage`; the first time only. Returns whether it was new. */
export function markPage(stage: string, now: number, marks: ReadyMarks = readyMarks()): boolean {
  if (stage in marks.page) return false;
  marks.page[stage] = now;
  return true;
}

/** `stage` is ready: noted in the page and, the first time, told to the shell (`tell`). */
export function markReady(
  stage: string,
  tell: (stage: string) => Promise<number>,
  now: number = performance.now(),
  marks: ReadyMarks = readyMarks(),
): void {
  if (!markPage(stage, now, marks)) return;
  void tell(stage)
    .then((ms) => (marks.shell[stage] = ms))
    .catch(() => {});
}
