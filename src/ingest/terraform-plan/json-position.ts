const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const WHITESPACE = /[ \t\n\r]*/y;

class SyntaxAt {
  constructor(readonly offset: number) {}
}

/**
 * Offset of the first character JSON does not allow. JSON.parse names it only for some errors
 * ("Unexpected token" messages carry a text snippet instead), so the text is scanned again.
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
  const sequence = (close: string, item: () => void) => {
    i += 1;
    skipWhitespace();
    if (text[i] === close) {
      i += 1;
      return;
    }
    for (;;) {
      item();
      skipWhitespace();
      if (text[i] !== ',') break;
      i += 1;
    }
    expect(close);
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[i];
    if (char === '{') {
      sequence('}', () => {
        skipWhitespace();
        string();
        expect(':');
        value();
      });
    } else if (char === '[') {
      sequence(']', value);
    } else if (char === '"') {
      string();
    } else {
      LITERAL.lastIndex = i;
      if (LITERAL.exec(text) === null) fail();
      i = LITERAL.lastIndex;
    }
  };
  try {
    value();
    skipWhitespace();
    return Math.min(i, text.length);
  } catch (error) {
    if (error instanceof SyntaxAt) return Math.min(error.offset, text.length);
    throw error;
  }
}
