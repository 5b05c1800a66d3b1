/** What commands need from the process, passed in so that the program stays testable. */
export interface CliContext {
  readonly version: string;
  readonly today: string;
  readonly colorSupported: boolean;
  /** Both stdin and stdout are a terminal. */
  readonly interactive: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  setExitCode(code: 0 | 1 | 2): void;
}
