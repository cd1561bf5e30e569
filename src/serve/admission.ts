/**
 * Admission control for the service: at most `inFlight` conversions run at once and at most
 * `queue` wait for a slot; anything past that is refused at once (the caller answers 503 with
 * Retry-After) instead of piling up memory. A waiter that waits longer than `maxWaitMs` is
 * refused too, so a client never hangs on a server that is saturated.
 */
export interface AdmissionLimits {
  inFlight: number;
  queue: number;
  maxWaitMs: number;
}

export type Ticket = { release: () => void };

export class Admission {
  private running = 0;
  private readonly waiting: { grant: (t: Ticket | null) => void; timer: ReturnType<typeof setTimeout> }[] = [];

  constructor(readonly limits: AdmissionLimits) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A ticket when a slot is free (now or within maxWaitMs), else null: refuse the request. */
  enter(): Promise<Ticket | null> {
    if (this.running < this.limits.inFlight) return Promise.resolve(this.ticket());
    if (this.waiting.length >= this.limits.queue) return Promise.resolve(null);
    return new Promise((grant) => {
      const entry = {
        grant,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          grant(null);
        }, this.limits.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private ticket(): Ticket {
    this.running++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const next = this.waiting.shift();
        if (next) {
          clearTimeout(next.timer);
          next.grant(this.ticket());
        }
      },
    };
  }
}
