// The judge of the Autobahn runner (summary.mjs): reports written in wstest's format (index.json naming
// one JSON file per case) must pass or fail exactly by the criteria of issue 14.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compactCaseIds, compareCaseIds, evaluate, extensionsOffered, formatRole, readReport } from './summary.mjs';

interface CaseEntry {
  behavior: string;
  behaviorClose: string;
  remoteCloseCode?: number | null;
  result?: string;
  resultClose?: string;
  /** The opening request as wstest records it; absent: a request without extensions. */
  httpRequest?: string;
}

/** An opening request of echo-client.ts as wstest records it, with `extensions` when they are offered. */
function request(extensions?: string): string {
  return [
    'GET /runCase?case=1&agent=dotnet-ws HTTP/1.1',
    'Host: 127.0.0.1:9001',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Key: gQxcLwfx8rrSUUcq9l0PTQ==',
    'Sec-WebSocket-Version: 13',
    ...(extensions === undefined ? [] : [`Sec-WebSocket-Extensions: ${extensions}`]),
    '',
    '',
  ].join('\r\n');
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes a report as wstest does: index.json plus dotnet_ws_case_<id>.json per case. */
function writeReport(cases: Record<string, CaseEntry>): string {
  const dir = mkdtempSync(join(tmpdir(), 'autobahn-summary-'));
  dirs.push(dir);
  const index: Record<string, object> = {};
  for (const [id, c] of Object.entries(cases)) {
    const reportfile = `dotnet_ws_case_${id.replaceAll('.', '_')}.json`;
    index[id] = {
      behavior: c.behavior,
      behaviorClose: c.behaviorClose,
      duration: 3,
      remoteCloseCode: c.remoteCloseCode ?? 1000,
      reportfile,
    };
    writeFileSync(
      join(dir, reportfile),
      JSON.stringify({
        id,
        behavior: c.behavior,
        behaviorClose: c.behaviorClose,
        result: c.result ?? 'Actual events match at least one expected.',
        resultClose: c.resultClose ?? 'Connection was properly closed',
        httpRequest: c.httpRequest ?? request(),
      }),
    );
  }
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ 'dotnet-ws': index }));
  return dir;
}

const ok = (): CaseEntry => ({ behavior: 'OK', behaviorClose: 'OK' });

function judge(
  cases: Record<string, CaseEntry>,
  expected: number | null = Object.keys(cases).length,
  compressionOffered: boolean | null = null,
) {
  return evaluate(readReport(writeReport(cases)).cases, expected, { compressionOffered });
}

describe('evaluate', () => {
  it('passes OK cases, INFORMATIONAL verdicts and closes, and two NON-STRICT', () => {
    const result = judge({
      '1.1.1': ok(),
      '6.4.1': { behavior: 'NON-STRICT', behaviorClose: 'OK' },
      '6.4.2': { behavior: 'NON-STRICT', behaviorClose: 'OK' },
      '7.1.6': { behavior: 'INFORMATIONAL', behaviorClose: 'INFORMATIONAL' },
    });
    expect(result.problems).toEqual([]);
    expect(result.pass).toBe(true);
    expect(result.behavior).toEqual({ OK: 1, 'NON-STRICT': 2, INFORMATIONAL: 1 });
    expect(result.behaviorClose).toEqual({ OK: 3, INFORMATIONAL: 1 });
  });

  it('fails one FAILED case and names its reason from the case file', () => {
    const result = judge({
      '1.1.1': ok(),
      '13.3.1': {
        behavior: 'FAILED',
        behaviorClose: 'FAILED',
        remoteCloseCode: null,
        result: 'Actual events differ from any expected.',
        resultClose: 'The WebSocket opening handshake was never completed!',
      },
    });
    expect(result.pass).toBe(false);
    expect(result.failedIds).toEqual(['13.3.1']);
    expect(result.problems).toEqual(['1 FAILED (limit 0)', '1 closes neither OK nor INFORMATIONAL']);
    expect(result.reasons).toEqual([
      {
        reason: 'FAILED/FAILED: Actual events differ from any expected. | The WebSocket opening handshake was never completed!',
        ids: ['13.3.1'],
      },
    ]);
  });

  it('fails a third NON-STRICT', () => {
    const nonStrict = { behavior: 'NON-STRICT', behaviorClose: 'OK' };
    const result = judge({ '6.4.1': nonStrict, '6.4.2': nonStrict, '6.4.3': nonStrict });
    expect(result.problems).toEqual(['3 NON-STRICT (limit 2)']);
  });

  it('fails UNIMPLEMENTED: compression that was not negotiated', () => {
    const result = judge({ '12.1.1': { behavior: 'UNIMPLEMENTED', behaviorClose: 'OK' } });
    expect(result.unimplementedIds).toEqual(['12.1.1']);
    expect(result.problems).toEqual(['1 UNIMPLEMENTED (limit 0: compression must be negotiated)']);
  });

  it('fails an OK case whose close was UNCLEAN, WRONG CODE or FAILED BY CLIENT', () => {
    for (const behaviorClose of ['UNCLEAN', 'WRONG CODE', 'FAILED BY CLIENT', 'FAILED']) {
      const result = judge({ '7.1.1': { behavior: 'OK', behaviorClose } });
      expect(result.badCloseIds).toEqual(['7.1.1']);
      expect(result.pass).toBe(false);
    }
  });

  it('fails any verdict other than OK, NON-STRICT, INFORMATIONAL (NO_CLOSE, WRONG CODE)', () => {
    for (const behavior of ['NO_CLOSE', 'WRONG CODE', 'UNCLEAN']) {
      const result = judge({ '5.1': { behavior, behaviorClose: 'OK' } });
      expect(result.failedIds).toEqual(['5.1']);
      expect(result.pass).toBe(false);
    }
  });

  it('fails a report that lacks selected cases, even when every case in it passed', () => {
    const result = judge({ '1.1.1': ok(), '1.1.2': ok() }, 517);
    expect(result.problems).toEqual(['2 of 517 selected cases in the report']);
  });

  it('does not check the count when it is unknown', () => {
    expect(judge({ '1.1.1': ok() }, null).pass).toBe(true);
  });
});

