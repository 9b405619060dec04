import { describe, expect, it, vi } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { ArraySegment } from '../../src/System/ArraySegment.js';
import { CancellationToken } from '../../src/System.Threading/CancellationToken.js';
import { Encoding } from '../../src/System.Text/Encoding.js';
import type { WebSocket } from '../../src/System.Net.WebSockets/WebSocket.js';
import { WebSocketMessageType } from '../../src/System.Net.WebSockets/WebSocketMessageType.js';
import { StatusCodes } from '../../src/Microsoft.AspNetCore.Http/StatusCodes.js';
import { ApiController } from '../../src/Microsoft.AspNetCore.Mvc/ApiController.js';
import { ControllerBase } from '../../src/Microsoft.AspNetCore.Mvc/ControllerBase.js';
import { HttpGet } from '../../src/Microsoft.AspNetCore.Mvc/HttpGet.js';
import { Route } from '../../src/Microsoft.AspNetCore.Mvc/Route.js';
import { closeEvent, httpRequest, nextMessage, startApp, wsConnect } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

// The seed's §5 controller, transliterated.
@Route('/ws')
@ApiController
class WebSocketController extends ControllerBase {
  @HttpGet()
  async Get(): Promise<void> {
    if (this.HttpContext.WebSockets.IsWebSocketRequest) {
      using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();
      await WebSocketController.HandleWebSocketMessages(webSocket);
    } else {
      this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
  }

  private static async HandleWebSocketMessages(webSocket: WebSocket): Promise<void> {
    const buffer = new Uint8Array(1024 * 4);
    let receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);

    while (!receiveResult.CloseStatus.HasValue) {
      const receivedMessage = Encoding.UTF8.GetString(buffer, 0, receiveResult.Count);
      console.log(`클라이언트 메시지 수신: ${receivedMessage}`);

      const responseMessage = '서버에서 응답: ' + receivedMessage;
      const responseBuffer = Encoding.UTF8.GetBytes(responseMessage);

      await webSocket.SendAsync(new ArraySegment(responseBuffer), WebSocketMessageType.Text, true, CancellationToken.None);

      receiveResult = await webSocket.ReceiveAsync(new ArraySegment(buffer), CancellationToken.None);
    }

    await webSocket.CloseAsync(receiveResult.CloseStatus.Value, receiveResult.CloseStatusDescription, CancellationToken.None);
  }
}

describe('the seed controller', () => {
  it('echoes "서버에서 응답: " + message and closes with the client\'s code and description', async () => {
    using log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { ws } = await startApp((app) => {
      app.UseWebSockets();
      app.MapControllers(WebSocketController);
    });
    const client = await wsConnect(`${ws}/ws`);
    client.send('안녕하세요');
    expect(await nextMessage(client)).toBe('서버에서 응답: 안녕하세요');
    client.send('second');
    expect(await nextMessage(client)).toBe('서버에서 응답: second');
    const closed = closeEvent(client);
    client.close(4000, 'bye now');
    expect(await closed).toEqual({ code: 4000, reason: 'bye now' });
    expect(log).toHaveBeenCalledWith('클라이언트 메시지 수신: 안녕하세요');
  });

  it('answers a plain GET with 400', async () => {
    const { http } = await startApp((app) => {
      app.UseWebSockets();
      app.MapControllers(WebSocketController);
    });
    const res = await httpRequest(`${http}/ws`);
    expect(res.status).toBe(400);
  });
});

describe('#HttpContext', () => {
  it('throws InvalidOperationException before the framework set it', () => {
    let error: unknown;
    class EarlyController extends ControllerBase {
      constructor() {
        super();
        try {
          void this.HttpContext;
        } catch (err) {
          error = err;
        }
      }
    }
    new EarlyController();
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(dotnetMessage('AspNetCore_ControllerContextNotSet'));
  });

  it("is the request's context, with Request and Response as shortcuts, on a new instance per request", async () => {
    const instances = new Set<unknown>();
    @Route('/who')
    class WhoController extends ControllerBase {
      @HttpGet()
      Get(): string {
        instances.add(this);
        this.Response.Headers['X-Same'] = String(this.Request === this.HttpContext.Request && this.Response === this.HttpContext.Response);
        return this.Request.Path;
      }
    }
    const { http } = await startApp((app) => app.MapControllers(WhoController));
    const first = await httpRequest(`${http}/who`);
    await httpRequest(`${http}/who`);
    expect(first.body).toBe('/who');
    expect(first.headers['x-same']).toBe('true');
    expect(instances.size).toBe(2);
  });
});
