import {
  type Document,
  isAlias,
  isCollection,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import { ConfigError } from '../../errors.js';
import type { Config } from '../../model/config.js';
import { findPrototypeKey } from '../prototype-keys.js';
import { configSchema } from './config-schema.js';
import {
  type ConfigIssue,
  createConfigErrorMap,
  invalidConfigError,
  type LocatedIssue,
  toConfigIssues,
} from './messages.js';
import { findReferenceIssues } from './references.js';
import { toConfig } from './to-model.js';
import { locatePath } from './yaml-location.js';

/** Aliases may expand to at most this many nodes (the yaml library's guard against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads the text of blast-radius.yaml into the model. Pure: `file` is used only in messages,
 * source locations and to resolve `organization` paths.
 *
 * @throws ConfigError `config.invalid-yaml` (not YAML, with line and column) or
 *   `config.invalid` (empty, or not the schema: every problem with its path and line).
 */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });

  const syntaxError = doc.errors[0];
  if (syntaxError) throw invalidYamlError(file, doc, syntaxError, lineCounter);
  const aliasError = findBadAlias(doc, file, lineCounter);
  if (aliasError) throw aliasError;

  const value = doc.contents === null ? null : toPlainValue(doc, file);
  if (value === null || value === undefined) throw emptyFileError(file);

  const locate = (issues: readonly ConfigIssue[]): LocatedIssue[] =>
    issues.map((issue) => ({ ...locatePath(doc, lineCounter, issue.path), message: issue.message }));

  // zod would drop the key without a word (a tag matcher or a severity would vanish)
  const prototypeKey = findPrototypeKey(value);
  if (prototypeKey !== undefined)
    throw invalidConfigError(
      file,
      locate([{ path: prototypeKey, message: 'the key "__proto__" is not allowed' }]),
    );

  const { errorMap, knownKeys } = createConfigErrorMap();
  const parsed = configSchema.safeParse(value, { error: errorMap, reportInput: true });
  if (!parsed.success) throw invalidConfigError(file, locate(toConfigIssues(parsed.error.issues, knownKeys)));

  const referenceIssues = findReferenceIssues(parsed.data);
  if (referenceIssues.length > 0) throw invalidConfigError(file, locate(referenceIssues));

  return toConfig(parsed.data, file, (path) => locatePath(doc, lineCounter, path).line);
}

function invalidYamlError(
  file: string,
  doc: Document.Parsed,
  error: YAMLError,
  lineCounter: LineCounter,
): ConfigError {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  const message = yamlErrorMessage(doc, error);
  return new ConfigError('config.invalid-yaml', `invalid YAML: ${message} (column ${col})`, {
    location: { file, line },
  });
}

/** Our wording where the yaml library's is written for programmers or leaves out the key. */
function yamlErrorMessage(doc: Document.Parsed, error: YAMLError): string {
  if (error.code === 'MULTIPLE_DOCS') {
    return 'the file holds more than one YAML document (a second ---); it must be one document';
  }
  if (error.code === 'DUPLICATE_KEY') {
    let key: unknown;
    visit(doc, {
      Pair(_key, pair) {
        if (isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]) {
          key = pair.key.value;
          return visit.BREAK;
        }
        return undefined;
      },
    });
    if (key !== undefined) return `key ${JSON.stringify(String(key))} appears twice in the same mapping`;
  }
  // the yaml library turns running out of stack into an error of the document
  if (error.message.includes('Maximum call stack size exceeded')) return 'the file nests too deeply to read';
  return error.message;
}

/** An alias with no anchor before it, or one inside the node it refers to (a cycle), as a located error. */
function findBadAlias(doc: Document.Parsed, file: string, lineCounter: LineCounter): ConfigError | undefined {
  const anchors = new Map<string, Node>();
  let problem: ConfigError | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        const reason =
          target === undefined
            ? `alias *${node.source} refers to no anchor &${node.source} before it`
            : path.includes(target)
              ? `alias *${node.source} is inside the node it refers to (a cycle)`
              : undefined;
        if (reason === undefined) return undefined;
        const line = node.range ? lineCounter.linePos(node.range[0]).line : undefined;
        problem = new ConfigError('config.invalid-yaml', `invalid YAML: ${reason}`, {
          location: { file, ...(line === undefined ? {} : { line }) },
        });
        return visit.BREAK;
      }
      if ((isScalar(node) || isCollection(node)) && node.anchor) anchors.set(node.anchor, node);
      return undefined;
    },
  });
  return problem;
}

function toPlainValue(doc: Document.Parsed, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Only the alias guard throws here: every other problem is in doc.errors.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError('config.invalid-yaml', `invalid YAML: ${reason}`, { location: { file } });
  }
}

function emptyFileError(file: string): ConfigError {
  return new ConfigError('config.invalid', 'the file is empty; expected at least "version: 1"', {
    location: { file },
    hint: 'run `blast-radius init` to write a blast-radius.yaml from what each agent can reach today',
  });
}
