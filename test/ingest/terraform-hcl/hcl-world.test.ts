import { describe, expect, it } from 'vitest';
import { instancesOf, plain, treeOf, worldOf } from '../../helpers/hcl.js';

interface Case {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  readonly extra?: Readonly<Record<string, string>>;
  readonly address: string;
  readonly attribute: string;
  readonly expected: unknown;
}

const ROLE = `resource "aws_iam_role" "r" {
  name               = "agent"
  assume_role_policy = "{}"
}
`;

const cases: readonly Case[] = [
  {
    name: 'a literal',
    files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "reports"\n}\n' },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: 'reports',
  },
  {
    name: 'a template over a variable default',
    files: {
      'main.tf':
        'variable "env" {\n  default = "prod"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "reports-${var.env}"\n}\n',
    },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: 'reports-prod',
  },
  {
    name: 'terraform.tfvars over the default, a later -var-file over both',
    files: {
      'main.tf':
        'variable "env" {\n  default = "dev"\n}\nvariable "team" {\n  default = "x"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${var.team}-${var.env}"\n}\n',
      'terraform.tfvars': 'env = "staging"\nteam = "data"\n',
      'prod.tfvars': 'env = "prod"\n',
    },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: 'data-prod',
  },
  {
    name: 'locals that use locals',
    files: {
      'main.tf':
        'locals {\n  prefix = "acme"\n  bucket = "${local.prefix}-logs"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.bucket\n}\n',
    },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: 'acme-logs',
  },
  {
    name: 'jsonencode of an object literal',
    files: {
      'main.tf': `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}
`,
    },
    address: 'aws_iam_policy.p',
    attribute: 'policy',
    expected:
      '{"Statement":[{"Action":["s3:GetObject"],"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}',
  },
  {
    name: 'a reference to another resource’s computed ARN is synthesised',
    files: {
      'main.tf': `${ROLE}resource "aws_iam_policy" "p" {
  name   = "deploy"
  path   = "/agents/"
  policy = "{}"
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
`,
    },
    address: 'aws_iam_role_policy_attachment.a',
    attribute: 'policy_arn',
    expected: 'arn:aws:iam::111111111111:policy/agents/deploy',
  },
  {
    name: 'a reference to a configured attribute is its value',
    files: {
      'main.tf': `${ROLE}resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.id
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
    },
    address: 'aws_iam_role_policy_attachment.a',
    attribute: 'role',
    expected: 'agent',
  },
  {
    name: 'count over a literal: count.index',
    files: {
      'main.tf': 'resource "aws_iam_user" "u" {\n  count = 2\n  name  = "user-${count.index}"\n}\n',
    },
    address: 'aws_iam_user.u[1]',
    attribute: 'name',
    expected: 'user-1',
  },
  {
    name: 'for_each over a map: each.key and each.value',
    files: {
      'main.tf':
        'resource "aws_iam_user" "u" {\n  for_each = { alice = "eng", bob = "ops" }\n  name     = "${each.key}-${each.value}"\n}\n',
    },
    address: 'aws_iam_user.u["bob"]',
    attribute: 'name',
    expected: 'bob-ops',
  },
  {
    name: 'for_each over toset of a local list, and a reference to one instance',
    files: {
      'main.tf': `locals {
  names = ["b", "a", "a"]
}
resource "aws_iam_user" "u" {
  for_each = toset(local.names)
  name     = each.value
}
resource "aws_iam_user_policy" "p" {
  user   = aws_iam_user.u["a"].name
  policy = "{}"
}
`,
    },
    address: 'aws_iam_user_policy.p',
    attribute: 'user',
    expected: 'a',
  },
  {
    name: 'a local module: an input and an output',
    files: {
      'main.tf': `module "agent" {
  source = "./modules/agent"
  name   = "release"
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = module.agent.role_name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
      'modules/agent/main.tf': `variable "name" {}
resource "aws_iam_role" "this" {
  name               = "\${var.name}-agent"
  assume_role_policy = "{}"
}
output "role_name" {
  value = aws_iam_role.this.name
}
`,
    },
    address: 'aws_iam_role_policy_attachment.a',
    attribute: 'role',
    expected: 'release-agent',
  },
  {
    name: 'a module instance’s resource sees its own input',
    files: {
      'main.tf':
        'module "agent" {\n  source   = "./modules/agent"\n  for_each = toset(["x"])\n  name     = each.key\n}\n',
      'modules/agent/main.tf':
        'variable "name" {}\nresource "aws_iam_role" "this" {\n  name               = var.name\n  assume_role_policy = "{}"\n}\n',
    },
    address: 'module.agent["x"].aws_iam_role.this',
    attribute: 'name',
    expected: 'x',
  },
  {
    name: 'a for expression, a conditional and merge',
    files: {
      'main.tf': `variable "admin" {
  default = false
}
locals {
  actions = [for s in ["get", "list"] : "s3:\${title(s)}*"]
  tags    = merge({ a = "1" }, var.admin ? { admin = "yes" } : {})
}
resource "aws_s3_bucket" "b" {
  bucket = join(",", local.actions)
  tags   = local.tags
}
`,
    },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: 's3:Get*,s3:List*',
  },
  {
    name: 'file() and templatefile() relative to path.module',
    files: {
      'main.tf': `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = templatefile("\${path.module}/policy.json.tpl", { bucket = "reports" })
}
`,
    },
    extra: { 'policy.json.tpl': '{"Resource": "arn:aws:s3:::${bucket}/*"}' },
    address: 'aws_iam_policy.p',
    attribute: 'policy',
    expected: '{"Resource": "arn:aws:s3:::reports/*"}',
  },
  {
    name: 'unresolved: a variable with no value',
    files: { 'main.tf': 'variable "bucket" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.bucket\n}\n' },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: {
      unknown: ['var.bucket'],
      reasons: ['var.bucket has no value (no default, tfvars or -var-file sets it)'],
    },
  },
  {
    name: 'unresolved: a function that needs the real world',
    files: { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "logs-${uuid()}"\n}\n' },
    address: 'aws_s3_bucket.b',
    attribute: 'bucket',
    expected: { unknown: [], reasons: ['uuid() is not evaluated without a plan'] },
  },
  {
    name: 'unresolved: a data source read from AWS',
    files: {
      'main.tf':
        'data "aws_iam_role" "existing" {\n  name = "ops"\n}\nresource "aws_iam_role_policy_attachment" "a" {\n  role       = "x"\n  policy_arn = data.aws_iam_role.existing.permissions_boundary\n}\n',
    },
    address: 'aws_iam_role_policy_attachment.a',
    attribute: 'policy_arn',
    expected: {
      unknown: ['data.aws_iam_role.existing.permissions_boundary'],
      reasons: ['data.aws_iam_role.existing.permissions_boundary is read from AWS during a plan'],
    },
  },
  {
    name: 'a dynamic block expands over its for_each',
    files: {
      'main.tf': `data "aws_iam_policy_document" "d" {
  dynamic "statement" {
    for_each = { read = "s3:GetObject", list = "s3:ListBucket" }
    content {
      sid     = statement.key
      actions = [statement.value]
    }
  }
}
`,
    },
    address: 'data.aws_iam_policy_document.d',
    attribute: 'statement',
    expected: undefined,
  },
];

