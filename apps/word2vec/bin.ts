/** The executable entry of `tapegrad` (bundled to dist/bin/tapegrad.js). Never prints a stack trace. */
import { main } from './cli.js';

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
