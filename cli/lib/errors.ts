// Errors the CLI turns into one clear line and an exit code: 1 for problems, failed runs, network
// and auth failures; 2 for usage mistakes.
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string) => new CliError(message, 2);

/** Already reported (problems printed); only the exit code is left to set. */
export class ExitCode extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
