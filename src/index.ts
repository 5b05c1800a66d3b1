export { BlastRadiusError, ConfigError, InputError, UsageError } from './errors.js';
export type { ExplainReport } from './model/explanation.js';
export type { Finding } from './model/finding.js';
export type { Report } from './model/report.js';
export { type CheckOptions, check } from './pipeline/check.js';
export { type ExplainOptions, explain } from './pipeline/explain.js';
export { explainFormatters, formatters } from './report/index.js';
