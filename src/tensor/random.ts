import seedrandom from 'seedrandom';
import { checkSeed } from './check.js';

/** A seeded generator of doubles uniform in [0, 1). All randomness in tapegrad flows from one. */
export type Rng = () => number;

/** What a seed may be: a number or string (a new generator), or a generator to draw from. */
export type Seed = number | string | Rng;

/**
 * A generator from a seed: the same seed gives the same stream on every machine
 * (seedrandom's Alea). A generator passed in is returned as it is, so it advances.
 * Errors: a seed that is not a number, a string or a function.
 */
export function makeRng(seed: Seed): Rng {
  if (typeof seed === 'function') return seed;
  checkSeed('makeRng', 'seed', seed);
  const r = seedrandom.alea(String(seed));
  return () => r.double();
}

/** A standard normal draw by Box–Muller: sqrt(-2 ln u1) · cos(2π u2), u1 in (0, 1]. */
export function normal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** Where draws come from when no seed is given: one stream, reproducible for the same program. */
export const defaultRng: Rng = makeRng('tapegrad');
