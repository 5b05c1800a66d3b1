// Adds to a Terraform v4 state the resources a plan creates, as if they had been applied, so that a
// configuration of the corpus can be planned once more against its own "deployed" state: that plan
// knows every ARN and policy document, as an account would.
//
// A created resource is added once every attribute its configuration sets is known; attributes
// only the provider computes get a stand-in: an ARN (blast-radius's own ARN synthesis where it has
// a rule, else arn:aws:<service>:us-east-1:111111111111:<kind>/<name>), an id (the attribute the
// provider stores as id, else a generated one with EC2's prefix), else an empty value of the schema
// type (a timestamp for attributes named like one). Resources whose configured values are
// still unknown wait for a later round (run.sh repeats plan and this script until nothing is added).
//
// usage: node deployed-state.cjs SCHEMA_JSON PLAN_JSON OUT_TFSTATE [BASE_TFSTATE]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { createHash } = require('node:crypto');

const ACCOUNT = '111111111111';
const REGION = 'us-east-1';
const NAME_ATTRIBUTES = ['name', 'bucket', 'function_name', 'role_name', 'cluster_name', 'family', 'user'];
/** Types whose id is an attribute of theirs, as the provider stores it; others get a generated id. */
const ID_ATTRIBUTE = {
  aws_iam_role: 'name',
  aws_iam_user: 'name',
  aws_iam_group: 'name',
  aws_iam_instance_profile: 'name',
  aws_iam_policy: 'arn',
  aws_s3_bucket: 'bucket',
  aws_lambda_function: 'function_name',
  aws_key_pair: 'key_name',
};
/** The prefixes of the ids EC2 generates, which the provider checks where an id is referenced. */
const ID_PREFIX = {
  aws_instance: 'i-',
  aws_launch_template: 'lt-',
  aws_security_group: 'sg-',
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_internet_gateway: 'igw-',
  aws_nat_gateway: 'nat-',
  aws_route_table: 'rtb-',
  aws_route_table_association: 'rtbassoc-',
  aws_eip: 'eipalloc-',
  aws_network_interface: 'eni-',
  aws_network_acl: 'acl-',
  aws_ebs_volume: 'vol-',
  aws_vpc_endpoint: 'vpce-',
  aws_vpc_peering_connection: 'pcx-',
};

const [schemaFile, planFile, outFile, baseFile] = process.argv.slice(2);
if (!schemaFile || !planFile || !outFile) {
  console.error('usage: node deployed-state.cjs SCHEMA_JSON PLAN_JSON OUT_TFSTATE [BASE_TFSTATE]');
  process.exit(2);
}
const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const schemas = read(schemaFile).provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;
const plan = read(planFile);
const base = baseFile ? read(baseFile) : { resources: [] };

/** Every configured resource's expressions, by its module path and config address. */
function configuredExpressions(module, prefix, out = new Map()) {
  for (const r of module.resources ?? []) out.set(`${prefix}${r.address}`, r.expressions ?? {});
  for (const [name, call] of Object.entries(module.module_calls ?? {}))
    configuredExpressions(call.module ?? {}, `${prefix}module.${name}.`, out);
  return out;
}
const expressionsByAddress = configuredExpressions(plan.configuration.root_module, '');
const configAddress = (rc) => `${rc.module_address ? `${rc.module_address}.` : ''}${rc.type}.${rc.name}`;

const hex = (text) => createHash('sha256').update(text).digest('hex').slice(0, 17);

const TIMESTAMP = /(^|_)(at|date|time|timestamp)$/;

/** An empty value of a schema type; a timestamp for string attributes named like one (RFC 3339 is checked). */
function emptyOf(type, name = '') {
  if (type === 'string') return TIMESTAMP.test(name) ? '2026-09-14T10:21:07Z' : '';
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (Array.isArray(type)) {
    if (type[0] === 'list' || type[0] === 'set') return [];
    if (type[0] === 'map') return {};
    if (type[0] === 'object')
      return Object.fromEntries(Object.entries(type[1]).map(([k, t]) => [k, emptyOf(t, k)]));
  }
  return null;
}

function fallbackArn(rc, name) {
  const [, service, ...kind] = rc.type.split('_');
  return `arn:aws:${service}:${REGION}:${ACCOUNT}:${kind.join('-') || service}/${name}`;
}

/** The shape of a member of a block: an attribute's type, or a nested block's element block. */
function memberShape(block, key) {
  if (block?.attributes?.[key]) return { type: block.attributes[key].type, name: key };
  if (block?.block_types?.[key]) return { block: block.block_types[key].block, nested: true };
  return {};
}

/** The shape of an element of a list, set or map (type) or of a nested block list (block). */
function elementShape(shape) {
  if (shape.nested) return { block: shape.block };
  if (Array.isArray(shape.type) && shape.type[0] !== 'object') return { type: shape.type[1] };
  return {};
}

function fieldShape(shape, key) {
  if (shape.block) return memberShape(shape.block, key);
  if (Array.isArray(shape.type) && shape.type[0] === 'object') return { type: shape.type[1][key], name: key };
  return {};
}

