/** Times and sizes are kept to a tenth (of a ms, of a MB) in bench/results.json. */
export const tenths = (n: number): number => Math.round(n * 10) / 10;
