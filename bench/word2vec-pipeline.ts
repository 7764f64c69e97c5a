/**
 * The word2vec trainer's data pipeline alone, on the Brown corpus at the classic settings
 * (window 5, min count 5, sample 1e-3, batch 256): the counting pass (prepareData), then
 * epochs of epochBatches drained without training, from the training sentences encoded in
 * the counting pass and, beside them in the same run, read and tokenized again (the path of
 * a corpus larger than the encoding bound, and of every epoch before). Prints milliseconds,
 * µs per in-vocabulary training word and a checksum of the batches (the same for both).
 *
 *   npx esbuild bench/word2vec-pipeline.ts --bundle --platform=node --format=esm \
 *     --packages=external --outfile=bench/out/word2vec-pipeline.mjs && node bench/out/word2vec-pipeline.mjs
 *
 * Environment: W2V_EPOCHS (default 3).
 */
import { epochBatches, prepareData, type Dataset } from '../apps/word2vec/data.js';
import { DEFAULTS } from '../apps/word2vec/options.js';
import { dataOptions } from '../apps/word2vec/train.js';

const EPOCHS = Number(process.env.W2V_EPOCHS ?? 3);
const o = dataOptions({ ...DEFAULTS, lr: 0, window: 5, minCount: 5, sample: 1e-3 });

/** Drains one epoch: its time in ms and a checksum of its pairs and word counts. */
async function drain(data: Dataset, epoch: number): Promise<{ ms: number; hash: number; pairs: number }> {
  const t = performance.now();
  let hash = 0,
    pairs = 0;
  for await (const b of epochBatches(data, o, DEFAULTS.batch, DEFAULTS.shuffleBuffer, epoch)) {
    for (let i = 0; i < b.centers.length; i++) hash = (Math.imul(hash, 31) + b.centers[i] * 7919 + b.contexts[i]) | 0;
    hash = (Math.imul(hash, 31) + b.words) | 0;
    pairs += b.centers.length;
  }
  return { ms: performance.now() - t, hash, pairs };
}

let t = performance.now();
const encoded = await prepareData(o);
const prepareMs = performance.now() - t;
t = performance.now();
const streamed = await prepareData({ ...o, cacheTokens: 0 });
const streamedPrepareMs = performance.now() - t;
const words = encoded.vocab.total;
console.log(
  `Brown, window 5: ${words.toLocaleString('en-US')} training words per epoch; counting pass ${prepareMs.toFixed(0)} ms (without keeping the encoding: ${streamedPrepareMs.toFixed(0)} ms)`,
);
console.log('epoch  pairs       encoded: ms  µs/word   streamed: ms  µs/word   checksums');
for (let e = 0; e < EPOCHS; e++) {
  const a = await drain(encoded, e),
    b = await drain(streamed, e);
  const us = (ms: number): string => ((1000 * ms) / words).toFixed(3).padStart(7);
  console.log(
    `${String(e).padStart(5)}  ${String(a.pairs).padEnd(10)}  ${a.ms.toFixed(0).padStart(11)}  ${us(a.ms)}   ${b.ms.toFixed(0).padStart(12)}  ${us(b.ms)}   ${a.hash === b.hash ? 'equal' : `DIFFER ${a.hash} ${b.hash}`}`,
  );
}
