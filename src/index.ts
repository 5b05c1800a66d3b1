export { BlastRadiusError, ConfigError, InputError, UsageError } from './errors.js';
export type { Finding } from './model/finding.js';
export type { Report } from './model/report.js';
export { type CheckOptions, check } from './pipeline/check.js';
export { formatters } from './report/index.js';