describe('the compression offered (the client role)', () => {
  const deflate = 'permessage-deflate; client_max_window_bits';

  it('reads Sec-WebSocket-Extensions from the request wstest recorded, in any case of the name', () => {
    expect(extensionsOffered(request(deflate))).toBe(deflate);
    expect(extensionsOffered(request().replace('\r\n\r\n', '\r\nsec-websocket-extensions:  x-foo \r\n\r\n'))).toBe('x-foo');
    expect(extensionsOffered(request())).toBeNull();
    expect(extensionsOffered('?')).toBeUndefined();
    expect(extensionsOffered(undefined)).toBeUndefined();
  });

  it('passes a plain run whose requests offer no extension, and says so', () => {
    const cases = { '1.1.1': ok(), '9.1.1': ok() };
    const result = judge(cases, 2, false);
    expect(result.pass).toBe(true);
    expect(formatRole('client role', result, Object.keys(cases))).toContain(
      'offer:         no Sec-WebSocket-Extensions in 2 of 2 opening requests',
    );
  });

  it('fails a plain run in which a request offered compression: it would prove nothing', () => {
    const cases = { '1.1.1': ok(), '9.1.1': { ...ok(), httpRequest: request(deflate) } };
    const result = judge(cases, 2, false);
    expect(result.wrongOfferIds).toEqual(['9.1.1']);
    expect(result.problems).toEqual(['1 opening requests with Sec-WebSocket-Extensions (the run offers no compression)']);
    expect(formatRole('client role', result, Object.keys(cases))).toContain(
      'offer:         no Sec-WebSocket-Extensions in 1 of 2 opening requests (not in 9.1.1)',
    );
  });

  it('fails a compressed run in which a request did not offer permessage-deflate', () => {
    const result = judge({ '1.1.1': { ...ok(), httpRequest: request(deflate) }, '1.1.2': ok() }, 2, true);
    expect(result.wrongOfferIds).toEqual(['1.1.2']);
    expect(result.problems).toEqual(['1 opening requests without a permessage-deflate offer']);
    expect(judge({ '1.1.1': { ...ok(), httpRequest: request(`x-foo, ${deflate}`) } }, 1, true).pass).toBe(true);
    expect(judge({ '1.1.1': { ...ok(), httpRequest: request('permessage-deflate-x') } }, 1, true).pass).toBe(false);
  });

  it('fails a case whose request was not recorded, whichever the run', () => {
    for (const compressionOffered of [true, false]) {
      const result = judge({ '1.1.1': { ...ok(), httpRequest: '?' } }, 1, compressionOffered);
      expect(result.wrongOfferIds).toEqual(['1.1.1']);
    }
  });

  it('does not judge the requests of the server role (wstest makes them)', () => {
    const result = judge({ '1.1.1': { ...ok(), httpRequest: request(deflate) }, '1.1.2': ok() }, 2, null);
    expect(result.pass).toBe(true);
    expect(formatRole('server role', result, ['1.1.1', '1.1.2'])).not.toContain('offer:');
  });
});

describe('readReport', () => {
  it('refuses an index with more than one agent', () => {
    const dir = writeReport({ '1.1.1': ok() });
    writeFileSync(join(dir, 'index.json'), JSON.stringify({ a: {}, b: {} }));
    expect(() => readReport(dir)).toThrow(/expected one agent, found 2/);
  });
});

describe('case ids', () => {
  it('orders as wstest numbers them', () => {
    expect(['10.1.1', '9.1.1', '1.1.10', '1.1.2', '2.1', '12.1.1'].sort(compareCaseIds)).toEqual([
      '1.1.2',
      '1.1.10',
      '2.1',
      '9.1.1',
      '10.1.1',
      '12.1.1',
    ]);
  });

  it('writes a whole group as prefix.*, runs as ranges, the rest one by one', () => {
    const all = ['6.4.1', '6.4.2', '6.4.3', '6.4.4', '13.3.1', '13.3.2', '13.4.1', '13.4.2', '13.4.3'];
    expect(compactCaseIds(['13.3.2', '13.3.1', '6.4.1', '6.4.2', '6.4.4', '13.4.3'], all)).toEqual(
      '6.4.1–6.4.2, 6.4.4, 13.3.* (2), 13.4.3',
    );
  });

  it('prints the counts, the failing ids and the verdict', () => {
    const cases = { '1.1.1': ok(), '13.3.1': { behavior: 'FAILED', behaviorClose: 'FAILED' } };
    const text = formatRole('server role', judge(cases), Object.keys(cases));
    expect(text).toContain('behavior:      1 OK, 0 NON-STRICT, 0 INFORMATIONAL, 1 FAILED, 0 UNIMPLEMENTED');
    expect(text).toContain('not passed:    13.3.1');
    expect(text).toContain('criteria:      FAIL (1 FAILED (limit 0); 1 closes neither OK nor INFORMATIONAL)');
  });
});
