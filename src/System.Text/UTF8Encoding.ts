/**
 * System.Text.UTF8Encoding: UTF-8, with optional BOM preamble and strict error handling.
 * The class is declared in Encoding.ts (Encoding.UTF8 constructs it while that module is evaluated, and an
 * ES module cycle would reach it before it exists); this file gives it the usual place in the layout.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.text.utf8encoding
 */
export { UTF8Encoding } from './Encoding.js';
