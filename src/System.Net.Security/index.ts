// The System.Net.Security namespace: one explicit export per public type.
export { SslPolicyErrors } from './SslPolicyErrors.js';
export type { RemoteCertificateValidationCallback } from './RemoteCertificateValidationCallback.js';
