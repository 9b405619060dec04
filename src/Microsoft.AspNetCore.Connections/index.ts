export { ConnectionAbortedException } from './ConnectionAbortedException.js';
