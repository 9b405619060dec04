// The System.Threading namespace: one explicit export per public type.

// System layer (owner: System helper).
export { CancellationToken } from './CancellationToken.js';
export { CancellationTokenRegistration } from './CancellationTokenRegistration.js';
export { CancellationTokenSource } from './CancellationTokenSource.js';
export { Timeout } from './Timeout.js';
