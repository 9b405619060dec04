// The interop suite runs against the built package (dist/), the code users get. run.sh builds it first.
export * from '../../../dist/index.js';
