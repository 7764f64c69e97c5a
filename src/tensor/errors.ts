/**
 * The one error class of tapegrad. Every check that rejects input throws it, before any
 * state changes, with the function, the argument, what was expected and what came:
 *
 *   `nceLoss: labels must be int32 of shape [B, numTrue] = [4, 1], got int32 [4]`
 */
export class TapegradError extends Error {
  /** 'TapegradError', so that a caught error says which class it is. */
  override readonly name = 'TapegradError';
  /** The message is `${fn}: ${arg} must be ${expected}, got ${actual}`. */
  constructor(
    /** The public function (or op) that rejected its input. */
    readonly fn: string,
    /** The argument at fault. */
    readonly arg: string,
    /** What the argument must be. */
    readonly expected: string,
    /** What it was. */
    readonly actual: string,
  ) {
    super(`${fn}: ${arg} must be ${expected}, got ${actual}`);
  }
}
