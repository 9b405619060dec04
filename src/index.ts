// dotnet-ws: the one root barrel. Each namespace also has its own subpath export
// (`dotnet-ws/System.Net.WebSockets`), so `using X;` becomes one import line.
export * from './System/index.js';
export * from './System.Threading/index.js';
export * from './System.Threading.Tasks/index.js';
export * from './System.Text/index.js';
export * from './System.IO/index.js';
export * from './System.Net.WebSockets/index.js';
export * from './Microsoft.AspNetCore.Builder/index.js';
export * from './Microsoft.AspNetCore.Http/index.js';
export * from './Microsoft.AspNetCore.Hosting/index.js';
export * from './Microsoft.AspNetCore.Mvc/index.js';
export * from './Microsoft.AspNetCore.Server.Kestrel.Core/index.js';
export * from './Microsoft.AspNetCore.Connections/index.js';
// ClientWebSocket's supporting namespaces.
export * from './System.Net/index.js';
export * from './System.Net.Http/index.js';
export * from './System.Net.Security/index.js';
export * from './System.Security.Cryptography/index.js';
export * from './System.Security.Cryptography.X509Certificates/index.js';
