// HttpStatusCode: .NET's names and values.
import { describe, expect, it } from 'vitest';
import { HttpStatusCode } from '../../src/System.Net/HttpStatusCode.js';

describe('HttpStatusCode', () => {
  it('has .NET values', () => {
    expect([HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.SwitchingProtocols, HttpStatusCode.NotFound]).toEqual([
      400, 200, 101, 404,
    ]);
  });
});
