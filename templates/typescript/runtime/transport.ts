// kgen:header
/**
 * Sending HTTP requests: the platform's fetch, or node:https where TLS needs settings of its own.
 *
 * fetch cannot be given a CA, a client certificate or a server name, so a
 * configuration with any of them is sent through node:https with those
 * options (Node.js only); everything else goes through fetch.
 */

import { ClientError, NetworkError, ResponseTooLarge } from "./errors.js";
import type { NodeHttps, NodeIncoming } from "./node.js";
import { nodeModule } from "./node.js";

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  header(name: string): string | undefined;
  /** The body as it arrives; read it once. */
  chunks(): AsyncIterable<Uint8Array>;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

/** A response with the request it answers (what errors name). */
export interface SentResponse extends HttpResponse {
  readonly request: HttpRequest;
}

/** TLS settings in PEM text; the server's certificate is verified unless insecureSkipTlsVerify. */
export interface TlsSettings {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
  insecureSkipTlsVerify?: boolean;
}

/** Whether the settings need more than fetch can do. */
export function needsNodeTls(tls: TlsSettings): boolean {
  return Boolean(tls.ca || tls.cert || tls.key || tls.servername || tls.insecureSkipTlsVerify);
}

/** How much of a body the client reads: as received, and inflated (fetch inflates gzip bodies itself). */
export interface BodyLimits {
  maxResponseBytes: number;
  maxDecompressedBytes: number;
}

/**
 * Read a body to the end, within the limits. Content-Length is only compared with the limit, never used
 * to allocate: a server can announce gigabytes and send nothing.
 */
export async function readAll(response: SentResponse, limits: BodyLimits): Promise<Uint8Array> {
  const method = response.request.method;
  const where = redacted(response.request.url);
  const length = Number(response.header("content-length") ?? "");
  if (length > limits.maxResponseBytes) {
    throw new ResponseTooLarge("Content-Length", limits.maxResponseBytes, method, where);
  }
  const encoding = (response.header("content-encoding") ?? "identity").trim().toLowerCase();
  const [what, limit] = encoding === "identity" || encoding === "" ? ["the response", limits.maxResponseBytes] : ["the decompressed response", limits.maxDecompressedBytes];
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.chunks()) {
    size += chunk.byteLength;
    if (size > limit) {
      throw new ResponseTooLarge(what, limit, method, where);
    }
    parts.push(chunk);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}

/** A URL as errors show it: without credentials. */
export function redacted(url: URL): string {
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return shown.toString();
}

/**
 * A response whose body's failures are the runtime's errors: the signal's reason when it was aborted (a
 * deadline), else a NetworkError. `done` runs once the body is read, or given up.
 */
export function guarded(response: HttpResponse, request: HttpRequest, done: () => void): SentResponse {
  return {
    request,
    status: response.status,
    header: (name) => response.header(name),
    async *chunks() {
      try {
        for await (const chunk of response.chunks()) {
          yield chunk;
        }
      } catch (error) {
        throw networkError(error, request);
      } finally {
        done();
      }
    },
  };
}

/** What a failure of the transport is: the abort's reason if that is one of ours, else a NetworkError. */
export function networkError(error: unknown, request: HttpRequest): ClientError {
  const reason: unknown = request.signal?.aborted ? request.signal.reason : undefined;
  if (reason instanceof ClientError) {
    return reason;
  }
  if (error instanceof ClientError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError(message, request.method, redacted(request.url), { cause: error });
}

/** Requests through fetch (the global one unless another is given). */
export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: "error",
    });
    return {
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      chunks: () => streamChunks(response.body),
    };
  };
}

async function* streamChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (body === null) {
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Requests through node:https with the given TLS settings (one connection pool per transport). */
export async function nodeTransport(tls: TlsSettings): Promise<Transport> {
  const https = await nodeModule<NodeHttps>("https");
  const options: Record<string, unknown> = {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    servername: tls.servername,
    rejectUnauthorized: !tls.insecureSkipTlsVerify,
  };
  for (const key of Object.keys(options)) {
    if (options[key] === undefined) {
      delete options[key];
    }
  }
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      // A body goes with its length: node sends DELETE bodies neither chunked nor sized, which servers reject.
      const body = request.body === undefined ? undefined : new TextEncoder().encode(request.body);
      const headers = body === undefined ? request.headers : { ...request.headers, "Content-Length": String(body.length) };
      const outgoing = https.request(request.url, { ...options, method: request.method, headers, signal: request.signal }, (incoming: NodeIncoming) =>
        resolve({
          status: incoming.statusCode ?? 0,
          header: (name) => {
            const value = incoming.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(", ") : value;
          },
          chunks: () => incoming,
        }),
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
}

/** Wait `ms` milliseconds, or less if the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
