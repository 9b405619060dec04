// The expected values come from .NET 10 itself: test/fixtures/deflate-negotiation.json was recorded by
// test/dotnet/probes/deflate/record.mjs against Kestrel and ClientWebSocket.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptServerDeflateResponse,
  clientDeflateOffer,
  isDeflateNegotiationFailure,
  negotiateServerDeflate,
} from '../../src/protocol/deflate-negotiation.js';
import type {
  ClientDeflateSettings,
  DeflateNegotiationFailure,
  DeflateParameters,
  ServerDeflateSettings,
} from '../../src/protocol/deflate-negotiation.js';
import { negotiationFailureMessage } from '../../src/shared/deflate-messages.js';
import { dotnetMessage } from '../helpers/dotnet-messages.js';

interface ServerRow {
  offer: string[] | null;
  settings: ServerDeflateSettings;
  status: number;
  response: string | null;
  parameters: DeflateParameters | null;
}
interface ClientRow {
  settings: ClientDeflateSettings;
  response: string[] | null;
  outcome: { parameters: DeflateParameters | null } | { exception: string; webSocketError: string; message: string; inner: string | null };
}
interface Fixture {
  recordedWith: string;
  server: ServerRow[];
  clientOffers: Array<{ settings: ClientDeflateSettings; offer: string[] }>;
  client: ClientRow[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/deflate-negotiation.json', import.meta.url), 'utf8')) as Fixture;
/** System.Net.WebSockets.WebSocketError values by name. */
const WebSocketError: Record<string, number> = { Success: 0, HeaderError: 7 };

const show = (v: unknown): string => JSON.stringify(v);

describe('the fixture', () => {
  it('was recorded with .NET 10', () => {
    expect(fixture.recordedWith).toMatch(/^\.NET 10\./);
    expect(fixture.server.length).toBeGreaterThan(100);
    expect(fixture.client.length).toBeGreaterThan(100);
  });
});

describe('#negotiateServerDeflate', () => {
  it.each(fixture.server.map((r) => [show(r.offer), show(r.settings), r] as const))('answers %s with %s as Kestrel does', (_o, _s, row) => {
    expect(row.status).toBe(101);
    const result = negotiateServerDeflate(row.offer ?? undefined, row.settings);
    expect(result?.header ?? null).toBe(row.response);
    expect(result?.parameters ?? null).toEqual(row.parameters);
  });

  it('reads Node’s joined header value like the separate lines', () => {
    for (const row of fixture.server) {
      if (row.offer === null) continue;
      expect(negotiateServerDeflate(row.offer.join(', '), row.settings)).toEqual(negotiateServerDeflate(row.offer, row.settings));
    }
  });

  it('declines when the request has no Sec-WebSocket-Extensions', () => {
    expect(negotiateServerDeflate(undefined, { serverContextTakeover: false, serverMaxWindowBits: 9 })).toBeNull();
    expect(negotiateServerDeflate([], { serverContextTakeover: true, serverMaxWindowBits: 15 })).toBeNull();
  });

  it('takes .NET white space around parameters and int.TryParse’s forms of a number', () => {
    const settings = { serverContextTakeover: true, serverMaxWindowBits: 15 };
    expect(negotiateServerDeflate('permessage-deflate;\u00a0client_no_context_takeover\u3000', settings)?.header).toBe(
      'permessage-deflate; client_no_context_takeover',
    );
    expect(negotiateServerDeflate('permessage-deflate; client_max_window_bits="\t+011 "', settings)?.header).toBe(
      'permessage-deflate; client_max_window_bits=11',
    );
    // U+FEFF is white space to JavaScript's trim, not to .NET.
    expect(negotiateServerDeflate('permessage-deflate; \ufeffclient_no_context_takeover', settings)?.header).toBe('permessage-deflate');
    expect(negotiateServerDeflate('permessage-deflate; client_max_window_bits=1 1', settings)).toBeNull();
    expect(negotiateServerDeflate('permessage-deflate; client_max_window_bits=-9', settings)).toBeNull();
  });
});

describe('#clientDeflateOffer', () => {
  it.each(fixture.clientOffers.map((r) => [show(r.settings), r] as const))('writes what ClientWebSocket sends for %s', (_s, row) => {
    expect([clientDeflateOffer(row.settings)]).toEqual(row.offer);
  });
});

describe('#acceptServerDeflateResponse', () => {
  it.each(fixture.client.map((r) => [show(r.response), show(r.settings), r] as const))(
    'reads %s with %s as ClientWebSocket does',
    (_r, _s, row) => {
      const result = acceptServerDeflateResponse(row.response ?? undefined, row.settings);
      if ('parameters' in row.outcome) {
        expect(result).toEqual(row.outcome.parameters);
      } else {
        expect(row.outcome.exception).toBe('System.Net.WebSockets.WebSocketException');
        expect(row.outcome.inner).toBeNull();
        if (!isDeflateNegotiationFailure(result)) return expect.unreachable(`expected a failure, got ${JSON.stringify(result)}`);
        expect({ error: negotiationFailureMessage(result), webSocketErrorCode: result.webSocketErrorCode }).toEqual({
          error: row.outcome.message,
          webSocketErrorCode: WebSocketError[row.outcome.webSocketError],
        });
      }
    },
  );

  it('reports the failures as codes, which the layer above words with .NET’s messages', () => {
    const settings = { clientMaxWindowBits: 10, clientContextTakeover: true, serverMaxWindowBits: 15, serverContextTakeover: true };
    const tooLarge = acceptServerDeflateResponse('permessage-deflate', settings);
    expect(tooLarge).toEqual({ failure: 'client-window-too-large', offered: 10, answered: 15, webSocketErrorCode: 0 });
    expect(negotiationFailureMessage(tooLarge as DeflateNegotiationFailure)).toBe(
      dotnetMessage('net_WebSockets_ClientWindowBitsNegotiationFailure', 10, 15),
    );
    const invalid = acceptServerDeflateResponse('permessage-deflate; server_max_window_bits', settings);
    expect(invalid).toEqual({ failure: 'invalid-parameter', parameter: 'server_max_window_bits', webSocketErrorCode: 7 });
    expect(negotiationFailureMessage(invalid as DeflateNegotiationFailure)).toBe(
      dotnetMessage('net_WebSockets_InvalidResponseHeader', 'permessage-deflate', 'server_max_window_bits'),
    );
  });

  it('accepts client_no_context_takeover the client did not offer, which ws refuses', () => {
    const result = acceptServerDeflateResponse('permessage-deflate; client_no_context_takeover', {
      clientMaxWindowBits: 15,
      clientContextTakeover: true,
      serverMaxWindowBits: 15,
      serverContextTakeover: true,
    });
    expect(result).toEqual({
      clientMaxWindowBits: 15,
      serverMaxWindowBits: 15,
      clientNoContextTakeover: true,
      serverNoContextTakeover: false,
    });
  });
});

describe('isDeflateNegotiationFailure', () => {
  it('tells failures from parameters and null', () => {
    expect(isDeflateNegotiationFailure({ failure: 'invalid-parameter', parameter: 'x', webSocketErrorCode: 7 })).toBe(true);
    expect(isDeflateNegotiationFailure(null)).toBe(false);
    expect(
      isDeflateNegotiationFailure({
        clientMaxWindowBits: 15,
        serverMaxWindowBits: 15,
        clientNoContextTakeover: false,
        serverNoContextTakeover: false,
      }),
    ).toBe(false);
  });
});

// -----------------------------------------------------------------------------------------------------
// Properties.
// -----------------------------------------------------------------------------------------------------
const bits = fc.integer({ min: 9, max: 15 });
const clientSettings = fc.record({
  clientMaxWindowBits: bits,
  clientContextTakeover: fc.boolean(),
  serverMaxWindowBits: bits,
  serverContextTakeover: fc.boolean(),
});
const serverSettings = fc.record({ serverContextTakeover: fc.boolean(), serverMaxWindowBits: bits });
const permissive: ClientDeflateSettings = {
  clientMaxWindowBits: 15,
  clientContextTakeover: true,
  serverMaxWindowBits: 15,
  serverContextTakeover: true,
};

/** Header-like text: the extension's own words glued with separators, quotes and numbers. */
const headerText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'permessage-deflate',
        'client_max_window_bits',
        'server_max_window_bits',
        'client_no_context_takeover',
        'server_no_context_takeover',
        'x-foo',
        ';',
        '; ',
        ',',
        ', ',
        '=',
        '"',
        ' ',
        '\t',
        '8',
        '9',
        '10',
        '15',
        '16',
        '+',
        '-',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 16 },
  )
  .map((parts) => parts.join(''));

