// Kestrel's connection ids: 13 characters of base32 (0-9, A-V) from a 64-bit counter, most significant
// digit first. Ours are numbers below 2^53, formatted only when an id is asked for.
const BASE32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** Formats a connection number as Kestrel formats its connection ids. */
export function formatConnectionId(n: number): string {
  const digits = new Array<string>(13);
  for (let i = 12; i >= 0; i--) {
    digits[i] = BASE32[n % 32]!;
    n = Math.floor(n / 32);
  }
  return digits.join('');
}
