/*
 * A parser for HCL expressions and templates, as @cdktf/hcl2json leaves them: an attribute whose value
 * is not a plain literal arrives as a template string (`"${jsonencode({...})}"`, `"arn:${var.x}"`),
 * which this turns into a small syntax tree for evaluate.ts. It covers the HCL native expression
 * syntax: literals, templates and heredocs, tuples, objects, traversals, splats, function calls,
 * operators, conditionals and `for` expressions.
 */

export type Accessor =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'index'; readonly key: Expr };

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | {
      readonly kind: 'if';
      readonly condition: Expr;
      readonly whenTrue: readonly TemplatePart[];
      readonly whenFalse: readonly TemplatePart[];
    }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      readonly body: readonly TemplatePart[];
    };

export type Expr =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'template'; readonly parts: readonly TemplatePart[] }
  | { readonly kind: 'tuple'; readonly items: readonly Expr[] }
  | {
      readonly kind: 'object';
      readonly items: readonly { readonly key: Expr; readonly value: Expr }[];
    }
  /** A root name and the accessors after it: `aws_iam_role.x[0].arn`. */
  | { readonly kind: 'traversal'; readonly root: string; readonly steps: readonly Accessor[] }
  /** Accessors applied to the value of an expression: `(local.x).y`, `f(x)[0]`. */
  | { readonly kind: 'relative'; readonly source: Expr; readonly steps: readonly Accessor[] }
  /** `source[*].steps`: the steps applied to each element. */
  | { readonly kind: 'splat'; readonly source: Expr; readonly steps: readonly Accessor[] }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly expandFinal: boolean;
    }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | {
      readonly kind: 'conditional';
      readonly condition: Expr;
      readonly whenTrue: Expr;
      readonly whenFalse: Expr;
    }
  | {
      readonly kind: 'for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
      /** Present for an object `for` (`{for k, v in c : k => v}`). */
      readonly keyExpr?: Expr;
      readonly valueExpr: Expr;
      readonly condition?: Expr;
      readonly grouped: boolean;
    };

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'HclSyntaxError';
  }
}

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['+', '-'],
  ['*', '/', '%'],
];

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_-]/;

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(message: string): never {
    throw new HclSyntaxError(message, this.pos);
  }

  peek(offset = 0): string {
    return this.src.charAt(this.pos + offset);
  }

  startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  skipSpace(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || this.startsWith('//')) {
        while (this.pos < this.src.length && this.peek() !== '\n') this.pos++;
      } else if (this.startsWith('/*')) {
        const end = this.src.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? this.src.length : end + 2;
      } else return;
    }
  }

  eat(text: string): boolean {
    this.skipSpace();
    if (!this.startsWith(text)) return false;
    this.pos += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected "${text}"`);
  }

  identifier(): string | undefined {
    this.skipSpace();
    if (!IDENT_START.test(this.peek())) return undefined;
    const start = this.pos;
    while (this.pos < this.src.length && IDENT_PART.test(this.peek())) this.pos++;
    // provider-defined functions: provider::name::function
    while (this.startsWith('::') && IDENT_START.test(this.peek(2))) {
      this.pos += 2;
      while (this.pos < this.src.length && IDENT_PART.test(this.peek())) this.pos++;
    }
    return this.src.slice(start, this.pos);
  }

  expression(): Expr {
    const condition = this.binary(0);
    this.skipSpace();
    if (this.peek() === '?') {
      this.pos++;
      const then = this.expression();
      this.expect(':');
      const otherwise = this.expression();
      return { kind: 'conditional', condition, whenTrue: then, whenFalse: otherwise };
    }
    return condition;
  }

  binary(level: number): Expr {
    const operators = BINARY_LEVELS[level];
    if (operators === undefined) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.skipSpace();
      const op = operators.find((candidate) => this.startsWith(candidate) && !this.isArrow(candidate));
      if (op === undefined) return left;
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right };
    }
  }

  /** `=>` in a for expression is not `=` followed by `>`; `==` never starts it. */
  isArrow(op: string): boolean {
    return op === '>' && this.src.charAt(this.pos - 1) === '=';
  }

  unary(): Expr {
    this.skipSpace();
    const c = this.peek();
    if (c === '!' || (c === '-' && !/\d/.test(this.peek(1)))) {
      this.pos++;
      return { kind: 'unary', op: c, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  postfix(source: Expr): Expr {
    let expr = source;
    for (;;) {
      this.skipSpace();
      if (this.startsWith('[*]') || this.startsWith('.*')) {
        this.pos += this.startsWith('[*]') ? 3 : 2;
        expr = { kind: 'splat', source: expr, steps: this.splatSteps() };
        continue;
      }
      const step = this.accessor();
      if (step === undefined) return expr;
      expr = appendStep(expr, step);
    }
  }

  splatSteps(): Accessor[] {
    const steps: Accessor[] = [];
    for (;;) {
      const step = this.accessor();
      if (step === undefined) return steps;
      steps.push(step);
    }
  }

  accessor(): Accessor | undefined {
    this.skipSpace();
    if (this.peek() === '.' && this.peek(1) !== '*' && this.peek(1) !== '.') {
      const save = this.pos;
      this.pos++;
      this.skipSpace();
      if (/\d/.test(this.peek())) {
        const start = this.pos;
        while (/\d/.test(this.peek())) this.pos++;
        return { kind: 'index', key: { kind: 'literal', value: Number(this.src.slice(start, this.pos)) } };
      }
      const name = this.identifier();
      if (name === undefined) {
        this.pos = save;
        return undefined;
      }
      return { kind: 'attr', name };
    }
    if (this.peek() === '[' && !this.startsWith('[*]')) {
      this.pos++;
      const key = this.expression();
      this.expect(']');
      return { kind: 'index', key };
    }
    return undefined;
  }

  primary(): Expr {
    this.skipSpace();
    const c = this.peek();
    if (c === '"') {
      this.pos++;
      return template(parseTemplateParts(this, 'quoted'));
    }
    if (this.startsWith('<<')) return this.heredoc();
    if (/\d/.test(c) || (c === '-' && /\d/.test(this.peek(1)))) return this.number();
    if (c === '(') {
      this.pos++;
      const inner = this.expression();
      this.expect(')');
      return { kind: 'relative', source: inner, steps: [] };
    }
    if (c === '[') return this.tupleOrFor();
    if (c === '{') return this.objectOrFor();
    const name = this.identifier();
    if (name === undefined) this.fail(c === '' ? 'unexpected end of expression' : `unexpected "${c}"`);
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true' };
    if (name === 'null') return { kind: 'literal', value: null };
    this.skipSpace();
    if (this.peek() === '(') return this.call(name);
    return { kind: 'traversal', root: name, steps: [] };
  }

  number(): Expr {
    const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos));
    if (match === null) this.fail('expected a number');
    this.pos += match[0].length;
    return { kind: 'literal', value: Number(match[0]) };
  }

  call(name: string): Expr {
    this.expect('(');
    const args: Expr[] = [];
    let expandFinal = false;
    while (!this.eat(')')) {
      args.push(this.expression());
      if (this.eat('...')) expandFinal = true;
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    return { kind: 'call', name, args, expandFinal };
  }

  tupleOrFor(): Expr {
    this.expect('[');
    if (this.isForKeyword()) return this.forExpression(']', false);
    const items: Expr[] = [];
    while (!this.eat(']')) {
      items.push(this.expression());
      if (!this.eat(',')) {
        this.expect(']');
        break;
      }
    }
    return { kind: 'tuple', items };
  }

  objectOrFor(): Expr {
    this.expect('{');
    if (this.isForKeyword()) return this.forExpression('}', true);
    const items: { key: Expr; value: Expr }[] = [];
    while (!this.eat('}')) {
      const key = this.objectKey();
      if (!this.eat('=') && !this.eat(':')) this.fail('expected "=" or ":" after an object key');
      items.push({ key, value: this.expression() });
      this.eat(',');
    }
    return { kind: 'object', items };
  }

  /** A bare identifier key is its own name, not a variable. */
  objectKey(): Expr {
    this.skipSpace();
    const save = this.pos;
    const name = this.identifier();
    if (name !== undefined) {
      this.skipSpace();
      if (this.peek() === '=' || this.peek() === ':') {
        if (this.peek(1) !== '=') return { kind: 'literal', value: name };
      }
      this.pos = save;
    }
    return this.expression();
  }

  isForKeyword(): boolean {
    this.skipSpace();
    return this.startsWith('for') && /\s/.test(this.peek(3));
  }

  forExpression(close: string, isObject: boolean): Expr {
    this.pos += 3;
    const first = this.identifier();
    if (first === undefined) this.fail('expected a variable name after "for"');
    const second = this.eat(',') ? this.identifier() : undefined;
    if (!this.eat('in')) this.fail('expected "in" in a for expression');
    const collection = this.expression();
    this.expect(':');
    let keyExpr: Expr | undefined;
    let valueExpr = this.expression();
    if (isObject) {
      this.expect('=>');
      keyExpr = valueExpr;
      valueExpr = this.expression();
    }
    const grouped = this.eat('...');
    this.skipSpace();
    let condition: Expr | undefined;
    if (this.startsWith('if') && /[\s(]/.test(this.peek(2))) {
      this.pos += 2;
      condition = this.expression();
    }
    this.expect(close);
    return {
      kind: 'for',
      ...(second === undefined ? {} : { keyVar: first }),
      valueVar: second ?? first,
      collection,
      ...(keyExpr === undefined ? {} : { keyExpr }),
      valueExpr,
      ...(condition === undefined ? {} : { condition }),
      grouped,
    };
  }

  heredoc(): Expr {
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos));
    if (match === null) this.fail('expected a heredoc marker');
    const [whole, indent, marker = ''] = match;
    const bodyStart = this.pos + whole.length;
    const end = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'm');
    const rest = this.src.slice(bodyStart);
    const found = end.exec(rest);
    if (found === null) this.fail(`heredoc ${marker} is not closed`);
    let body = rest.slice(0, found.index);
    this.pos = bodyStart + found.index + found[0].length;
    if (indent === '-') body = stripIndent(body);
    return parseTemplate(body);
  }
}

function stripIndent(body: string): string {
  const lines = body.split('\n');
  const indents = lines
    .filter((line) => line.trim() !== '')
    .map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(cut)).join('\n');
}

function appendStep(expr: Expr, step: Accessor): Expr {
  if (expr.kind === 'traversal' || expr.kind === 'relative' || expr.kind === 'splat') {
    return { ...expr, steps: [...expr.steps, step] };
  }
  return { kind: 'relative', source: expr, steps: [step] };
}

function template(parts: readonly TemplatePart[]): Expr {
  if (parts.length === 0) return { kind: 'literal', value: '' };
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'text') return { kind: 'literal', value: only.text };
  return { kind: 'template', parts };
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

type Directive =
  | { readonly kind: 'open-if'; readonly condition: Expr }
  | { readonly kind: 'else' | 'endif' | 'endfor' }
  | {
      readonly kind: 'open-for';
      readonly keyVar?: string;
      readonly valueVar: string;
      readonly collection: Expr;
    };

type FlatPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expr: Expr }
  | Directive;

/**
 * Reads template parts up to the closing quote (`quoted`: escapes apply) or the end of the text
 * (`raw`: hcl2json has already unescaped it), and nests the `%{}` directives.
 */
function parseTemplateParts(parser: Parser, mode: 'quoted' | 'raw'): TemplatePart[] {
  const flat: FlatPart[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') flat.push({ kind: 'text', text });
    text = '';
  };
  for (;;) {
    if (parser.pos >= parser.src.length) {
      if (mode === 'quoted') parser.fail('unterminated string');
      break;
    }
    const c = parser.peek();
    if (mode === 'quoted' && c === '"') {
      parser.pos++;
      break;
    }
    if (mode === 'quoted' && c === '\\') {
      const next = parser.peek(1);
      if (next === 'u' || next === 'U') {
        const length = next === 'u' ? 4 : 8;
        text += String.fromCodePoint(
          Number.parseInt(parser.src.slice(parser.pos + 2, parser.pos + 2 + length), 16),
        );
        parser.pos += 2 + length;
      } else {
        text += ESCAPES[next] ?? next;
        parser.pos += 2;
      }
      continue;
    }
    if (parser.startsWith('$${') || parser.startsWith('%%{')) {
      text += `${c}{`;
      parser.pos += 3;
      continue;
    }
    if (parser.startsWith('${')) {
      parser.pos += 2;
      if (parser.peek() === '~') parser.pos++;
      flush();
      const expr = parser.expression();
      parser.eat('~');
      parser.expect('}');
      flat.push({ kind: 'interpolation', expr });
      continue;
    }
    if (parser.startsWith('%{')) {
      parser.pos += 2;
      if (parser.peek() === '~') parser.pos++;
      flush();
      flat.push(directive(parser));
      parser.eat('~');
      parser.expect('}');
      continue;
    }
    text += c;
    parser.pos++;
  }
  flush();
  return nest(flat, parser);
}

function directive(parser: Parser): Directive {
  const word = parser.identifier();
  switch (word) {
    case 'if':
      return { kind: 'open-if', condition: parser.expression() };
    case 'else':
    case 'endif':
    case 'endfor':
      return { kind: word };
    case 'for': {
      const first = parser.identifier();
      if (first === undefined) parser.fail('expected a variable name after "for"');
      const second = parser.eat(',') ? parser.identifier() : undefined;
      if (!parser.eat('in')) parser.fail('expected "in" in a template for');
      return {
        kind: 'open-for',
        ...(second === undefined ? {} : { keyVar: first }),
        valueVar: second ?? first,
        collection: parser.expression(),
      };
    }
    default:
      return parser.fail(`unknown template directive "${word ?? ''}"`);
  }
}

function nest(flat: readonly FlatPart[], parser: Parser): TemplatePart[] {
  let index = 0;
  const block = (closers: readonly string[]): { parts: TemplatePart[]; closer?: string } => {
    const parts: TemplatePart[] = [];
    while (index < flat.length) {
      const part = flat[index++];
      if (part === undefined) break;
      if (closers.includes(part.kind)) return { parts, closer: part.kind };
      switch (part.kind) {
        case 'text':
        case 'interpolation':
          parts.push(part);
          break;
        case 'open-if': {
          const then = block(['else', 'endif']);
          const otherwise = then.closer === 'else' ? block(['endif']).parts : [];
          parts.push({ kind: 'if', condition: part.condition, whenTrue: then.parts, whenFalse: otherwise });
          break;
        }
        case 'open-for': {
          const body = block(['endfor']);
          parts.push({
            kind: 'for',
            ...(part.keyVar === undefined ? {} : { keyVar: part.keyVar }),
            valueVar: part.valueVar,
            collection: part.collection,
            body: body.parts,
          });
          break;
        }
        case 'else':
        case 'endif':
        case 'endfor':
          parser.fail(`unexpected template directive "${part.kind}"`);
      }
    }
    return { parts };
  };
  return block([]).parts;
}

/** A whole expression, e.g. the text inside `${}`. */
export function parseExpression(text: string): Expr {
  const parser = new Parser(text);
  const expr = parser.expression();
  parser.skipSpace();
  if (parser.pos < text.length) parser.fail(`unexpected "${parser.peek()}"`);
  return expr;
}

/** A template string as hcl2json gives it (already unescaped): `"arn:${var.x}"` is a template, `"${x}"` is x. */
export function parseTemplate(text: string): Expr {
  const parser = new Parser(text);
  const parts = parseTemplateParts(parser, 'raw');
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'interpolation') return only.expr;
  return template(parts);
}
