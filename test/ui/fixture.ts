import { type Exploration, explore } from '../../src/pipeline/explore.js';
import { TEST_TODAY } from '../helpers/rules.js';

/** The account fixture's exploration: four agents, 42 findings of several rules. */
export function accountExploration(): Promise<Exploration> {
  return explore({
    account: 'fixtures/accounts/agent-estate/auth-details.json',
    config: 'fixtures/accounts/blast-radius.yaml',
    today: TEST_TODAY,
    version: '0.0.0-test',
  });
}
