// A small HCL (native syntax) scanner: enough structure to find the blocks and attributes of a
// body and their exact text ranges, so prepare-tf.cjs can edit a copied configuration in place.
// It understands quoted templates (with ${...} and %{...}), heredocs, comments and brackets; it
// does not evaluate or fully parse expressions.
'use strict';

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const HEREDOC = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/y;

/** Index just past the string that starts at t[i] === '"'. */
function skipString(t, i) {
  i++;
  while (i < t.length) {
    const c = t[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if ((c === '$' || c === '%') && t[i + 1] === '{') i = skipBalanced(t, i + 1);
    else if (c === '\n') throw new Error(`unterminated string at ${i}`);
    else i++;
  }
  throw new Error('unterminated string');
}

/** If a heredoc starts at i, the index just past its closing marker line (before its newline). */
function skipHeredoc(t, i) {
  HEREDOC.lastIndex = i;
  const m = HEREDOC.exec(t);
  if (!m) return -1;
  const marker = m[1];
  let j = HEREDOC.lastIndex;
  while (j <= t.length) {
    let nl = t.indexOf('\n', j);
    if (nl === -1) nl = t.length;
    if (t.slice(j, nl).trim() === marker) return nl;
    if (nl === t.length) break;
    j = nl + 1;
  }
  throw new Error(`unterminated heredoc ${marker}`);
}

/** If a comment starts at i, the index just past it (a line comment stops before its newline). */
function skipComment(t, i) {
  if (t[i] === '#' || (t[i] === '/' && t[i + 1] === '/')) {
    const nl = t.indexOf('\n', i);
    return nl === -1 ? t.length : nl;
  }
  if (t[i] === '/' && t[i + 1] === '*') {
    const e = t.indexOf('*/', i + 2);
    if (e === -1) throw new Error('unterminated comment');
    return e + 2;
  }
  return -1;
}

const CLOSE = { '{': '}', '[': ']', '(': ')' };

/** t[i] is an opening bracket: the index just past its matching close. */
function skipBalanced(t, i) {
  const stack = [CLOSE[t[i]]];
  i++;
  while (i < t.length) {
    const c = t[i];
    if (c === '"') {
      i = skipString(t, i);
      continue;
    }
    if (c === '<' && t[i + 1] === '<') {
      const h = skipHeredoc(t, i);
      if (h !== -1) {
        i = h;
        continue;
      }
    }
    const k = skipComment(t, i);
    if (k !== -1) {
      i = k;
      continue;
    }
    if (CLOSE[c]) stack.push(CLOSE[c]);
    else if (c === '}' || c === ']' || c === ')') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  throw new Error('unbalanced brackets');
}

/** From the start of an attribute's expression: the index where it ends (newline at depth 0). */
function skipExpression(t, i, end) {
  while (i < end) {
    const c = t[i];
    if (c === '\n') return i;
    if (c === '"') {
      i = skipString(t, i);
      continue;
    }
    if (c === '<' && t[i + 1] === '<') {
      const h = skipHeredoc(t, i);
      if (h !== -1) {
        i = h;
        continue;
      }
    }
    const k = skipComment(t, i);
    if (k !== -1) return i;
    if (CLOSE[c]) {
      i = skipBalanced(t, i);
      continue;
    }
    if (c === '}') return i; // a one-line block `x { a = 1 }`
    i++;
  }
  return end;
}

function skipSpace(t, i, end, newlines) {
  while (i < end) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\r' || (newlines && (c === '\n' || c === ','))) i++;
    else if (newlines && skipComment(t, i) !== -1) i = skipComment(t, i);
    else break;
  }
  return i;
}

/**
 * The items of a body t[start, end): blocks { kind, type, labels, start, end, bodyStart, bodyEnd }
 * and attributes { kind, name, start, end, exprStart, exprEnd }. `start` is the first character of
 * the item, `end` just past it (a block's closing brace, an attribute's last expression character).
 */
function parseBody(t, start = 0, end = t.length) {
  const items = [];
  let i = start;
  for (;;) {
    i = skipSpace(t, i, end, true);
    if (i >= end) break;
    const itemStart = i;
    let name;
    if (t[i] === '"') {
      const e = skipString(t, i); // a quoted object key
      name = t.slice(i + 1, e - 1);
      i = e;
    } else {
      IDENT.lastIndex = i;
      const m = IDENT.exec(t);
      if (!m) throw new Error(`unexpected ${JSON.stringify(t.slice(i, i + 20))} at ${i}`);
      name = m[0];
      i = IDENT.lastIndex;
    }
    i = skipSpace(t, i, end, false);
    if ((t[i] === '=' && t[i + 1] !== '=') || t[i] === ':') {
      const exprStart = skipSpace(t, i + 1, end, false);
      const exprEnd = skipExpression(t, exprStart, end);
      let e = exprEnd;
      while (e > exprStart && /\s/.test(t[e - 1])) e--;
      items.push({ kind: 'attr', name, start: itemStart, end: e, exprStart, exprEnd: e });
      i = exprEnd;
      continue;
    }
    const labels = [];
    while (t[i] !== '{') {
      if (t[i] === '"') {
        const e = skipString(t, i);
        labels.push(t.slice(i + 1, e - 1));
        i = e;
      } else {
        IDENT.lastIndex = i;
        const m = IDENT.exec(t);
        if (!m) throw new Error(`bad block header ${JSON.stringify(t.slice(itemStart, i + 20))}`);
        labels.push(m[0]);
        i = IDENT.lastIndex;
      }
      i = skipSpace(t, i, end, false);
    }
    const close = skipBalanced(t, i);
    items.push({
      kind: 'block',
      type: name,
      labels,
      start: itemStart,
      end: close,
      bodyStart: i + 1,
      bodyEnd: close - 1,
    });
    i = close;
  }
  return items;
}

/** Splits the elements of a list expression `[a, b]` (its text), at depth 0. */
function listElements(text) {
  const inner = text.trim();
  if (!inner.startsWith('[') || !inner.endsWith(']')) return null;
  const body = inner.slice(1, -1);
  const out = [];
  let i = 0;
  let from = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === '"') i = skipString(body, i);
    else if (CLOSE[c]) i = skipBalanced(body, i);
    else if (skipComment(body, i) !== -1) i = skipComment(body, i);
    else if (c === ',') {
      out.push(body.slice(from, i));
      from = ++i;
    } else i++;
  }
  out.push(body.slice(from));
  return out.map((s) => s.replace(/(#|\/\/).*$/gm, '').trim()).filter((s) => s !== '');
}

module.exports = { parseBody, listElements, skipBalanced };
