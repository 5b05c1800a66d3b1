/** Where a piece of input came from: a file, and a JSON dot path or a line within it. */
export interface SourceLocation {
  readonly file: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Something the tool could analyse only in part; listed on the report, never silently dropped. */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly location: SourceLocation;
}
