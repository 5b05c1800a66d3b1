import { type Accessor, type Expr, HclSyntaxError, parseTemplate, type TemplatePart } from './expression.js';
import { callFunction } from './functions.js';
import type { EvalScope, Step } from './scope.js';
import {
  type HclObject,
  type HclValue,
  isHclList,
  isHclObject,
  isUnknown,
  mergeUnknowns,
  type Unknown,
  unknownReason,
} from './values.js';

export function stepText(step: Step): string {
  if (step.kind === 'attr') return `.${step.name}`;
  return typeof step.key === 'number' ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`;
}

/** Applies attribute and index steps to a value; a missing member or element is unknown, with why. */
export function applySteps(value: HclValue, steps: readonly Step[]): HclValue {
  let current = value;
  for (const step of steps) {
    if (isUnknown(current)) return current;
    if (step.kind === 'index' && isUnknown(step.key)) return step.key;
    const key = step.kind === 'attr' ? step.name : step.key;
    if (isHclList(current) && typeof key === 'number') {
      const item = current[key];
      if (item === undefined) return unknownReason(`index ${key} is out of range`);
      current = item;
    } else if (isHclList(current) && typeof key === 'string' && /^\d+$/.test(key)) {
      const item = current[Number(key)];
      if (item === undefined) return unknownReason(`index ${key} is out of range`);
      current = item;
    } else if (isHclObject(current) && (typeof key === 'string' || typeof key === 'number')) {
      const item = current[String(key)];
      if (item === undefined) return unknownReason(`no attribute or key ${JSON.stringify(key)}`);
      current = item;
    } else {
      return unknownReason(`cannot read ${stepText(step)} of ${current === null ? 'null' : typeof current}`);
    }
  }
  return current;
}

/** A value as text in a template: strings, numbers and bools convert; anything else is unknown. */
export function toText(value: HclValue): string | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return unknownReason(`a ${value === null ? 'null' : isHclList(value) ? 'list' : 'object'} used as text`);
}

export function isTruthy(value: HclValue): boolean | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return unknownReason('a condition that is not a bool');
}

function equal(a: HclValue, b: HclValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function toNumber(value: HclValue): number | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return unknownReason('an arithmetic operand that is not a number');
}

function binary(op: string, left: HclValue, right: HclValue): HclValue {
  if (op === '&&' || op === '||') {
    const [a, b] = [isTruthy(left), isTruthy(right)];
    // a known short-circuiting side decides even when the other is unknown
    if (op === '&&' && (a === false || b === false)) return false;
    if (op === '||' && (a === true || b === true)) return true;
    if (isUnknown(a) || isUnknown(b)) return mergeUnknowns([a, b]);
    return op === '&&' ? a && b : a || b;
  }
  if (isUnknown(left) || isUnknown(right)) return mergeUnknowns([left, right]);
  if (op === '==') return equal(left, right);
  if (op === '!=') return !equal(left, right);
  const [a, b] = [toNumber(left), toNumber(right)];
  if (isUnknown(a) || isUnknown(b)) return mergeUnknowns([a, b]);
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    default:
      return unknownReason(`operator ${op}`);
  }
}

/** Iteration pairs of a collection: (index, element) of a list, (key, value) of an object in key order. */
export function entriesOf(collection: HclValue): [HclValue, HclValue][] | Unknown {
  if (isUnknown(collection)) return collection;
  if (isHclList(collection)) return collection.map((item, index) => [index, item]);
  if (isHclObject(collection)) {
    return Object.keys(collection)
      .sort()
      .map((key) => [key, collection[key] ?? null]);
  }
  if (collection === null) return unknownReason('iteration over null');
  return unknownReason(`iteration over a ${typeof collection}`);
}

export class Evaluator {
  constructor(private readonly scope: EvalScope) {}

  evaluate(expr: Expr, locals: ReadonlyMap<string, HclValue> = new Map()): HclValue {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'template':
        return this.template(expr.parts, locals);
      case 'tuple':
        return expr.items.map((item) => this.evaluate(item, locals));
      case 'object':
        return this.object(expr.items, locals);
      case 'traversal': {
        const steps = this.steps(expr.steps, locals);
        const local = locals.get(expr.root);
        return local === undefined ? this.scope.resolve(expr.root, steps) : applySteps(local, steps);
      }
      case 'relative':
        return applySteps(this.evaluate(expr.source, locals), this.steps(expr.steps, locals));
      case 'splat': {
        const source = this.evaluate(expr.source, locals);
        if (isUnknown(source)) return source;
        const steps = this.steps(expr.steps, locals);
        if (source === null) return [];
        const items = isHclList(source) ? source : [source];
        return items.map((item) => applySteps(item, steps));
      }
      case 'call':
        if (expr.name === 'templatefile') return this.templatefile(expr.args, locals);
        return callFunction(
          expr.name,
          expr.args.map((arg) => this.evaluate(arg, locals)),
          expr.expandFinal,
          this.scope,
        );
      case 'unary': {
        const operand = this.evaluate(expr.operand, locals);
        if (expr.op === '!') {
          const truth = isTruthy(operand);
          return isUnknown(truth) ? truth : !truth;
        }
        const number = toNumber(operand);
        return isUnknown(number) ? number : -number;
      }
      case 'binary':
        return binary(expr.op, this.evaluate(expr.left, locals), this.evaluate(expr.right, locals));
      case 'conditional': {
        const truth = isTruthy(this.evaluate(expr.condition, locals));
        if (isUnknown(truth)) {
          // either branch may be taken: known only when both agree
          const [a, b] = [this.evaluate(expr.whenTrue, locals), this.evaluate(expr.whenFalse, locals)];
          return !isUnknown(a) && !isUnknown(b) && equal(a, b) ? a : mergeUnknowns([truth, a, b]);
        }
        return this.evaluate(truth ? expr.whenTrue : expr.whenFalse, locals);
      }
      case 'for':
        return this.forExpression(expr, locals);
    }
  }

  /** templatefile(path, vars): the file as a template whose only names are the given variables. */
  private templatefile(args: readonly Expr[], locals: ReadonlyMap<string, HclValue>): HclValue {
    const [pathExpr, varsExpr] = args;
    if (pathExpr === undefined) return unknownReason('templatefile() without a path');
    const path = toText(this.evaluate(pathExpr, locals));
    if (isUnknown(path)) return path;
    const vars = varsExpr === undefined ? {} : this.evaluate(varsExpr, locals);
    if (isUnknown(vars)) return vars;
    if (!isHclObject(vars)) return unknownReason('templatefile() variables that are not an object');
    const source = this.scope.readText(path);
    if (source === undefined) return unknownReason(`templatefile("${path}") cannot be read`);
    let template: Expr;
    try {
      template = parseTemplate(source);
    } catch (error) {
      if (error instanceof HclSyntaxError) return unknownReason(`templatefile("${path}"): ${error.message}`);
      throw error;
    }
    const isolated = new Evaluator({
      resolve: (root) =>
        unknownReason(`templatefile("${path}") names ${root}, which is not one of its variables`),
      readText: (file) => this.scope.readText(file),
      note: (message) => this.scope.note(message),
    });
    return isolated.evaluate(template, new Map(Object.entries(vars)));
  }

  private steps(accessors: readonly Accessor[], locals: ReadonlyMap<string, HclValue>): Step[] {
    return accessors.map((accessor) =>
      accessor.kind === 'attr' ? accessor : { kind: 'index', key: this.evaluate(accessor.key, locals) },
    );
  }

  private object(
    items: readonly { readonly key: Expr; readonly value: Expr }[],
    locals: ReadonlyMap<string, HclValue>,
  ): HclValue {
    const out: Record<string, HclValue> = {};
    for (const item of items) {
      const key = toText(this.evaluate(item.key, locals));
      if (isUnknown(key)) return key;
      out[key] = this.evaluate(item.value, locals);
    }
    return out;
  }

  private template(parts: readonly TemplatePart[], locals: ReadonlyMap<string, HclValue>): HclValue {
    let text = '';
    const unknowns: HclValue[] = [];
    for (const part of parts) {
      const value = this.part(part, locals);
      if (isUnknown(value)) unknowns.push(value);
      else text += value;
    }
    return unknowns.length > 0 ? mergeUnknowns(unknowns) : text;
  }

  private part(part: TemplatePart, locals: ReadonlyMap<string, HclValue>): string | Unknown {
    switch (part.kind) {
      case 'text':
        return part.text;
      case 'interpolation':
        return toText(this.evaluate(part.expr, locals));
      case 'if': {
        const truth = isTruthy(this.evaluate(part.condition, locals));
        if (isUnknown(truth)) return truth;
        return toText(this.template(truth ? part.whenTrue : part.whenFalse, locals));
      }
      case 'for': {
        const entries = entriesOf(this.evaluate(part.collection, locals));
        if (isUnknown(entries)) return entries;
        let text = '';
        for (const [key, value] of entries) {
          const inner = new Map(locals);
          inner.set(part.valueVar, value);
          if (part.keyVar !== undefined) inner.set(part.keyVar, key);
          const piece = toText(this.template(part.body, inner));
          if (isUnknown(piece)) return piece;
          text += piece;
        }
        return text;
      }
    }
  }

  private forExpression(
    expr: Extract<Expr, { kind: 'for' }>,
    locals: ReadonlyMap<string, HclValue>,
  ): HclValue {
    const entries = entriesOf(this.evaluate(expr.collection, locals));
    if (isUnknown(entries)) return entries;
    const list: HclValue[] = [];
    const object: Record<string, HclValue> = {};
    const groups: Record<string, HclValue[]> = {};
    for (const [key, value] of entries) {
      const inner = new Map(locals);
      inner.set(expr.valueVar, value);
      if (expr.keyVar !== undefined) inner.set(expr.keyVar, key);
      if (expr.condition !== undefined) {
        const keep = isTruthy(this.evaluate(expr.condition, inner));
        if (isUnknown(keep)) return keep;
        if (!keep) continue;
      }
      const item = this.evaluate(expr.valueExpr, inner);
      if (expr.keyExpr === undefined) {
        list.push(item);
        continue;
      }
      const name = toText(this.evaluate(expr.keyExpr, inner));
      if (isUnknown(name)) return name;
      if (expr.grouped) groups[name] = [...(groups[name] ?? []), item];
      else object[name] = item;
    }
    if (expr.keyExpr === undefined) return list;
    return expr.grouped ? (groups satisfies HclObject) : object;
  }
}
