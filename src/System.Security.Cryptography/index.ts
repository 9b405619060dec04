// The System.Security.Cryptography namespace: one explicit export per public type.
export { CryptographicException } from './CryptographicException.js';
