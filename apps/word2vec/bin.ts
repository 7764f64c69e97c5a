/**
 * The executable entry of `tapegrad` (bundled to dist/bin/tapegrad.js); also the script of its
 * worker threads. Never prints a stack trace.
 */
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
      const what = e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
      process.stderr.write(`tapegrad: internal error: ${what} (a bug: please report it with the command line)\n`);
      process.exitCode = 1;
    },
  );
}
