const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const WHITESPACE = /[ \t\n\r]*/y;

class SyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first character JSON does not allow. JSON.parse names it only for some errors
 * ("Unexpected token" messages carry a text snippet instead), so the text is scanned again.
 * The scan keeps its open arrays and objects on a list, not on the call stack, so that any
 * depth of nesting is scanned.
 */
export function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const skipWhitespace = () => {
    WHITESPACE.lastIndex = i;
    WHITESPACE.exec(text);
    i = WHITESPACE.lastIndex;
  };
  const expect = (char: string) => {
    skipWhitespace();
    if (text[i] !== char) fail();
    i += 1;
  };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    i += 1;
  };
  const memberName = () => {
    string();
    expect(':');
  };
  /** The closing character of each array or object open around the current position. */
  const open: string[] = [];
  /** Reads one value, or opens containers up to the first value or member of the innermost. */
  const valueStart = () => {
    for (;;) {
      skipWhitespace();
      const char = text[i];
      if (char !== '{' && char !== '[') break;
      const close = char === '{' ? '}' : ']';
      i += 1;
      skipWhitespace();
      if (text[i] === close) {
        i += 1;
        return;
      }
      open.push(close);
      if (close === '}') memberName();
    }
    if (text[i] === '"') {
      string();
      return;
    }
    LITERAL.lastIndex = i;
    if (LITERAL.exec(text) === null) fail();
    i = LITERAL.lastIndex;
  };
  try {
    valueStart();
    for (;;) {
      skipWhitespace();
      const close = open.at(-1);
      if (close === undefined) return Math.min(i, text.length);
      if (text[i] === ',') {
        i += 1;
        if (close === '}') memberName();
        valueStart();
      } else if (text[i] === close) {
        i += 1;
        open.pop();
      } else {
        fail();
      }
    }
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    throw error;
  }
}

/**
 * How deep arrays and objects may nest in a JSON input. Terraform plans and IAM data nest a few
 * dozen levels; the readers and the recursive walks after them are safe far below the call
 * stack's limit at this depth, and a file nested deeper is refused with its line.
 */
export const MAX_JSON_DEPTH = 512;

/**
 * Offset of the bracket that opens the `limit + 1`-th level of arrays and objects, or undefined
 * when the JSON text nests no deeper than `limit`. Brackets inside strings do not count.
 */
export function nestingBeyondOffset(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 0x22) {
      // skip the string, escapes included
      for (i += 1; i < text.length && text.charCodeAt(i) !== 0x22; i += 1) {
        if (text.charCodeAt(i) === 0x5c) i += 1;
      }
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return i;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return undefined;
}
