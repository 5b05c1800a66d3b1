import { describe, expect, it } from 'vitest';
import { hclTreeToModel } from '../../../src/ingest/terraform-hcl/read-hcl.js';
import type { Statement } from '../../../src/model/policy.js';
import { treeOf } from '../../helpers/hcl.js';

/** The statements of a role's inline policy, without their indexes, read from HCL alone. */
async function inlineStatements(main: string, role = 'agent'): Promise<Omit<Statement, 'index'>[]> {
  const { model } = await hclTreeToModel(await treeOf({ 'main.tf': main }), { accountId: '111111111111' });
  const principal = model.after.principals.find((p) => p.name === role);
  return (principal?.inlinePolicies[0]?.document.statements ?? []).map(({ index: _index, ...rest }) => rest);
}

const ROLE = `resource "aws_iam_role" "agent" {
  name               = "agent"
  assume_role_policy = "{}"
}
`;

function inline(policy: string): string {
  return `${ROLE}resource "aws_iam_role_policy" "p" {
  name   = "p"
  role   = aws_iam_role.agent.id
  policy = ${policy}
}
`;
}

describe('policies from HCL', () => {
  it.each([
    {
      name: 'jsonencode of an object literal',
      main: inline(
        'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })',
      ),
      expected: [{ effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::b/*'] }],
    },
    {
      name: 'a reference to a bucket ARN is synthesised from its name',
      main: `resource "aws_s3_bucket" "b" {
  bucket = "reports"
}
${inline('jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "${aws_s3_bucket.b.arn}/*" }] })')}`,
      expected: [{ effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::reports/*'] }],
    },
    {
      name: 'an unresolved Resource of an Allow widens to *',
      main: `variable "bucket" {}
${inline('jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = ["arn:aws:s3:::known/*", "arn:aws:s3:::${var.bucket}/*"] }] })')}`,
      expected: [{ effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::known/*', '*'] }],
    },
    {
      name: 'an unresolved Action of an Allow widens to *',
      main: `variable "action" {}
${inline('jsonencode({ Statement = [{ Effect = "Allow", Action = var.action, Resource = "*" }] })')}`,
      expected: [{ effect: 'Allow', action: ['*'], resource: ['*'] }],
    },
    {
      name: 'a Deny with an unresolved part is left out, never strengthened',
      main: `variable "bucket" {}
${inline('jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }, { Effect = "Deny", Action = "s3:DeleteObject", Resource = "arn:aws:s3:::${var.bucket}/*" }] })')}`,
      expected: [{ effect: 'Allow', action: ['s3:*'], resource: ['*'] }],
    },
    {
      name: 'an aws_iam_policy_document with principals, conditions and not_actions',
      main: `data "aws_iam_policy_document" "d" {
  statement {
    sid         = "Most"
    not_actions = ["iam:*"]
    resources   = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}
${inline('data.aws_iam_policy_document.d.json')}`,
      expected: [
        {
          sid: 'Most',
          effect: 'Allow',
          notAction: ['iam:*'],
          resource: ['*'],
          condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] } },
        },
      ],
    },
    {
      name: 'source and override documents: an override replaces the statement of the same sid',
      main: `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    sid       = "List"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "narrow" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}
data "aws_iam_policy_document" "d" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.narrow.json]
}
${inline('data.aws_iam_policy_document.d.json')}`,
      expected: [
        { sid: 'Read', effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::reports/*'] },
        { sid: 'List', effect: 'Allow', action: ['s3:ListBucket'], resource: ['*'] },
      ],
    },
  ])('$name', async ({ main, expected }) => {
    expect(await inlineStatements(main)).toEqual(expected);
  });

  it('lists each unresolved value and approximation at its block’s line', async () => {
    const main = `variable "bucket" {}
${inline('jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::${var.bucket}/*" }] })')}`;
    const { model, stats } = await hclTreeToModel(await treeOf({ 'main.tf': main }), {
      accountId: '111111111111',
    });
    const hcl = model.diagnostics.filter((d) => d.code === 'hcl.approximated' || d.code === 'hcl.unresolved');
    expect(hcl.map((d) => [d.code, d.location])).toEqual([
      ['hcl.approximated', { file: 'main.tf', line: 6 }],
    ]);
    expect(hcl[0]?.message).toContain('var.bucket');
    expect(stats.approximated).toBe(1);
  });

  it('points every principal and policy at its .tf block', async () => {
    const { model } = await hclTreeToModel(await treeOf({ 'main.tf': `\n\n${inline('"{}"')}` }));
    expect(model.after.principals.map((p) => p.source)).toEqual([{ file: 'main.tf', line: 3 }]);
  });

  it('gives resources the provider’s default tags under their own, as tags_all', async () => {
    const main = `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = { env = "prod", team = "platform" }
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "reports"
  tags   = { team = "data" }
}
`;
    const { model } = await hclTreeToModel(await treeOf({ 'main.tf': main }), { accountId: '111111111111' });
    const bucket = model.after.resources.find((r) => r.address === 'aws_s3_bucket.b');
    expect(bucket?.tags).toEqual({ env: 'prod', team: 'data' });
  });

  it('says when nothing names the account, in terms of .tf files', async () => {
    const { model } = await hclTreeToModel(await treeOf({ 'main.tf': ROLE }));
    expect(model.diagnostics.map((d) => d.code).filter((code) => code.startsWith('hcl.'))).toEqual([
      'hcl.account-unknown',
      'hcl.region-unknown',
    ]);
    expect(model.after.principals.map((p) => p.arn)).toEqual(['arn:aws:iam::000000000000:role/agent']);
  });

  it('has no world before a plan: no changes, before is after', async () => {
    const { model } = await hclTreeToModel(await treeOf({ 'main.tf': ROLE }));
    expect(model.changes).toEqual([]);
    expect(model.before).toBe(model.after);
  });
});
