import type { SourceLocation } from './model/source.js';

export type ExitCode = 0 | 1 | 2;

interface ErrorOptions {
  readonly location?: SourceLocation;
  readonly hint?: string;
  readonly cause?: unknown;
}

/** Every error the tool raises on purpose. `code` is dotted kebab, e.g. `config.unknown-key`. */
export class BlastRadiusError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: string, message: string, exitCode: ExitCode, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** Bad flags or arguments. */
export class UsageError extends BlastRadiusError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, 2, options);
  }
}

/** An input file that cannot be read or does not have the expected shape. */
export class InputError extends BlastRadiusError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, 2, options);
  }
}

/** blast-radius.yaml is invalid. */
export class ConfigError extends BlastRadiusError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, 2, options);
  }
}

/** The AWS account cannot be read: no credentials, access denied, an unreachable endpoint. */
export class AwsError extends BlastRadiusError {
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(code, message, 2, options);
  }
}

/** A bug: the user should open an issue. */
export class InternalError extends BlastRadiusError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('internal', message, 2, options);
  }
}

/** `file: path — message` or `file:line — message`, the one line a user sees. */
export function formatLocation(location: SourceLocation): string {
  if (location.line !== undefined) {
    return `${location.file}:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
  }
  if (location.path) return `${location.file}: ${location.path}`;
  return location.file;
}

/** One clear line (plus an optional hint line) for the terminal; a stack only when `debug` is set. */
export function formatError(error: unknown, debug = false): string {
  if (error instanceof BlastRadiusError && !(error instanceof InternalError)) {
    const where = error.location ? `${formatLocation(error.location)} — ` : '';
    const hint = error.hint ? `\nhint: ${error.hint}` : '';
    return `blast-radius: ${where}${error.message}${hint}${debug && error.stack ? `\n${error.stack}` : ''}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `blast-radius: internal error: ${message}\nhint: this is a bug; please open an issue with the command you ran (run with --debug for details)${stack}`;
}

export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof BlastRadiusError ? error.exitCode : 2;
}
