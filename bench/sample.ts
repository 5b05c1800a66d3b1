/** The brute-force comparison's requests: SAMPLE_ACTIONS actions of the catalog on `*` and on SAMPLE_ARN. */
export const SAMPLE_ACTIONS = 500;
export const SAMPLE_ARN = 'arn:aws:s3:::prod-payments-data-9/report.csv';
