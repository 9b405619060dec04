// The "system default proxy": the value ClientWebSocketOptions.Proxy starts with. A sentinel, as in .NET,
// that stands for "whatever the environment says" until the client resolves it (src/client/default-proxy.ts).
import { NotSupportedException } from '../System/NotSupportedException.js';
import type { Uri } from '../System/Uri.js';
import type { ICredentials } from '../System.Net/ICredentials.js';
import type { IWebProxy } from '../System.Net/IWebProxy.js';

/** Sentinel for "use the system default proxy"; its members throw NotSupportedException, as .NET's do. */
class DefaultWebProxy implements IWebProxy {
  get Credentials(): ICredentials | null {
    throw new NotSupportedException();
  }
  set Credentials(_value: ICredentials | null) {
    throw new NotSupportedException();
  }
  GetProxy(_destination: Uri): Uri | null {
    throw new NotSupportedException();
  }
  IsBypassed(_host: Uri): boolean {
    throw new NotSupportedException();
  }
}

/** The one default-proxy sentinel. */
export const defaultWebProxy: IWebProxy = new DefaultWebProxy();
