import { z } from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string())], {
  error: 'expected a string or a list of strings',
});

/** Condition values: AWS accepts strings, numbers and booleans, alone or in a list. */
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
const conditionValues = z.union([conditionValue, z.array(conditionValue)], {
  error: 'expected a string, number or boolean, or a list of them',
});

const principalValue = z.union([z.literal('*'), z.record(z.string(), stringOrList)], {
  error: 'expected "*" or a map of principal type to ids',
});

export const rawStatementSchema = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Resource: stringOrList.optional(),
  NotResource: stringOrList.optional(),
  Principal: principalValue.optional(),
  NotPrincipal: principalValue.optional(),
  Condition: z.record(z.string(), z.record(z.string(), conditionValues)).optional(),
});

export const rawPolicyDocumentSchema = z.strictObject({
  Version: z.string().optional(),
  Id: z.string().optional(),
  // one statement is read as a list of one, so that a bad statement's issue names its element
  Statement: z.preprocess(
    (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value),
    z.array(rawStatementSchema, { error: 'expected a statement object or a list of statements' }),
  ),
});

export type RawStatement = z.infer<typeof rawStatementSchema>;
export type RawPolicyDocument = z.infer<typeof rawPolicyDocumentSchema>;
