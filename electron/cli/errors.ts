/** Exit codes of the `luopan` command line (a contract: scripts outside the project rely on it). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure the user should read as one line; `exitCode` 1 (runtime) or 2 (bad usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

/** Parse a numeric option, or fail as bad usage naming the option. */
export function numberOption(name: string, min: number, max: number, integer = false) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new CliError(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${value}"`, EXIT.usage);
    }
    return n;
  };
}
