// The System.Text namespace: one explicit export per public type.

// System layer (owner: System helper).
export { Encoding } from './Encoding.js';
export { UTF8Encoding } from './UTF8Encoding.js';
export { ASCIIEncoding } from './ASCIIEncoding.js';
export { DecoderFallbackException } from './DecoderFallbackException.js';
export { EncoderFallbackException } from './EncoderFallbackException.js';
