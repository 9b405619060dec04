// The Microsoft.AspNetCore.Hosting namespace: one explicit export per public type.
export type { IWebHostEnvironment } from './IWebHostEnvironment.js';
