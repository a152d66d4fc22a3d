/** The one source of domain time. Never read Date.now() or the database's now() for game rules. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A movable clock for tests, demos and frontends (TEST_CLOCK=1). It follows real time until it is
 * set; after that it stands still at the set instant until it is moved again, like Stripe's test clocks.
 */
export class TestClock implements Clock {
  private frozenAt: Date | null = null;

  now(): Date {
    return this.frozenAt ? new Date(this.frozenAt) : new Date();
  }

  set(instant: Date): Date {
    this.frozenAt = new Date(instant);
    return this.now();
  }

  advance(seconds: number): Date {
    return this.set(new Date(this.now().getTime() + seconds * 1000));
  }
}
