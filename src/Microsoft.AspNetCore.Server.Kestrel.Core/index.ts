export { HttpProtocols } from './HttpProtocols.js';
export { KestrelServerOptions } from './KestrelServerOptions.js';
export { ListenOptions } from './ListenOptions.js';
