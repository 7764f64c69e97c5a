/**
 * A sampler object's draws from a stream the caller gives (`sample({ seed })`, `drawInto`)
 * leave its own stream untouched, and equal the stateless functions' draws of that seed.
 */
import { describe, expect, it } from 'vitest';
import {
  FixedUnigramSampler,
  fixedUnigramCandidateSampler,
  makeRng,
  tensor,
  TapegradError,
} from '../../../src/index.js';
import { SAMPLE_CHECKED } from '../../../src/nn/samplers/base.js';

const unigrams = [5, 1, 3, 0, 2, 8];
const trueClasses = tensor([[0], [5]], undefined, 'int32');
const call = { trueClasses, numTrue: 1, numSampled: 3, unique: true };
const make = () => new FixedUnigramSampler({ rangeMax: 6, unigrams, distortion: 0.75, seed: 7 });

describe('sampler objects and caller-given streams', () => {
  it('sample({ seed }) equals the function of that seed and does not advance the own stream', () => {
    const s = make();
    const given = s.sample({ ...call, seed: 'step1' });
    const fn = fixedUnigramCandidateSampler({ ...call, rangeMax: 6, unigrams, distortion: 0.75, seed: 'step1' });
    expect(given.sampledCandidates.toArray()).toEqual(fn.sampledCandidates.toArray());
    expect(given.sampledExpectedCount.toArray()).toEqual(fn.sampledExpectedCount.toArray());
    expect(s.sample(call).sampledCandidates.toArray()).toEqual(make().sample(call).sampledCandidates.toArray());
  });

  it('the unchecked draw (the losses’ path, checks skipped) draws what sample draws from the same stream', () => {
    const checked = { trueIds: Int32Array.from([0, 5]), B: 2, T: 1, S: 3, unique: true };
    const a = make()[SAMPLE_CHECKED](checked, makeRng('step1'));
    const b = make().sample({ ...call, seed: 'step1' });
    expect(a.sampledCandidates.toArray()).toEqual(b.sampledCandidates.toArray());
    expect(a.trueExpectedCount.toArray()).toEqual(b.trueExpectedCount.toArray());
    expect(a.numTries).toBe(b.numTries);
  });

  it('drawInto: independent draws with the unigram^0.75 frequencies, id 3 (count 0) never', () => {
    const s = make();
    const out = s.drawInto(new Int32Array(60_000), 'h');
    expect(Array.from(s.drawInto(new Int32Array(5), 'h'))).toEqual(Array.from(out.subarray(0, 5)));
    const w = unigrams.map((c) => c ** 0.75);
    const total = w.reduce((a, b) => a + b, 0);
    const seen = new Array(6).fill(0);
    for (const id of out) seen[id]++;
    for (let k = 0; k < 6; k++) {
      const p = w[k] / total;
      // 5 standard deviations of a binomial count of 60,000 draws.
      expect(Math.abs(seen[k] - 60_000 * p)).toBeLessThanOrEqual(5 * Math.sqrt(60_000 * p * (1 - p)) + 1e-9);
    }
    expect(seen[3]).toBe(0);
    expect(s.sample(call).sampledCandidates.toArray()).toEqual(make().sample(call).sampledCandidates.toArray());
  });

  it('refuses a bad out or seed without drawing', () => {
    const s = make();
    expect(() => s.drawInto([0, 0] as unknown as Int32Array)).toThrow(TapegradError);
    expect(() => s.drawInto(new Int32Array(2), {} as unknown as string)).toThrow(/drawInto: seed/);
    expect(() => s.sample({ ...call, seed: null as unknown as string })).toThrow(/seed/);
    expect(s.sample(call).sampledCandidates.toArray()).toEqual(make().sample(call).sampledCandidates.toArray());
  });
});
