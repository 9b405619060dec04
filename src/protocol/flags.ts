/**
 * The engine's classes keep their booleans as bits of one number (one field per object rather than one per
 * boolean: see src/engine/README.md). This sets or clears one of them.
 */
export function withFlag(flags: number, flag: number, on: boolean): number {
  return on ? flags | flag : flags & ~flag;
}
