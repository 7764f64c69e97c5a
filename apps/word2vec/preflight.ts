/**
 * Checks made before training starts, so that a run is refused at once instead of failing
 * after an epoch: an unfinished run in --out is not replaced without --force, the model and
 * its working memory fit in the free memory (checked before anything is allocated), and
 * --out can be written (a probe file).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { freemem, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadCheckpoint, removeStaleTemps } from './checkpoint.js';
import { UsageError, type TrainSettings } from './options.js';
import { checkpointPath } from './state.js';

/** The most elements one typed array may hold (the library's MAX_ELEMENTS). */
const MAX_ELEMENTS = 2 ** 31 - 1;

/**
 * Refuses to train from scratch into `out` when it holds the checkpoint of an unfinished run
 * (or one that cannot be read), unless `force`. A finished run's checkpoint may be replaced.
 */
export function refuseUnfinished(out: string, force: boolean): void {
  const path = checkpointPath(out);
  if (force || !existsSync(path)) return;
  let why: string;
  try {
    const meta = loadCheckpoint(path).meta as { settings?: { epochs?: number }; progress?: { epoch?: number } };
    const epoch = meta?.progress?.epoch ?? 0,
      epochs = meta?.settings?.epochs ?? Infinity;
    if (epoch >= epochs) return;
    why = `the checkpoint of an unfinished run (${epoch} of ${epochs} epochs done): continue it with --resume, or`;
  } catch (e) {
    why = `a checkpoint that cannot be used (${(e as Error).message}):`;
  }
  throw new UsageError(`--out ${out} holds ${why} add --force to start over and replace it`);
}

/** mkdir -p, one level at a time (Node's recursive mkdir can loop forever under /proc). */
function makeDirs(path: string): void {
  const missing: string[] = [];
  for (let d = resolve(path); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

const GB = (n: number): string => (n < 2 ** 30 ? `${(n / 2 ** 20).toFixed(1)} MB` : `${(n / 2 ** 30).toFixed(1)} GB`);
const num = (n: number): string => n.toLocaleString('en-US');

/**
 * The bytes a run of V words needs at its peak: what it holds throughout — E and W [V, D] and
 * b [V] (float32), the optimizer's slots (Adagrad 1, Adam 2 per parameter), the shuffle buffer
 * — plus the largest of what it needs for a while: a checkpoint (a copy of parameters and
 * slots, and the optimizer's own copy of its slots), the written outputs (vectors.txt ≈ 10
 * bytes a value, three .npy copies), the held-out evaluation ([512, V] logits, a few
 * buffers), a training step (its [B, D], [B, S] and [S, D] buffers). `flag` names the
 * option to lower: --batch when a step weighs most and B > D, else --dim.
 */
export function memoryNeeded(s: TrainSettings, V: number): { bytes: number; flag: string } {
  const D = s.dim;
  const params = 4 * (2 * V * D + V);
  const slots = params * ({ sgd: 0, adagrad: 1, adam: 2 } as const)[s.optimizer];
  const held = params + slots + 4 * 4 * s.shuffleBuffer;
  const model = Math.max(params + 2 * slots, 22 * V * D, 4 * 4 * 512 * V);
  const step = 4 * 8 * s.batch * (D + s.numSampled + 1) + 4 * 4 * s.numSampled * D;
  return { bytes: held + Math.max(model, step), flag: step > Math.max(model, held) && s.batch > D ? 'batch' : 'dim' };
}

/** The memory this process may still take: free memory, within a container's limit. */
export function memoryAvailable(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  const free = freemem();
  return limit > 0 && limit < totalmem() ? Math.min(free, limit - process.memoryUsage().rss) : free;
}

/**
 * Before the model of V words is allocated: every array fits a typed array, the run fits in
 * the free memory, and --out can be created and written (a probe file, removed again; stale
 * temporary checkpoint files are removed too). Throws UsageError naming the option to change.
 */
export function preflight(out: string, s: TrainSettings, V: number, available = memoryAvailable()): void {
  const arrays: [string, number, string][] = [
    ['dim', V * s.dim, `${num(V)} words × --dim ${num(s.dim)}`],
    [
      'batch',
      s.batch * Math.max(s.dim, s.numSampled + 1),
      `--batch ${num(s.batch)} × ${num(Math.max(s.dim, s.numSampled + 1))}`,
    ],
    ['shuffle-buffer', s.shuffleBuffer, `--shuffle-buffer ${num(s.shuffleBuffer)}`],
  ];
  for (const [flag, n, what] of arrays)
    if (n > MAX_ELEMENTS)
      throw new UsageError(
        `option --${flag} is too large: ${what} = ${num(n)} values, more than one array can hold (${num(MAX_ELEMENTS)})`,
      );
  const need = memoryNeeded(s, V);
  if (need.bytes > available)
    throw new UsageError(
      `option --${need.flag} is too large: this run needs about ${GB(need.bytes)} of memory (${num(V)} words, dim ${num(s.dim)}, batch ${num(s.batch)}), but only ${GB(available)} is free`,
    );
  try {
    makeDirs(out);
    const probe = join(out, `.tapegrad-probe-${process.pid}`);
    writeFileSync(probe, 'tapegrad checks that --out can be written\n');
    rmSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const why =
      {
        EACCES: 'permission denied',
        EPERM: 'permission denied',
        EROFS: 'read-only file system',
        ENOSPC: 'no space left',
        ENOTDIR: 'a part of the path is a file',
        EEXIST: 'a file of that name exists',
        ENOENT: 'a folder on its path cannot be made',
      }[code] ?? (e as Error).message;
    throw new UsageError(`option --out must be a folder that can be written, got ${JSON.stringify(out)} (${why})`);
  }
  removeStaleTemps(checkpointPath(out));
}
