/**
 * Resuming only from what training wrote: the checkpoint is verified (checksum, then every
 * field against the others: settings, array sizes, optimizer, progress, finite weights),
 * and its corpus must be the same file (size and SHA-256), wherever it now is.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CheckpointError, loadCheckpoint } from './checkpoint.js';
import { checkCorpus, type CorpusIdentity } from './corpus.js';
import { KEY, parseCommand, UsageError, type TrainSettings } from './options.js';
import { checkpointPath, type CheckpointMeta } from './state.js';

/** A verified checkpoint, in the shape `restore` takes, with the identity of its corpus. */
export interface RunCheckpoint {
  settings: TrainSettings;
  meta: CheckpointMeta;
  arrays: Record<string, Float32Array | Float64Array | Int32Array>;
  corpus?: CorpusIdentity;
}

/**
 * Checks settings read back from a file (a checkpoint) with the command line's own checks:
 * each is written as its option and parsed again, and must come back the same.
 * Throws UsageError naming the first bad setting.
 */
function checkSettings(raw: unknown): TrainSettings {
  if (typeof raw !== 'object' || raw === null) throw new UsageError(`the settings are missing`);
  const o = raw as Record<string, unknown>;
  const flag = Object.fromEntries(Object.entries(KEY).map(([f, k]) => [k, f]));
  for (const k of Object.keys(o)) if (!(k in flag)) throw new UsageError(`unknown setting ${k}`);
  const argv = ['train'];
  for (const [k, f] of Object.entries(flag)) {
    if (o[k] === undefined) throw new UsageError(`setting ${k} (--${f}) is missing`);
    if (!(k === 'maxWords' && o[k] === Infinity)) argv.push(`--${f}=${String(o[k])}`);
  }
  const reparsed = parseCommand(argv).settings;
  for (const [k, f] of Object.entries(flag))
    if (!Object.is(reparsed[k as keyof TrainSettings], o[k]))
      throw new UsageError(`setting ${k} (--${f}) is ${JSON.stringify(o[k])}, not a valid value`);
  return reparsed;
}

const OPTIMIZER_NAMES: Record<TrainSettings['optimizer'], string> = { sgd: 'SGD', adagrad: 'Adagrad', adam: 'Adam' };
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
type Arrays = RunCheckpoint['arrays'];

/** The first problem of a checkpoint's meta and arrays, or '' (settings already checked). */
function problem(meta: Record<string, any>, s: TrainSettings, arrays: Arrays): string {
  const V = meta.vocab?.size;
  if (!Number.isSafeInteger(V) || V < 2 || typeof meta.vocab?.fingerprint !== 'string')
    return 'its vocabulary record is not valid';
  const sizes: Record<string, number> = { emb: V * s.dim, w: V * s.dim, b: V };
  for (const [k, n] of Object.entries(sizes)) {
    const a = arrays[k];
    if (!(a instanceof Float32Array)) return `it has no float32 array ${k}`;
    if (a.length !== n)
      return `array ${k} holds ${a.length} values where ${V} words of dim ${s.dim} need ${n} (header and payload disagree)`;
  }
  const o = meta.optimizer;
  if (o?.name !== OPTIMIZER_NAMES[s.optimizer])
    return `its optimizer is ${JSON.stringify(o?.name)}, not the ${OPTIMIZER_NAMES[s.optimizer]} of its settings (--optimizer ${s.optimizer})`;
  if (!isCount(o.step)) return `its optimizer step ${JSON.stringify(o.step)} is not a count`;
  if (typeof o.hyper !== 'object' || !Object.values(o.hyper ?? {}).every((h) => Number.isFinite(h)))
    return 'its optimizer hyper-parameters are not numbers';
  const listed = new Set(['emb', 'w', 'b']);
  for (const [k, n] of Object.entries((o.slots ?? {}) as Record<string, unknown>)) {
    if (n !== 3) return `its optimizer slot ${k} has ${JSON.stringify(n)} arrays, not 3`;
    for (const [i, p] of ['emb', 'w', 'b'].entries()) {
      const a = arrays[`slot:${k}:${i}`];
      listed.add(`slot:${k}:${i}`);
      if (!(a instanceof Float32Array || a instanceof Float64Array) || a.length !== sizes[p])
        return `its optimizer slot ${k} of ${p} is not ${sizes[p]} floats`;
    }
  }
  const extra = Object.keys(arrays).find((k) => !listed.has(k));
  if (extra) return `it holds an array ${extra} no setting explains`;
  const p = meta.progress;
  if (!isCount(p?.epoch) || p.epoch > s.epochs) return `its epoch ${JSON.stringify(p?.epoch)} is not in 0..${s.epochs}`;
  for (const k of ['batchInEpoch', 'step', 'lossCount', 'evalsInEpoch'])
    if (!isCount(p[k])) return `its progress ${k} ${JSON.stringify(p[k])} is not a count`;
  if (p.evalsInEpoch >= s.evalsPerEpoch)
    return `its progress evalsInEpoch ${p.evalsInEpoch} is not below ${s.evalsPerEpoch}`;
  if (!Number.isFinite(p.lossSum) || !isTime(p.seconds) || !isTime(p.words) || !Array.isArray(p.history))
    return 'its progress record is not valid';
  for (const [k, a] of Object.entries(arrays)) {
    const i = a.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) return `array ${k} holds ${a[i]} at index ${i} (the run diverged, or the file was changed)`;
  }
  const c = meta.corpus;
  if (c !== undefined && (typeof c?.path !== 'string' || !isCount(c.size) || typeof c.sha256 !== 'string'))
    return 'its corpus record is not valid';
  return '';
}

