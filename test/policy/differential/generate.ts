import { actionsMatching, type GenAction, type GenCatalog, isValidResourceFor } from './catalog-index.js';
import { generateCondition, generateContext } from './conditions.js';
import type { ManagedPolicy } from './managed-policies.js';
import type { Rng } from './prng.js';
import {
  type DiffRequest,
  HOME_ACCOUNT,
  type NamedPolicy,
  OTHER_ACCOUNT,
  type PolicySet,
  type RawPolicy,
  type RawStatement,
} from './types.js';

/**
 * Names shared by generated ARNs and generated globs, so that globs sometimes match requests and
 * sometimes miss them by one character or by case.
 */
const NAMES = [
  'prod-app',
  'prod-db',
  'dev-app',
  'Team-A',
  'team-a',
  'logs',
  'data1',
  'data12',
  'x',
  'report.csv',
];
const PATH_NAMES = ['dir/report.csv', 'prod-app/x', 'a/b/c'];
const REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'eu-west-1'];
const COMMON_SERVICES = [
  's3',
  'ec2',
  'iam',
  'dynamodb',
  'lambda',
  'kms',
  'sqs',
  'sns',
  'logs',
  'rds',
  'secretsmanager',
  'ssm',
  'sts',
  'cloudwatch',
  'cloudformation',
  'ecr',
  'ecs',
  'events',
  'states',
  'apigateway',
];

export interface GeneratorContext {
  readonly rng: Rng;
  readonly catalog: GenCatalog;
  readonly managed: readonly ManagedPolicy[];
}

interface SetPlan {
  readonly services: readonly string[];
  readonly account: () => string;
}

/** One random policy set: identity policies (generated and/or AWS managed) and sometimes a boundary. */
export function generatePolicySet(ctx: GeneratorContext, id: number): PolicySet {
  const { rng } = ctx;
  const plan = planSet(ctx);
  const identity: NamedPolicy[] = [];
  if (ctx.managed.length > 0 && rng.chance(0.35)) {
    const count = rng.chance(0.2) ? 2 : 1;
    for (let i = 0; i < count; i++) identity.push(managedPolicy(ctx, `managed-${i}`));
  }
  const generatedCount = identity.length === 0 ? rng.int(1, 3) : rng.int(0, 2);
  for (let i = 0; i < generatedCount; i++) {
    identity.push({
      name: `identity-${i}`,
      origin: 'generated',
      document: generatePolicy(ctx, plan, 'identity'),
    });
  }
  if (!rng.chance(0.3)) return { id, identity };
  return { id, identity, boundary: [generateBoundary(ctx, plan)] };
}

function planSet(ctx: GeneratorContext): SetPlan {
  const { rng, catalog } = ctx;
  const count = rng.weighted([
    [5, 1],
    [3, 2],
    [1, 3],
  ] as const);
  const services: string[] = [];
  for (let i = 0; i < count; i++) {
    const common = COMMON_SERVICES.filter((s) => catalog.byService.has(s));
    services.push(rng.chance(0.75) ? rng.pick(common) : rng.pick(catalog.services));
  }
  return { services, account: () => (rng.chance(0.1) ? OTHER_ACCOUNT : HOME_ACCOUNT) };
}

function managedPolicy(ctx: GeneratorContext, name: string): NamedPolicy {
  const m = ctx.rng.pick(ctx.managed);
  return { name, origin: `managed:${m.name}`, document: m.document };
}

function generateBoundary(ctx: GeneratorContext, plan: SetPlan): NamedPolicy {
  const { rng } = ctx;
  const kind = rng.weighted([
    [45, 'services'],
    [30, 'random'],
    [15, 'all-but-deny'],
    [10, 'managed'],
  ] as const);
  const name = 'boundary';
  switch (kind) {
    case 'managed':
      if (ctx.managed.length > 0) return managedPolicy(ctx, name);
      return { name, origin: 'generated', document: generatePolicy(ctx, plan, 'boundary') };
    case 'services': {
      const services = plan.services.filter(() => rng.chance(0.7));
      const statements: RawStatement[] =
        services.length > 0
          ? [{ Effect: 'Allow', Action: services.map((s) => `${s}:*`), Resource: ['*'] }]
          : [];
      if (statements.length === 0 || rng.chance(0.4)) statements.push(generateStatement(ctx, plan, 'Allow'));
      return { name, origin: 'generated', document: policyOf(statements) };
    }
    case 'all-but-deny':
      return {
        name,
        origin: 'generated',
        document: policyOf([
          { Effect: 'Allow', Action: ['*'], Resource: ['*'] },
          generateStatement(ctx, plan, 'Deny'),
        ]),
      };
    case 'random':
      return { name, origin: 'generated', document: generatePolicy(ctx, plan, 'boundary') };
  }
}

