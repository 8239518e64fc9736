// Two windows, one truth. A sale made in this window emits `stock-changed` from the shell (every
// window of this process hears it); a sale made by another process on the same book (a second app,
// the CLI) moves the book's data_version, which this window polls and then announces as the same
// event (with no document number), so every screen reads again what it shows.

/** Poll `read` every `everyMs`; call `changed` each time its value moves. Returns the stop. */
export function watchVersion(read: () => Promise<number>, changed: () => void, everyMs: number): () => void {
  let last: number | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const v = await read();
      if (last !== null && v !== last) changed();
      last = v;
    } catch {
      // A closed or locked book: try again at the next tick.
    }
    if (!stopped) timer = setTimeout(tick, everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
