// The TypeScript twins run against the built package (dist/), the code users get; run.sh builds it.
export * from '../../../dist/index.js';
