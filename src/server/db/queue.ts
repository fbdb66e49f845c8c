/**
 * A fair, bounded FIFO in front of a single connection (PGlite).
 *
 * Why: PGlite runs each statement synchronously in WebAssembly on the event
 * loop, and its own mutex hands the connection straight to the next waiter in
 * a microtask. Under load the loop then runs request after request without
 * ever polling the sockets, so work is served in bursts by socket order and a
 * request that arrived just after a burst began waits for the whole burst and
 * more (docs/PERFORMANCE.md measured a 16 s maximum at a 1.2 s median). Here
 * each unit of work — one whole transaction, or one statement outside a
 * transaction — takes a ticket in arrival order, and between two units the
 * loop is given one turn (setImmediate) to read new requests and enqueue
 * them, so they are served in the order they came. Past `max` waiting units
 * new work is refused at once (the caller answers 503 DB_BUSY) instead of
 * waiting without bound.
 *
 * A transaction's own statements do not pass through here (they run on the
 * transaction's handle, inside its unit), so they never wait behind outside
 * work — that would deadlock.
 */
export class AdmissionQueue {
  private readonly waiting: (() => void)[] = [];
  /** index of the next waiter: shifting a long array is O(n), so it is compacted now and then */
  private head = 0;
  private busy = false;

  constructor(
    readonly max: number,
    private readonly refuse: () => Error,
  ) {}

  /** units waiting for the connection (not counting the one running) */
  get length(): number {
    return this.waiting.length - this.head;
  }

  run<T>(unit: () => Promise<T>): Promise<T> {
    if (this.length >= this.max) return Promise.reject(this.refuse());
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => void this.start(unit).then(resolve, reject));
      // Even an idle connection starts the unit on the loop's next turn, not now: requests read from the
      // sockets in this turn take their tickets first, in the order they arrived.
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => this.next());
      }
    });
  }

  private start<T>(unit: () => Promise<T>): Promise<T> {
    let p: Promise<T>;
    try {
      p = unit();
    } catch (e) {
      p = Promise.reject(e);
    }
    // Whatever the unit's outcome, the next one gets the connection: one failure must not stall the queue.
    return p.finally(() => setImmediate(() => this.next()));
  }

  /** Hands the connection to the oldest waiter, or marks it free. */
  private next(): void {
    if (this.length === 0) {
      this.busy = false;
      this.waiting.length = 0;
      this.head = 0;
      return;
    }
    const w = this.waiting[this.head]!;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    w();
  }
}
