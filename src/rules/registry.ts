import dataViolation from './data-violation.js';
import environmentViolation from './environment-violation.js';
import noGoZone from './no-go-zone.js';
import productionDeletion from './production-deletion.js';
import type { Rule } from './types.js';
import undeclaredReach from './undeclared-reach.js';

/** Every rule, sorted by id (a test keeps it sorted and in step with src/rules/ and docs/rules/). */
export const RULES: readonly Rule[] = [
  dataViolation,
  environmentViolation,
  noGoZone,
  productionDeletion,
  undeclaredReach,
];
