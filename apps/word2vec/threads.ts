/** --threads N > 1: worker threads training shards of each epoch at once (Hogwild). */
import type { RunState } from './state.js';
import type { Run } from './run.js';
import type { TrainRequest } from './train.js';
import { UsageError } from './options.js';

export async function trainThreaded(_run: Run, _st: RunState, _req: TrainRequest): Promise<boolean> {
  throw new UsageError('--threads > 1 is not available yet');
}
