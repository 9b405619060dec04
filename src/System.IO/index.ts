// The System.IO namespace: one explicit export per public type.
export { IOException } from './IOException.js';
export { MemoryStream } from './MemoryStream.js';
export { SeekOrigin } from './SeekOrigin.js';
export { Stream } from './Stream.js';
export { StreamReader } from './StreamReader.js';
export { StreamWriter, type StreamWriterValue } from './StreamWriter.js';
