/**
 * The shape of one bad-input case for test/trust/bad-inputs.test.ts. `setup` builds fresh
 * state (weights, a sampler, an optimizer…); `call` must throw a TapegradError from `fn`
 * naming `arg`; afterwards `after(state)` must equal `after(setup())` of untouched state
 * (weights bit for bit, a sampler's next draw, an optimizer's stateDict).
 */
export interface BadCase<S = unknown> {
  /** What goes in, as a reader would say it. */
  name: string;
  setup?: () => S;
  call: (state: S) => unknown;
  /** The public function the error names. */
  fn: string;
  /** The argument the error names (the error's `arg` starts with this). */
  arg: string;
  /** What must be unchanged by the failed call. */
  after?: (state: S) => unknown;
}

/** Typed helper so a table can mix states. */
export const badCase = <S>(c: BadCase<S>): BadCase => c as BadCase;

/** A value of the wrong type, passed where the types forbid it. */
export const never = (v: unknown) => v as never;
