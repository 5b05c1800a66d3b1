export { MAX_SESSION_SECONDS, MIN_SESSION_SECONDS, RULE_IDS, type RuleId } from './config-schema.js';
export { parseConfig } from './parse-config.js';
export { type LoadConfigOptions, loadConfigOrDefault, readConfig } from './read-config.js';
export {
  DEFAULT_APPROVAL_CONDITIONS,
  DEFAULT_CONFIG_FILE,
  DEFAULT_FAIL_ON,
  emptyConfig,
} from './to-model.js';