function generatePolicy(ctx: GeneratorContext, plan: SetPlan, purpose: 'identity' | 'boundary'): RawPolicy {
  const { rng } = ctx;
  const statements: RawStatement[] = [];
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    const deny = rng.chance(purpose === 'identity' ? 0.3 : 0.15);
    statements.push(generateStatement(ctx, plan, deny ? 'Deny' : 'Allow'));
  }
  return policyOf(statements);
}

function policyOf(statements: readonly RawStatement[]): RawPolicy {
  return { Version: '2012-10-17', Statement: statements };
}

function generateStatement(ctx: GeneratorContext, plan: SetPlan, effect: 'Allow' | 'Deny'): RawStatement {
  const { rng } = ctx;
  const anchor = focusAction(ctx, plan);
  const actionKey = rng.chance(0.12) ? 'NotAction' : 'Action';
  const actionCount = actionKey === 'NotAction' ? rng.int(1, 2) : rng.int(1, 3);
  const actions: string[] = [];
  for (let i = 0; i < actionCount; i++) {
    actions.push(actionPattern(ctx, i === 0 ? anchor : focusAction(ctx, plan), actionKey === 'NotAction'));
  }
  const resourceKey = rng.chance(0.12) ? 'NotResource' : 'Resource';
  const resourceCount = rng.int(1, resourceKey === 'NotResource' ? 2 : 3);
  const resources: string[] = [];
  for (let i = 0; i < resourceCount; i++) {
    const target = i === 0 ? anchor : focusAction(ctx, plan);
    resources.push(resourcePattern(ctx, plan, target, resourceKey === 'NotResource'));
  }
  return {
    Effect: effect,
    [actionKey]: unique(actions),
    [resourceKey]: unique(resources),
    ...(rng.chance(CONDITION_CHANCE) ? { Condition: generateCondition(rng) } : {}),
  };
}

/** Share of generated statements with a Condition element. */
const CONDITION_CHANCE = 0.35;

function focusAction(ctx: GeneratorContext, plan: SetPlan): GenAction {
  const { rng, catalog } = ctx;
  const service = rng.pick(plan.services);
  return rng.pick(catalog.byService.get(service) ?? catalog.actions);
}

function actionPattern(ctx: GeneratorContext, action: GenAction, negated: boolean): string {
  const { rng } = ctx;
  const kind = rng.weighted([
    [negated ? 20 : 35, 'exact'],
    [negated ? 35 : 12, 'service'],
    [25, 'verb-prefix'],
    [8, 'prefix'],
    [10, 'question'],
    [5, 'suffix'],
    [negated ? 0 : 2, 'star'],
  ] as const);
  let pattern: string;
  switch (kind) {
    case 'exact':
      pattern = action.full;
      break;
    case 'service':
      pattern = `${action.service}:*`;
      break;
    case 'verb-prefix': {
      const verb = /^[A-Z][a-z]*/.exec(action.name)?.[0] ?? action.name.slice(0, 3);
      pattern = `${action.service}:${verb}*`;
      break;
    }
    case 'prefix':
      pattern = `${action.service}:${action.name.slice(0, rng.int(1, Math.max(1, action.name.length - 1)))}*`;
      break;
    case 'question': {
      const chars = action.name.split('');
      const count = rng.int(1, 2);
      for (let i = 0; i < count; i++) chars[rng.int(0, chars.length - 1)] = '?';
      pattern = `${action.service}:${chars.join('')}`;
      break;
    }
    case 'suffix': {
      const words = action.name.match(/[A-Z][a-z0-9]*/g) ?? [action.name];
      pattern = `${action.service}:*${words[words.length - 1] ?? ''}`;
      break;
    }
    case 'star':
      pattern = '*';
      break;
  }
  return rng.chance(0.15) ? mangleCase(rng, pattern) : pattern;
}

function mangleCase(rng: Rng, text: string): string {
  return text
    .split('')
    .map((c) => (rng.chance(0.3) ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c))
    .join('');
}