describe('negotiation properties', () => {
  it('a server always accepts the offer of a .NET client, and both sides agree on the parameters', () => {
    fc.assert(
      fc.property(clientSettings, serverSettings, (client, server) => {
        const accepted = negotiateServerDeflate(clientDeflateOffer(client), server);
        expect(accepted).not.toBeNull();
        expect(acceptServerDeflateResponse(accepted!.header, client)).toEqual(accepted!.parameters);
        expect(accepted!.parameters.serverMaxWindowBits).toBeLessThanOrEqual(
          Math.min(client.serverMaxWindowBits, server.serverMaxWindowBits),
        );
      }),
    );
  });

  it('whatever the offer, the response a server writes reads back as the parameters it chose', () => {
    fc.assert(
      fc.property(fc.array(headerText, { minLength: 1, maxLength: 3 }), serverSettings, (lines, server) => {
        const accepted = negotiateServerDeflate(lines, server);
        if (accepted === null) {
          // Declined as a whole: no line holds an offer the server would take on its own either.
          for (const line of lines) expect(negotiateServerDeflate([line], server)).toBeNull();
          return;
        }
        const p = accepted.parameters;
        for (const b of [p.clientMaxWindowBits, p.serverMaxWindowBits]) expect(b >= 9 && b <= 15).toBe(true);
        expect(p.serverMaxWindowBits).toBeLessThanOrEqual(server.serverMaxWindowBits);
        if (!server.serverContextTakeover) expect(p.serverNoContextTakeover).toBe(true);
        expect(acceptServerDeflateResponse(accepted.header, permissive)).toEqual(p);
      }),
    );
  });

  it('whatever the response, a client gets parameters within its offer, null, or a failure', () => {
    fc.assert(
      fc.property(fc.option(fc.array(headerText, { maxLength: 3 }), { nil: undefined }), clientSettings, (lines, client) => {
        const result = acceptServerDeflateResponse(lines, client);
        if (result === null || isDeflateNegotiationFailure(result)) {
          expect(result === null || negotiationFailureMessage(result).length > 0).toBe(true);
          return;
        }
        expect(result.clientMaxWindowBits).toBeGreaterThanOrEqual(9);
        expect(result.clientMaxWindowBits).toBeLessThanOrEqual(client.clientMaxWindowBits);
        expect(result.serverMaxWindowBits).toBeGreaterThanOrEqual(9);
        expect(result.serverMaxWindowBits).toBeLessThanOrEqual(client.serverMaxWindowBits);
      }),
    );
  });
});
