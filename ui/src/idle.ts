// The inactivity lock: after `timeoutMs` without input the till locks back to the sign-in screen.
// Input (a key, a click, a scan) resets the count; 0 means never.

export class IdleLock {
  private last: number;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private timeoutMs: number,
    private onLock: () => void,
    private clock: () => number = () => Date.now(),
  ) {
    this.last = clock();
  }

  /** Start counting from now; checks every `tickMs` (at most the timeout itself). */
  start(tickMs = 1000): void {
    this.stop();
    this.last = this.clock();
    if (this.timeoutMs <= 0) return;
    this.timer = setInterval(() => this.check(), Math.max(50, Math.min(tickMs, this.timeoutMs)));
  }

  /** Someone did something: the count starts again. */
  touch(): void {
    this.last = this.clock();
  }

  /** Lock if the time is up; true when it locked (then it stops until started again). */
  check(): boolean {
    if (this.timeoutMs <= 0 || this.timer === null) return false;
    if (this.clock() - this.last < this.timeoutMs) return false;
    this.stop();
    this.onLock();
    return true;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  get running(): boolean {
    return this.timer !== null;
  }
}
