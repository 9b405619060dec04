// The System.Security.Cryptography.X509Certificates namespace: one explicit export per public type.
export { X509Certificate } from './X509Certificate.js';
export { X509Certificate2 } from './X509Certificate2.js';
export { X509CertificateCollection } from './X509CertificateCollection.js';
export { X509Chain } from './X509Chain.js';
export type { X509ChainElement } from './X509Chain.js';
