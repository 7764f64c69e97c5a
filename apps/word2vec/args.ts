/** The mechanics of the command line: the usage error, number and choice options, argv fixes. */

/** A bad command line: the CLI prints it and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** @param command the subcommand whose --help explains the fix ('' for the general help). */
  constructor(
    message: string,
    readonly command = '',
  ) {
    super(message);
  }
}

const isInt = (s: string): boolean => /^[+-]?\d+$/.test(s.trim());

/** The value of integer option --name (`raw`, or `def` when absent), in [min, max]; else UsageError. */
export function intOpt(name: string, raw: string | undefined, def: number, min: number, max = Infinity): number {
  if (raw === undefined) return def;
  const v = Number(raw);
  if (!isInt(raw) || !Number.isSafeInteger(v) || v < min || v > max)
    throw new UsageError(
      `option --${name} must be an integer ≥ ${min}${max < Infinity ? ` and ≤ ${max}` : ''}, got ${JSON.stringify(raw)}`,
    );
  return v;
}

/** The value of number option --name, in [lo, hi] (or (lo, hi] with `loOpen`); else UsageError. */
export function numOpt(
  name: string,
  raw: string | undefined,
  def: number,
  lo: number,
  hi: number,
  loOpen = false,
): number {
  if (raw === undefined) return def;
  const v = Number(raw);
  const range = `${loOpen ? '>' : '≥'} ${lo}${hi < Infinity ? ` and ≤ ${hi}` : ''}`;
  if (raw.trim() === '' || !Number.isFinite(v) || (loOpen ? v <= lo : v < lo) || v > hi) {
    throw new UsageError(`option --${name} must be a number ${range}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/** The value of option --name, one of `allowed`; else UsageError. */
export function choice<T extends string>(name: string, raw: string | undefined, def: T, allowed: readonly T[]): T {
  if (raw === undefined) return def;
  if (!allowed.includes(raw as T))
    throw new UsageError(`option --${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw as T;
}

/**
 * `--dim -3` as `--dim=-3`: a value after an option that takes one is its value even when it
 * starts with '-' (parseArgs would call it ambiguous), unless it is another option `--x`.
 */
export function joinValues(argv: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const next = argv[i + 1];
    if (a.startsWith('--') && valued.has(a.slice(2)) && next !== undefined && /^-(?!-)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs' error messages, as this CLI says them (one line). */
export function parseArgsMessage(e: Error): string {
  const m = e.message;
  const opt = /'(-[^' ]+)/.exec(m)?.[1] ?? '';
  if (/argument missing|ambiguous/.test(m)) return `option ${opt} needs a value`;
  if (/does not take an argument/.test(m)) return `option ${opt} takes no value`;
  if (/Unknown option/.test(m)) return `unknown option ${opt}`;
  return m.split('\n')[0];
}
