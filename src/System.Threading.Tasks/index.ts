// The System.Threading.Tasks namespace: one explicit export per public type.
export { Task } from './Task.js';
export { TaskCompletionSource } from './TaskCompletionSource.js';
export { TaskCreationOptions } from './TaskCreationOptions.js';
// TaskCanceledException is defined in src/System (see the README's differences); it belongs here in C#.
export { TaskCanceledException } from '../System/TaskCanceledException.js';