/** A Resource/NotResource value aimed at one of the action's resource types. */
function resourcePattern(ctx: GeneratorContext, plan: SetPlan, action: GenAction, negated: boolean): string {
  const { rng } = ctx;
  const format = action.formats.length > 0 ? rng.pick(action.formats) : undefined;
  const kind = rng.weighted([
    [negated ? 2 : 15, 'star'],
    [format ? 8 : 0, 'service-wide'],
    [format ? 8 : 0, 'product-star'],
    [format ? 60 : 0, 'instance'],
    [format ? 3 : 0, 'product-wildcard'],
    [format ? 2 : 0, 'case-flip'],
    [format ? 1 : 0, 'short-arn'],
    [format ? 1 : 0, 'upper-head'],
  ] as const);
  if (kind === 'star' || !format) return '*';
  const { head, resource } = splitFormat(format);
  const service = head[2] ?? '';
  switch (kind) {
    case 'service-wide':
      return `arn:aws:${service}:${head[3] === '' ? '' : '*'}:${head[4] === '' ? '' : '*'}:*`;
    case 'product-star': {
      const product = literalProduct(resource);
      return `${instantiateHead(rng, head, plan.account(), true)}:${product ?? ''}*`;
    }
    case 'instance':
      return `${instantiateHead(rng, head, plan.account(), true)}:${instantiateResource(rng, resource, true)}`;
    case 'product-wildcard': {
      const product = literalProduct(resource);
      const rest = instantiateResource(rng, resource, true);
      if (!product || product.length < 2)
        return `${instantiateHead(rng, head, plan.account(), true)}:*/${rest}`;
      const wild = rng.chance(0.5) ? `*${product.slice(product.length - 1)}` : `?${product.slice(1)}`;
      return `${instantiateHead(rng, head, plan.account(), true)}:${wild}${rest.slice(product.length)}`;
    }
    case 'case-flip': {
      const text = instantiateResource(rng, resource, false);
      const i = text.search(/[a-zA-Z]/);
      const flipped = i < 0 ? text : `${text.slice(0, i)}${swapCase(text[i] ?? '')}${text.slice(i + 1)}`;
      return `${instantiateHead(rng, head, plan.account(), false)}:${flipped}`;
    }
    case 'short-arn':
      return rng.chance(0.5) ? `arn:aws:${service}` : `arn:aws:${service}:*`;
    case 'upper-head':
      return `${instantiateHead(rng, head, plan.account(), false).toUpperCase()}:${instantiateResource(rng, resource, false)}`;
  }
}

function swapCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

function splitFormat(format: string): { head: string[]; resource: string } {
  const parts = format.split(':');
  return { head: parts.slice(0, 5), resource: parts.slice(5).join(':') };
}

/** The literal resource-type prefix of a resource part, through its first `/` or `:` (`table/`), if any. */
function literalProduct(resource: string): string | undefined {
  const match = /^[^$*/:]*[/:]/.exec(resource);
  return match?.[0];
}

function instantiateHead(rng: Rng, head: readonly string[], account: string, globs: boolean): string {
  const region = head[3] ?? '';
  const accountPart = head[4] ?? '';
  const variable = (s: string) => s.includes('${') || s.includes('*');
  const r = variable(region)
    ? globs && rng.chance(0.25)
      ? rng.pick(['*', 'us-*', 'us-east-?'])
      : rng.pick(REGIONS)
    : region;
  const a = variable(accountPart)
    ? globs && rng.chance(0.25)
      ? rng.pick(['*', '1111*'])
      : account
    : accountPart;
  return `arn:aws:${head[2] ?? ''}:${r}:${a}`;
}

function instantiateResource(rng: Rng, resource: string, globs: boolean): string {
  return resource.replace(/\$\{([^}]*)\}|\*/g, (_match, variable: string | undefined) => {
    const concrete = valueFor(rng, variable);
    return globs && rng.chance(0.35) ? globOf(rng, concrete) : concrete;
  });
}

function valueFor(rng: Rng, variable: string | undefined): string {
  if (variable && /account/i.test(variable)) return HOME_ACCOUNT;
  if (variable && /region/i.test(variable)) return 'us-east-1';
  if (variable && /(object|key|path|prefix)/i.test(variable) && rng.chance(0.4)) return rng.pick(PATH_NAMES);
  return rng.pick(NAMES);
}