describe('evaluating .tf values without a plan', () => {
  it.each(cases.filter((c) => c.expected !== undefined))(
    '$name',
    async ({ files, extra, address, attribute, expected }) => {
      // Given the files, When the world is evaluated, Then the attribute has the expected value
      const world = worldOf(await treeOf(files, extra));
      const instance = instancesOf(world).get(address);
      expect(instance, `no instance ${address}`).toBeDefined();
      expect(plain(instance?.attribute(attribute).value ?? null)).toEqual(expected);
    },
  );

  it('expands dynamic blocks in the instance values', async () => {
    const dynamic = cases.find((c) => c.name.startsWith('a dynamic block'));
    const world = worldOf(await treeOf(dynamic?.files ?? {}));
    const values = instancesOf(world).get('data.aws_iam_policy_document.d')?.values().values;
    expect(plain(values?.statement ?? null)).toEqual([
      { sid: 'list', actions: ['s3:ListBucket'] },
      { sid: 'read', actions: ['s3:GetObject'] },
    ]);
  });

  it('reports a count that cannot be resolved, and reads the block once', async () => {
    const world = worldOf(
      await treeOf({
        'main.tf': 'variable "n" {}\nresource "aws_iam_user" "u" {\n  count = var.n\n  name  = "u"\n}\n',
      }),
    );
    expect([...instancesOf(world).keys()]).toEqual(['aws_iam_user.u']);
    expect(world.unresolved.map((u) => [u.address, u.location.line])).toEqual([['aws_iam_user.u', 2]]);
  });

  it('reports a module whose source is not local', async () => {
    const world = worldOf(
      await treeOf({ 'main.tf': '\nmodule "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n' }),
    );
    world.moduleInstances();
    expect(world.unresolved.map((u) => [u.address, u.location.line])).toEqual([['module.vpc', 2]]);
  });
});
