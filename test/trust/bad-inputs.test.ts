/// <reference types="vite/client" />
/**
 * Every public function and its bad inputs, one table: each call throws a TapegradError
 * (never a raw TypeError or RangeError) naming the function and the argument, and changes
 * no state. The tables live beside this file, one per layer.
 */
import { describe, expect, it } from 'vitest';
import { TapegradError } from '../../src/index.js';
import type { BadCase } from './cases.js';

const tables: Record<string, BadCase[]> = Object.fromEntries(
  await Promise.all(
    Object.entries(import.meta.glob<{ cases: BadCase[] }>('./cases-*.ts')).map(async ([path, load]) => [
      path,
      (await load()).cases,
    ]),
  ),
);

for (const [path, cases] of Object.entries(tables)) {
  describe(path, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const state = c.setup?.();
      let caught: unknown;
      try {
        c.call(state);
      } catch (e) {
        caught = e;
      }
      expect(caught, 'the call must throw').toBeInstanceOf(TapegradError);
      const err = caught as TapegradError;
      expect(err.fn).toBe(c.fn);
      expect(err.arg.startsWith(c.arg), `arg ${JSON.stringify(err.arg)} must name ${c.arg}`).toBe(true);
      if (c.after) expect(c.after(state)).toEqual(c.after(c.setup?.()));
    });
  });
}
