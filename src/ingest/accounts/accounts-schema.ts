import { z } from 'zod';

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/**
 * accounts.yaml: the accounts a scheduled audit covers, each read live through an audit role
 * in it, or from a snapshot file (relative to accounts.yaml).
 */
export const accountEntrySchema = z
  .strictObject({
    id: z
      .string({ error: 'expected a 12-digit account id in quotes, such as "111111111111"' })
      .regex(ACCOUNT_ID, {
        message: 'expected a 12-digit account id in quotes, such as "111111111111"',
      }),
    name: z.string().min(1).optional(),
    role: z
      .string()
      .regex(ROLE_ARN, {
        message: 'expected a role ARN such as arn:aws:iam::111111111111:role/blast-radius-audit',
      })
      .optional(),
    'external-id': z.string().min(2).max(1224).optional(),
    snapshot: z.string().min(1).optional(),
  })
  .superRefine((entry, ctx) => {
    if ((entry.role === undefined) === (entry.snapshot === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'give either role: (read the account live through this audit role) or snapshot: (a file)',
      });
    if (entry['external-id'] !== undefined && entry.role === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['external-id'],
        message: 'is sent when assuming role: give role:',
      });
    if (entry.role !== undefined && entry.role.split(':')[4] !== entry.id)
      ctx.addIssue({ code: 'custom', path: ['role'], message: `is not a role in the account ${entry.id}` });
  });

export const accountsFileSchema = z.strictObject({
  accounts: z.array(accountEntrySchema).min(1, { message: 'list at least one account' }),
});

export type AccountsFileJson = z.infer<typeof accountsFileSchema>;
