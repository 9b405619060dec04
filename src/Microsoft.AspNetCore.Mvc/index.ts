// The Microsoft.AspNetCore.Mvc namespace: one explicit export per public type.
export { ApiController } from './ApiController.js';
export { ControllerBase } from './ControllerBase.js';
export { HttpDelete } from './HttpDelete.js';
export { HttpGet } from './HttpGet.js';
export { HttpHead } from './HttpHead.js';
export { HttpOptions } from './HttpOptions.js';
export { HttpPatch } from './HttpPatch.js';
export { HttpPost } from './HttpPost.js';
export { HttpPut } from './HttpPut.js';
export { Route } from './Route.js';
export type { RouteDecorator } from './Route.js';
// The decorator and controller types the signatures above name (TypeScript-only; no .NET counterpart).
export type { ActionDecorator, ActionMethod, ControllerDecorator, ControllerType } from '../host/controllers.js';
