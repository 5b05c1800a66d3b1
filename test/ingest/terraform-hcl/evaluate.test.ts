import { describe, expect, it } from 'vitest';
import { Evaluator } from '../../../src/ingest/terraform-hcl/evaluate.js';
import {
  HclSyntaxError,
  parseExpression,
  parseTemplate,
} from '../../../src/ingest/terraform-hcl/expression.js';
import type { EvalScope } from '../../../src/ingest/terraform-hcl/scope.js';
import { type HclValue, Unknown } from '../../../src/ingest/terraform-hcl/values.js';
import { widenPolicyDocument } from '../../../src/ingest/terraform-hcl/widen-policy.js';
import { plain } from '../../helpers/hcl.js';

/** A scope whose only names are `var.*` from `vars`; anything else is an unknown reference. */
function scopeOf(vars: Readonly<Record<string, HclValue>>, notes: string[] = []): EvalScope {
  return {
    resolve: (root, steps) => {
      const [first] = steps;
      const name = first?.kind === 'attr' ? first.name : '';
      if (root === 'var' && name in vars) return vars[name] ?? null;
      return new Unknown([`${root}.${name}`]);
    },
    readText: () => undefined,
    note: (message) => notes.push(message),
  };
}

const evaluate = (text: string, vars: Readonly<Record<string, HclValue>> = {}) =>
  plain(new Evaluator(scopeOf(vars)).evaluate(parseTemplate(text)));

describe('HCL expressions', () => {
  it.each([
    { name: 'plain text', input: 'arn:aws:s3:::reports', expected: 'arn:aws:s3:::reports' },
    { name: 'an escaped interpolation', input: 'arn:$${aws:username}', expected: 'arn:${aws:username}' },
    { name: 'a lone interpolation keeps its type', input: '${[1, 2]}', expected: [1, 2] },
    { name: 'arithmetic and comparison', input: '${1 + 2 * 3 == 7 && !false}', expected: true },
    { name: 'a conditional', input: '${var.prod ? "p" : "d"}', vars: { prod: true }, expected: 'p' },
    {
      name: 'a conditional on an unknown that both branches agree on',
      input: '${var.unknown ? "same" : "same"}',
      expected: 'same',
    },
    {
      name: 'a for over a list with a filter',
      input: '${[for x in [1, 2, 3] : x * 10 if x != 2]}',
      expected: [10, 30],
    },
    {
      name: 'an object for with a grouping',
      input: '${{for k, v in {a = "x", b = "x", c = "y"} : v => k...}}',
      expected: { x: ['a', 'b'], y: ['c'] },
    },
    { name: 'a splat', input: '${[{n = "a"}, {n = "b"}][*].n}', expected: ['a', 'b'] },
    { name: 'an index and an attribute', input: '${{a = [0, {b = "hit"}]}.a[1].b}', expected: 'hit' },
    {
      name: 'a quoted key and a key expression',
      input: '${{"Version" = "1", (var.k) = 2}}',
      vars: { k: 'K' },
      expected: { Version: '1', K: 2 },
    },
    {
      name: 'a heredoc inside an expression',
      input: '${trimspace(<<EOT\n  hello ${var.who}\nEOT\n)}',
      vars: { who: 'you' },
      expected: 'hello you',
    },
    {
      name: 'a template if directive',
      input: '%{if var.on}on%{else}off%{endif}',
      vars: { on: false },
      expected: 'off',
    },
    { name: 'a template for directive', input: '%{for s in ["a", "b"]}${s};%{endfor}', expected: 'a;b;' },
    {
      name: 'format, join and replace',
      input: '${replace(format("%s-%d", join("/", ["a", "b"]), 7), "/", "_")}',
      expected: 'a_b-7',
    },
    { name: 'lookup with a default', input: '${lookup({a = 1}, "b", 2)}', expected: 2 },
    {
      name: 'try takes the first known argument',
      input: '${try(var.missing, "fallback")}',
      expected: 'fallback',
    },
    {
      name: 'an unknown reference stays unknown in a template',
      input: 'x-${var.missing}',
      expected: { unknown: ['var.missing'], reasons: [] },
    },
    {
      name: 'an unknown index of a known list',
      input: '${["a"][var.missing]}',
      expected: { unknown: ['var.missing'], reasons: [] },
    },
  ])('$name', ({ input, vars, expected }) => {
    expect(evaluate(input, vars)).toEqual(expected);
  });

  it.each(['1 +', '{a = }', 'f(1', '"unterminated'])('rejects %j with a syntax error', (text) => {
    expect(() => parseExpression(text)).toThrow(HclSyntaxError);
  });
});

describe('jsonencode of a policy document with unknown parts', () => {
  const unknown = new Unknown(['var.x']);
  it.each([
    {
      name: 'an Allow: unknown Action and Resource elements become *',
      statement: { Effect: 'Allow', Action: ['s3:GetObject', unknown], Resource: unknown },
      expected: [{ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: '*' }],
    },
    {
      name: 'an Allow: an unknown NotAction element is left out, all of them unknown is Action *',
      statement: { Effect: 'Allow', NotAction: [unknown], Resource: '*' },
      expected: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    },
    {
      name: 'an Allow: an unknown condition is left out',
      statement: {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': unknown, 'aws:RequestedRegion': 'eu-west-1' } },
      },
      expected: [
        {
          Effect: 'Allow',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        },
      ],
    },
    {
      name: 'an Allow: an unknown Principal is everyone',
      statement: { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: unknown } },
      expected: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }],
    },
    {
      name: 'a Deny with an unknown part is left out',
      statement: { Effect: 'Deny', Action: 's3:*', Resource: [unknown] },
      expected: [],
    },
  ])('$name', ({ statement, expected }) => {
    const widened = widenPolicyDocument({ Version: '2012-10-17', Statement: [statement] });
    expect(widened).not.toBeInstanceOf(Unknown);
    if (widened instanceof Unknown) return;
    expect(plain(widened.document.Statement ?? null)).toEqual(expected);
    expect(widened.notes.length).toBeGreaterThan(0);
  });

  it('jsonencode records one note per approximation in the scope', () => {
    const notes: string[] = [];
    const value = new Evaluator(scopeOf({}, notes)).evaluate(
      parseTemplate(
        '${jsonencode({Statement = [{Effect = "Allow", Action = "s3:GetObject", Resource = var.bucket}]})}',
      ),
    );
    expect(value).toBe('{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}');
    expect(notes).toEqual(['statement 0: Resource (var.bucket) widened to *']);
  });
});
