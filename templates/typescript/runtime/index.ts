// kgen:header
/** The runtime of the generated client: transport, watches, errors, configuration. */

export { Client, type ClientOptions } from "./client.js";
export { type Config, ConfigError, type ExecConfig, inClusterConfig, type KubeconfigOptions, loadKubeconfig } from "./config.js";
export {
  AlreadyExists,
  ApiError,
  BadRequest,
  ClientError,
  Conflict,
  DeadlineExceeded,
  DecodeError,
  errorFromStatus,
  Forbidden,
  Gone,
  InternalError,
  Invalid,
  InvalidPathArgument,
  MethodNotAllowed,
  NotAcceptable,
  NetworkError,
  NotFound,
  RequestEntityTooLarge,
  ResponseTooLarge,
  ServerTimeout,
  ServiceUnavailable,
  type Status,
  Timeout,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
} from "./errors.js";
export { decode, encode } from "./json.js";
export type { Op, PatchBody, PatchType } from "./op.js";
export { fetchTransport, type HttpRequest, type HttpResponse, type Transport } from "./transport.js";
export { type Bookmark, Watch, type WatchEvent } from "./watch.js";
