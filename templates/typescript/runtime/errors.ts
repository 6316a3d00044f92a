// kgen:header
/**
 * The errors a call throws. Every failure is a ClientError: an ApiError (typed by the Status the server
 * answered with), a DecodeError (an answer that is not JSON), a NetworkError (no complete answer; its
 * subclass DeadlineExceeded past the deadline), a ResponseTooLarge (past a limit of the client) or an
 * InvalidPathArgument (thrown before anything is sent). `cause` keeps the original error.
 */

/** The server's account of a failed request (meta/v1 Status). */
export interface Status {
  apiVersion?: string;
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    retryAfterSeconds?: number;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/** Base of every error a call throws: catch it to handle any failure. */
export class ClientError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A path argument that would address something else than one object: undefined, null, empty, "." or "..",
 * or holding "/" or "%2F" (a delete of one pod would delete its namespace, or every pod). Nothing was sent.
 */
export class InvalidPathArgument extends ClientError {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
  ) {
    super(`path argument ${parameter}=${JSON.stringify(value) ?? String(value)} is not the name of one object: it must not be empty, "." or "..", nor contain "/" or "%2F"`);
  }
}

/** No complete answer arrived: connection refused or reset, TLS failure, a stream cut short. A write may or may not have been carried out. */
export class NetworkError extends ClientError {
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${method} ${url})`, options);
  }
}

/** The response did not arrive whole within the client's deadline (ClientOptions.deadline), or a watch event within watchIdle. */
export class DeadlineExceeded extends NetworkError {}

/** A response (or one watch event) larger than a limit of the client (ClientOptions.max...); reading stopped there. */
export class ResponseTooLarge extends ClientError {
  constructor(
    readonly what: string,
    readonly limit: number,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${what} exceeds the client's limit of ${limit} bytes (${method} ${url})`);
  }
}

/** A successful response that is not the JSON it should be; `body` holds it as received (a watch event's line, for watches). The server did act. */
export class DecodeError extends ClientError {
  constructor(
    message: string,
    readonly code: number,
    readonly body: Uint8Array,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request failed: `status` is what the server said, `code` the HTTP status. */
export class ApiError extends ClientError {
  readonly status: Status;
  readonly code: number;

  constructor(status: Status, code?: number) {
    super(status.message || status.reason || `HTTP ${code ?? status.code ?? "error"}`);
    this.status = status;
    this.code = code ?? status.code ?? 0;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

/** 400: the request is malformed. */
export class BadRequest extends ApiError {}
/** 401: no valid credentials. */
export class Unauthorized extends ApiError {}
/** 403: the credentials do not allow this. */
export class Forbidden extends ApiError {}
/** 404: no such object (or path). */
export class NotFound extends ApiError {}
/** 405: the resource does not support this verb. */
export class MethodNotAllowed extends ApiError {}
/** 406: no acceptable response type. */
export class NotAcceptable extends ApiError {}
/** 409: the object changed since it was read (or another conflict). */
export class Conflict extends ApiError {}
/** 409, reason AlreadyExists: an object of that name exists. */
export class AlreadyExists extends Conflict {}
/** 410: the resourceVersion is too old (a watch must list again). */
export class Gone extends ApiError {}
/** 413: the request body is too large. */
export class RequestEntityTooLarge extends ApiError {}
/** 415: the server does not accept this content type (a patch type the resource lacks). */
export class UnsupportedMediaType extends ApiError {}
/** 422: the object is invalid; `causes` says which fields. */
export class Invalid extends ApiError {
  get causes(): { reason?: string; message?: string; field?: string }[] {
    return this.status.details?.causes ?? [];
  }
}
/** 429: too many requests; retried after Retry-After where that is safe. */
export class TooManyRequests extends ApiError {}
/** 500: the server failed. */
export class InternalError extends ApiError {}
/** 503: the server is unavailable. */
export class ServiceUnavailable extends ApiError {}
/** 504, or reason Timeout: the request timed out. */
export class Timeout extends ApiError {}
/** Reason ServerTimeout: the server could not finish in time; the request may be retried. */
export class ServerTimeout extends ApiError {}

type ErrorClass = new (status: Status, code?: number) => ApiError;

const BY_REASON: Readonly<Record<string, ErrorClass>> = {
  AlreadyExists,
  BadRequest,
  Conflict,
  Expired: Gone,
  Forbidden,
  Gone,
  InternalError,
  Invalid,
  MethodNotAllowed,
  NotAcceptable,
  NotFound,
  RequestEntityTooLarge,
  ServerTimeout,
  ServiceUnavailable,
  Timeout,
  TooManyRequests,
  Unauthorized,
  UnsupportedMediaType,
};

const BY_CODE: Readonly<Record<number, ErrorClass>> = {
  400: BadRequest,
  401: Unauthorized,
  403: Forbidden,
  404: NotFound,
  405: MethodNotAllowed,
  406: NotAcceptable,
  409: Conflict,
  410: Gone,
  413: RequestEntityTooLarge,
  415: UnsupportedMediaType,
  422: Invalid,
  429: TooManyRequests,
  500: InternalError,
  503: ServiceUnavailable,
  504: Timeout,
};

/** The most specific error for a Status: by its reason, else by its code. */
export function errorFromStatus(status: Status, code?: number): ApiError {
  const reason = String(status.reason ?? "");
  const number = String(code ?? status.code ?? 0); // a hostile Status may hold any JSON: never look it up in Object.prototype
  const found = (Object.hasOwn(BY_REASON, reason) ? BY_REASON[reason] : undefined) ?? (Object.hasOwn(BY_CODE, number) ? BY_CODE[Number(number)] : undefined) ?? ApiError;
  return new found(status, code);
}

/** The error for a failed response; a body that is not a Status is kept as its message. */
export function errorFromResponse(code: number, body: string): ApiError {
  let status: Status | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && (parsed as Status).kind === "Status") {
      status = parsed as Status;
    }
  } catch {
    status = undefined;
  }
  status ??= { kind: "Status", status: "Failure", message: body.slice(0, 1000).trim() || undefined };
  return errorFromStatus({ ...status, code: status.code ?? code }, code);
}
