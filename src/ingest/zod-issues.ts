import type { z } from 'zod';

/** How many problems an error message lists before "and N more". */
export const MAX_ISSUES = 10;

/** `a.b[0].c` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One line per issue, `path — message`, at most ten and then "and N more". */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[], prefix = ''): string {
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = formatIssuePath([...(prefix ? [prefix] : []), ...issue.path]);
    return path ? `${path} — ${issue.message}` : issue.message;
  });
  if (issues.length > MAX_ISSUES) lines.push(`and ${issues.length - MAX_ISSUES} more`);
  return lines.join('; ');
}