function globOf(rng: Rng, name: string): string {
  switch (rng.int(0, 4)) {
    case 0:
      return '*';
    case 1:
      return `${name.slice(0, rng.int(0, name.length - 1))}*`;
    case 2: {
      const i = rng.int(0, name.length - 1);
      return `${name.slice(0, i)}?${name.slice(i + 1)}`;
    }
    case 3:
      return `*${name.slice(rng.int(1, name.length))}`;
    default:
      return `${name}*`;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Requests for one policy set: mostly actions the policies name (so Allow paths are exercised). */
export function generateRequests(ctx: GeneratorContext, set: PolicySet, count: number): DiffRequest[] {
  const { catalog } = ctx;
  const statements = [...set.identity, ...(set.boundary ?? [])].flatMap((p) => p.document.Statement);
  const patterns = statements.flatMap((s) => [...(s.Action ?? []), ...(s.NotAction ?? [])]);
  const resources = statements.flatMap((s) => [...(s.Resource ?? []), ...(s.NotResource ?? [])]);
  const services = [...new Set(patterns.map((p) => p.split(':')[0]?.toLowerCase() ?? ''))].filter((s) =>
    catalog.byService.has(s),
  );
  const requests: DiffRequest[] = [];
  const conditional = statements.some((s) => s.Condition !== undefined);
  for (let i = 0; i < count; i++) {
    const action = requestAction(ctx, patterns, services);
    const request = requestFor(ctx, action, resources);
    requests.push(
      conditional ? { ...request, context: generateContext(ctx.rng, request.resource) } : request,
    );
  }
  return requests;
}

function requestAction(
  ctx: GeneratorContext,
  patterns: readonly string[],
  services: readonly string[],
): GenAction {
  const { rng, catalog } = ctx;
  const draw = rng.weighted([
    [70, 'named'],
    [20, 'service'],
    [10, 'any'],
  ] as const);
  if (draw === 'named' && patterns.length > 0) {
    const pattern = rng.pick(patterns);
    if (pattern !== '*') {
      const matched = actionsMatching(catalog, pattern);
      if (matched.length > 0) return rng.pick(matched);
    }
  }
  if (draw !== 'any' && services.length > 0) {
    return rng.pick(catalog.byService.get(rng.pick(services)) ?? catalog.actions);
  }
  return rng.pick(catalog.actions);
}

function requestFor(
  ctx: GeneratorContext,
  action: GenAction,
  policyResources: readonly string[],
): DiffRequest {
  const { rng, catalog } = ctx;
  if (!action.hasResourceTypes) return { action: action.full, resource: '*', accountId: HOME_ACCOUNT };
  if (action.formats.length === 0) {
    // Resource types the generator cannot instantiate (a variable service segment): ask anyway with a
    // plausible ARN; iam-simulate reports that it fits no resource type, which is counted.
    const arn = `arn:aws:${action.service}:us-east-1:${HOME_ACCOUNT}:x`;
    return { action: action.full, resource: arn, accountId: HOME_ACCOUNT };
  }
  const account = rng.chance(0.1) ? OTHER_ACCOUNT : HOME_ACCOUNT;
  const valid = (arn: string) => isValidResourceFor(catalog, action, arn);
  if (rng.chance(0.35)) {
    const candidates = policyResources.filter((r) => r.toLowerCase().startsWith('arn:'));
    for (let attempt = 0; attempt < 3 && candidates.length > 0; attempt++) {
      const concrete = concretize(rng, rng.pick(candidates), account);
      if (valid(concrete)) return { action: action.full, resource: concrete, accountId: accountOf(concrete) };
    }
  }
  let arn = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const { head, resource } = splitFormat(rng.pick(action.formats));
    arn = `${instantiateHead(rng, head, account, false)}:${instantiateResource(rng, resource, false)}`;
    if (valid(arn)) break;
  }
  return { action: action.full, resource: arn, accountId: accountOf(arn) };
}

/** A concrete ARN that a policy pattern matches (or nearly: `?` becomes a letter that may not fit). */
function concretize(rng: Rng, pattern: string, account: string): string {
  const parts = pattern.split(':');
  const head = parts.slice(0, 5);
  while (head.length < 5) head.push('*');
  const fill = (segment: string, value: string) =>
    segment.includes('*') || segment.includes('?') ? value : segment;
  const region = fill(head[3] ?? '', rng.pick(REGIONS));
  const accountPart = fill(head[4] ?? '', account);
  const resource = (parts.length > 5 ? parts.slice(5).join(':') : '*')
    .replace(/\*/g, () => rng.pick(['', ...NAMES]))
    .replace(/\?/g, () => rng.pick(['a', '1', '-']));
  return `arn:${(head[1] ?? 'aws').toLowerCase()}:${(head[2] ?? '').toLowerCase()}:${region}:${accountPart}:${resource}`;
}

function accountOf(arn: string): string {
  const account = arn.split(':')[4] ?? '';
  return /^\d{12}$/.test(account) ? account : HOME_ACCOUNT;
}
