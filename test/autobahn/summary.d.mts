// Types of summary.mjs (a plain ES module so that run.mjs runs on Node without a build step).
export interface CaseVerdict {
  behavior: string;
  behaviorClose: string;
  remoteCloseCode: number | null;
  /** The opening request's Sec-WebSocket-Extensions; null when it had none, absent when not recorded. */
  offered?: string | null;
  result?: string;
  resultClose?: string;
}

export interface Evaluation {
  total: number;
  expected: number | null;
  behavior: Record<string, number>;
  behaviorClose: Record<string, number>;
  failedIds: string[];
  unimplementedIds: string[];
  nonStrictIds: string[];
  badCloseIds: string[];
  compressionOffered: boolean | null;
  wrongOfferIds: string[];
  reasons: Array<{ reason: string; ids: string[] }>;
  problems: string[];
  pass: boolean;
}

export const BEHAVIORS: readonly string[];
export const CLOSE_PASS: ReadonlySet<string>;
export const LIMITS: { readonly failed: number; readonly unimplemented: number; readonly nonStrict: number };
export function compareCaseIds(a: string, b: string): number;
export function compactCaseIds(ids: readonly string[], all: readonly string[]): string;
export function extensionsOffered(httpRequest: string | undefined): string | null | undefined;
export function readReport(outdir: string): { agent: string; cases: Record<string, CaseVerdict> };
export function evaluate(
  cases: Record<string, CaseVerdict>,
  expected: number | null,
  options?: { compressionOffered?: boolean | null },
): Evaluation;
export function formatRole(title: string, result: Evaluation, allIds: readonly string[]): string;