/** `value` with every leaf `unknown` marks true replaced by an empty value of its shape. */
function fill(value, unknown, shape) {
  if (unknown === true)
    return shape.nested ? [] : shape.type === undefined ? null : emptyOf(shape.type, shape.name);
  if (unknown === undefined || unknown === false || unknown === null || typeof unknown !== 'object')
    return value;
  if (Array.isArray(unknown))
    return Array.isArray(value) ? value.map((item, i) => fill(item, unknown[i], elementShape(shape))) : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = { ...value };
  for (const [k, mark] of Object.entries(unknown)) out[k] = fill(out[k], mark, fieldShape(shape, k));
  return out;
}

const hasUnknown = (mark) =>
  mark === true || (mark !== null && typeof mark === 'object' && Object.values(mark).some(hasUnknown));
const isExpression = (node) =>
  node !== null && typeof node === 'object' && ('references' in node || 'constant_value' in node);

/** True when a value the configuration sets (`expressions`, nested blocks included) is still unknown. */
function configuredUnknown(expressions, mark) {
  if (mark === undefined || mark === false) return false;
  if (isExpression(expressions)) return hasUnknown(mark);
  if (Array.isArray(expressions))
    return expressions.some((e, i) => configuredUnknown(e, Array.isArray(mark) ? mark[i] : mark));
  if (expressions && typeof expressions === 'object')
    return Object.entries(expressions).some(([k, e]) =>
      configuredUnknown(e, mark === true ? true : mark?.[k]),
    );
  return false;
}

function waitsForConfiguredValues(rc) {
  return configuredUnknown(expressionsByAddress.get(configAddress(rc)) ?? {}, rc.change.after_unknown ?? {});
}

/** Stand-ins for the resource's arn and id, as AWS and the provider would set them. */
function identifiersOf(rc, { identifyResource, ARN_RULES }) {
  const after = rc.change.after ?? {};
  const attribute = (k) => (typeof after[k] === 'string' && after[k] !== '' ? after[k] : undefined);
  const name = NAME_ATTRIBUTES.map(attribute).find((v) => v !== undefined) ?? hex(rc.address);
  const input = { partition: 'aws', region: REGION, account: ACCOUNT, address: rc.address, attribute };
  const arn = rc.type in ARN_RULES ? identifyResource(rc.type, input).arn : fallbackArn(rc, name);
  const idAttribute = ID_ATTRIBUTE[rc.type];
  const id =
    idAttribute === 'arn' ? arn : (attribute(idAttribute) ?? `${ID_PREFIX[rc.type] ?? ''}${hex(rc.address)}`);
  return { arn, id };
}

async function main() {
  const synthesis = await import(
    path.resolve(__dirname, '../../build/ingest/terraform-plan/arn-synthesis.js')
  );
  const resources = new Map(
    base.resources.map((r) => [`${r.module ?? ''}|${r.mode}|${r.type}|${r.name}`, structuredClone(r)]),
  );
  const have = new Set(
    base.resources.flatMap((r) =>
      r.instances.map((i) => `${r.module ?? ''}|${r.type}|${r.name}|${JSON.stringify(i.index_key)}`),
    ),
  );
  let added = 0;
  for (const rc of plan.resource_changes) {
    if (rc.mode !== 'managed' || !rc.change.actions.includes('create') || !rc.type.startsWith('aws_'))
      continue;
    const instanceKey = `${rc.module_address ?? ''}|${rc.type}|${rc.name}|${JSON.stringify(rc.index)}`;
    if (have.has(instanceKey) || waitsForConfiguredValues(rc)) continue;
    const schema = schemas[rc.type];
    const attributes = fill(rc.change.after ?? {}, rc.change.after_unknown, { block: schema.block });
    for (const [k, standIn] of Object.entries(identifiersOf(rc, synthesis)))
      if (rc.change.after_unknown?.[k] === true) attributes[k] = standIn;
    const key = `${rc.module_address ?? ''}|managed|${rc.type}|${rc.name}`;
    if (!resources.has(key))
      resources.set(key, {
        ...(rc.module_address ? { module: rc.module_address } : {}),
        mode: 'managed',
        type: rc.type,
        name: rc.name,
        provider: rc.provider_name
          ? `provider["${rc.provider_name}"]`
          : 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [],
      });
    resources.get(key).instances.push({
      ...(rc.index === undefined ? {} : { index_key: rc.index }),
      schema_version: schema.version ?? 0,
      attributes,
      sensitive_attributes: [],
    });
    added++;
  }
  const state = {
    version: 4,
    terraform_version: plan.terraform_version,
    serial: (base.serial ?? 0) + 1,
    lineage: '5b0d9e6a-3c1f-4a7e-8d2b-9f6c1e0a7b34',
    outputs: {},
    resources: [...resources.values()].sort((a, b) =>
      `${a.module ?? ''}|${a.type}|${a.name}` < `${b.module ?? ''}|${b.type}|${b.name}` ? -1 : 1,
    ),
    check_results: null,
  };
  fs.writeFileSync(outFile, `${JSON.stringify(state, null, 2)}\n`);
  console.log(`  deployed: +${added}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
