/** The executable entry of `tapegrad` (bundled to dist/bin/tapegrad.js); also the script of its worker threads. */
import { fileURLToPath } from 'node:url';
import { isMainThread, workerData } from 'node:worker_threads';
import { main } from './cli.js';
import { setWorkerEntry, type WorkerInit } from './threads.js';
import { runWorker } from './worker.js';

if (!isMainThread && (workerData as WorkerInit | undefined)?.tapegradWorker) {
  runWorker(workerData as WorkerInit);
} else {
  setWorkerEntry(fileURLToPath(import.meta.url));
  main(process.argv.slice(2), { out: process.stdout, err: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`tapegrad: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
