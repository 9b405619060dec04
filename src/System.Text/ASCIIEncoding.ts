/**
 * System.Text.ASCIIEncoding: US-ASCII, 7 bits, "?" for what does not fit.
 * The class is declared in Encoding.ts (Encoding.ASCII constructs it while that module is evaluated); this
 * file gives it the usual place in the layout.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.text.asciiencoding
 */
export { ASCIIEncoding } from './Encoding.js';
