import { z } from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string())]);

/** Condition values: AWS accepts strings, numbers and booleans, alone or in a list. */
const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
const conditionValues = z.union([conditionValue, z.array(conditionValue)]);

const principalValue = z.union([z.literal('*'), z.record(z.string(), stringOrList)]);

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
  Statement: z.union([rawStatementSchema, z.array(rawStatementSchema)]),
});

export type RawStatement = z.infer<typeof rawStatementSchema>;
export type RawPolicyDocument = z.infer<typeof rawPolicyDocumentSchema>;
