export { startRouter, GRAPHQL_PATH, type RouterOptions, type RunningRouter } from './router.js';
export {
  loadRouterConfig,
  routerConfigSchema,
  routerVariables,
  SUBGRAPH_NAMES,
  type RouterConfig,
  type OperationLimits,
} from './config.js';
export { createHardening, maskSuggestions, type Hardening, type HardeningOptions } from './hardening.js';
export type { RouterContext } from './context.js';
export type { AttachWebSocket, WebSocketAttachment, WebSocketSeam } from './websocket.js';