const AGAIN = 'train again with --force instead of --resume';

/**
 * Loads and verifies the checkpoint in `out`. Throws UsageError (one line, saying what to
 * do) when there is none, or it is damaged, or it does not describe a valid run.
 */
export function loadRun(out: string): RunCheckpoint {
  const path = checkpointPath(out);
  if (!existsSync(path)) throw new UsageError(`--resume: no checkpoint to resume in ${out} (expected ${path})`);
  let ck;
  try {
    ck = loadCheckpoint(path);
  } catch (e) {
    if (e instanceof CheckpointError) throw new UsageError(`--resume: the checkpoint ${path} ${e.message}; ${AGAIN}`);
    throw e;
  }
  const meta = ck.meta as Record<string, any>;
  const bad = (why: string): never => {
    throw new UsageError(`--resume: the checkpoint ${path} is not a valid run: ${why}; ${AGAIN}`);
  };
  if (typeof meta !== 'object' || meta === null || meta.version !== 1) bad('unknown format version');
  let settings: TrainSettings;
  try {
    const raw = meta.settings;
    if (raw?.maxWords === 'Infinity') raw.maxWords = Infinity;
    settings = checkSettings(raw);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return bad(e.message);
  }
  const why = problem(meta, settings, ck.arrays);
  if (why) bad(why);
  meta.settings = settings;
  return { settings, meta: meta as RunCheckpoint['meta'], arrays: ck.arrays, corpus: meta.corpus };
}

const short = (c: CorpusIdentity): string => `${c.size} bytes, SHA-256 ${c.sha256.slice(0, 12)}…`;

/**
 * The corpus a resumed run reads: `given` (--corpus, any working folder) or the checkpoint's
 * absolute path, checked to be the very file the checkpoint was trained on. Returns its
 * identity; the path to read is its `path`. Throws UsageError when it moved or changed.
 */
export async function resumeCorpus(ck: RunCheckpoint, given: string | undefined): Promise<CorpusIdentity> {
  const stored = ck.corpus;
  const brown = ck.settings.corpus === 'brown';
  const path = given !== undefined && given !== 'brown' ? resolve(given) : (stored?.path ?? ck.settings.corpus);
  if (!brown && given === undefined && !existsSync(path))
    throw new UsageError(
      `--resume: the checkpoint's corpus ${path} is not there any more; if it moved, add --corpus NEW-PATH to --resume`,
    );
  if (given !== undefined && brown !== (given === 'brown'))
    throw new UsageError(
      `--resume: the checkpoint was trained on ${brown ? 'the Brown corpus' : path}, not on ${given}`,
    );
  const id = await checkCorpus(brown ? { kind: 'brown' } : { kind: 'file', path });
  if (stored && (id.size !== stored.size || id.sha256 !== stored.sha256))
    throw new UsageError(
      `--resume: the corpus changed since the checkpoint was written: ${brown ? 'the Brown corpus' : path} has ${short(id)}, the checkpoint's had ${short(stored)}; resume with the original file, or ${AGAIN}`,
    );
  return id;
}
