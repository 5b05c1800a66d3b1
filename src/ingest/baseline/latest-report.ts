import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareText } from '../../model/order.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The newest `<dir>/<account>/<date>/report.json` an earlier audit wrote, or undefined when the
 * account has none there (a new account: every finding is new).
 */
export async function latestReport(dir: string, accountId: string): Promise<string | undefined> {
  const dates = await readdir(join(dir, accountId)).catch(() => [] as string[]);
  for (const date of dates
    .filter((d) => DATE.test(d))
    .sort(compareText)
    .reverse()) {
    const file = join(dir, accountId, date, 'report.json');
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return undefined;
}
