// kgen:header
/**
 * The client: one configured connection to an API server, which generated functions send through.
 *
 *     const client = await Client.fromKubeconfig();
 *     const pods = await listNamespacedPod(client, "default", { labelSelector: "app=web" });
 *
 * Failed requests throw the ApiError subclass of the server's Status. A 401
 * refreshes the credentials once (a token file rotated, an exec credential
 * expired); 429, and 503 with a Retry-After, are retried after it; a 503
 * without one is retried for idempotent methods only (a proxy may send it
 * after the server acted).
 */

import { type Config, type Credentials, credentialsFor, inClusterConfig, loadKubeconfig, type KubeconfigOptions } from "./config.js";
import { DeadlineExceeded, DecodeError, errorFromResponse, InvalidPathArgument } from "./errors.js";
import { decode, encode } from "./json.js";
import { type Op, PATCH_CONTENT_TYPES, type PatchType, type PathArg } from "./op.js";
import {
  type BodyLimits,
  fetchTransport,
  guarded,
  type HttpRequest,
  type HttpResponse,
  needsNodeTls,
  networkError,
  nodeTransport,
  readAll,
  redacted,
  type SentResponse,
  sleep,
  type TlsSettings,
  type Transport,
} from "./transport.js";
import { Watch } from "./watch.js";

export interface ClientOptions {
  /** Send requests through this instead of fetch or node:https (tests, proxies, instrumentation). */
  transport?: Transport;
  /** The fetch to use when TLS needs no settings of its own (default: the global fetch). */
  fetch?: typeof fetch;
  /** How often a request is retried after 429 or 503 (default 3). */
  retries?: number;
  /** The longest wait before a retry, in seconds (default 30). */
  maxRetryDelay?: number;
  /** Seconds from sending a request to the last byte of its response, per attempt (default 60; 0: none). Watches have watchIdle instead. */
  deadline?: number;
  /** Seconds a watch may go without a whole event before it resumes on a new connection (default 300). */
  watchIdle?: number;
  /** The largest response body as received; a larger Content-Length is refused before reading (default 512 MiB). */
  maxResponseBytes?: number;
  /** The largest response body once inflated (fetch inflates gzip): a gzip bomb stops here (default 512 MiB). */
  maxDecompressedBytes?: number;
  /** The largest watch event (one line of the stream; default 16 MiB). */
  maxWatchLineBytes?: number;
}

const SENT_ALONE = new Set(["patchType"]);
// Keys a watch adds to its list's options itself, whether or not the document lists them (allowWatchBookmarks is newer than some).
const WATCH_ADDED = new Set(["watch", "allowWatchBookmarks"]);
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const MIB = 1024 * 1024;

export class Client {
  readonly config: Config;
  private readonly options: ClientOptions;
  private readonly credentials: Credentials;
  private transport: Promise<Transport> | undefined;
  private transportCert: string | undefined;

  constructor(config: Config, options: ClientOptions = {}) {
    if (!/^https?:\/\//.test(config.server)) {
      throw new TypeError(`server ${JSON.stringify(config.server)} is not an http or https URL`);
    }
    this.config = config;
    this.options = options;
    this.credentials = credentialsFor(config);
  }

  /** A client for a kubeconfig context (default: $KUBECONFIG, else ~/.kube/config, and its current context). */
  static async fromKubeconfig(options: KubeconfigOptions & ClientOptions = {}): Promise<Client> {
    return new Client(await loadKubeconfig(options), options);
  }

  /** A client for the cluster this pod runs in (its service account). */
  static async inCluster(options: ClientOptions = {}): Promise<Client> {
    return new Client(await inClusterConfig(), options);
  }

  /** The namespace of the configuration's context ("default" if it names none). */
  get namespace(): string {
    return this.config.namespace ?? "default";
  }

  /** The limits on what a server can make this client hold, with their defaults filled in. */
  get limits(): BodyLimits & { maxWatchLineBytes: number; watchIdle: number } {
    const o = this.options;
    return {
      maxResponseBytes: o.maxResponseBytes ?? 512 * MIB,
      maxDecompressedBytes: o.maxDecompressedBytes ?? 512 * MIB,
      maxWatchLineBytes: o.maxWatchLineBytes ?? 16 * MIB,
      watchIdle: o.watchIdle ?? 300,
    };
  }

  /** Send an operation and decode its response (what generated functions call). */
  async request<T>(op: Op<T>, path: readonly PathArg[], body?: unknown, options?: object): Promise<T> {
    const response = await this.open(op, path, body, options, undefined, true);
    const data = await readAll(response, this.limits);
    if (op.response === "binary") {
      return data as T;
    }
    const text = new TextDecoder().decode(data);
    if (op.response === "none" || op.response === "text" || !text) {
      return (op.response === "text" ? text : undefined) as T;
    }
    try {
      return decode<T>(text);
    } catch (error) {
      throw new DecodeError(`the response of ${op.method} ${op.path} is not JSON: ${String(error)}`, response.status, data, { cause: error });
    }
  }

  /** A watch of a list operation: typed events that resume after dropped connections. */
  watch<T>(op: Op<unknown>, path: readonly PathArg[], options?: object): Watch<T> {
    return new Watch<T>(this, op, path, options);
  }

  /**
   * Send an operation and return the response once its status is a success (its body unread).
   * Throws the typed error of a failure.
   */
  async open(op: Op<unknown>, path: readonly PathArg[], body?: unknown, options?: object, signal?: AbortSignal, deadline = false): Promise<SentResponse> {
    const request = buildRequest(this.config.server, op, path, body, (options ?? {}) as Record<string, unknown>);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const headers = { ...request.headers };
      const authorization = await this.credentials.header();
      if (authorization !== undefined) {
        headers["Authorization"] = authorization;
      }
      const transport = await this.transportFor();
      const timed = this.timed(signal, deadline, op.method, request.url);
      const sent: HttpRequest = { method: op.method, url: request.url, headers, body: request.body, signal: timed.signal };
      let response: SentResponse;
      try {
        response = guarded(await transport(sent), sent, timed.clear);
      } catch (error) {
        timed.clear();
        throw networkError(error, sent);
      }
      if (response.status >= 200 && response.status < 300) {
        return response;
      }
      const text = new TextDecoder().decode(await readAll(response, this.limits));
      if (response.status === 401 && !refreshed && (await this.credentials.refresh(authorization))) {
        refreshed = true;
        continue;
      }
      const delay = this.retryDelay(op.method, response, attempt);
      if (delay === undefined) {
        throw errorFromResponse(response.status, text);
      }
      await sleep(delay, signal);
    }
  }

  /** The signal of one attempt: the caller's, and the deadline's when it has one; clear() stops its timer. */
  private timed(signal: AbortSignal | undefined, deadline: boolean, method: string, url: URL): { signal?: AbortSignal; clear: () => void } {
    const seconds = this.options.deadline ?? 60;
    if (!deadline || seconds <= 0) {
      return { signal, clear: () => undefined };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new DeadlineExceeded(`the response did not arrive within ${seconds} s`, method, redacted(url))), seconds * 1000);
    return { signal: signal === undefined ? controller.signal : AbortSignal.any([signal, controller.signal]), clear: () => clearTimeout(timer) };
  }

  private retryDelay(method: string, response: HttpResponse, attempt: number): number | undefined {
    const after = response.header("retry-after");
    const retriable = response.status === 429 || (response.status === 503 && (IDEMPOTENT.has(method) || after !== undefined));
    if (!retriable || attempt >= (this.options.retries ?? 3)) {
      return undefined;
    }
    const seconds = after !== undefined && Number.isFinite(Number(after)) && Number(after) >= 0 ? Number(after) : 2 ** attempt;
    return Math.min(seconds, this.options.maxRetryDelay ?? 30) * 1000;
  }

  private transportFor(): Promise<Transport> {
    const cert = this.credentials.certificate();
    if (this.transport === undefined || cert?.cert !== this.transportCert) {
      this.transportCert = cert?.cert;
      this.transport = this.makeTransport(cert);
    }
    return this.transport;
  }

  private async makeTransport(cert: { cert: string; key: string } | undefined): Promise<Transport> {
    if (this.options.transport !== undefined) {
      return this.options.transport;
    }
    const tls: TlsSettings = {
      ca: this.config.ca,
      cert: cert?.cert ?? this.config.cert,
      key: cert?.key ?? this.config.key,
      servername: this.config.tlsServerName,
      insecureSkipTlsVerify: this.config.insecureSkipTlsVerify,
    };
    if (this.config.server.startsWith("https:") && needsNodeTls(tls)) {
      return nodeTransport(tls);
    }
    return fetchTransport(this.options.fetch);
  }
}

interface BuiltRequest {
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

/** table[key] when the table itself has it: an options key such as `constructor` or `toString` is never looked up in Object.prototype. */
function own<V>(table: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Refuse an options key the operation does not take, as tsc does: JavaScript callers are not type-checked,
 * and a server ignores a parameter it does not know (a misspelled labelSelector would list everything).
 */
function checkOptions(op: Op<unknown>, options: Record<string, unknown>): void {
  const taken = op.options ?? [];
  for (const key of Object.keys(options)) {
    if (!taken.includes(key) && !WATCH_ADDED.has(key) && !(op.patch && SENT_ALONE.has(key))) {
      const close = closest(key, taken);
      throw new TypeError(`unexpected option ${JSON.stringify(key)}${close === undefined ? "" : `; did you mean ${JSON.stringify(close)}?`}`);
    }
  }
}

/** The candidate nearest `key` by edit distance, if within a third of its length (at least 1): the key meant. */
function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The URL, headers and body of one call: path arguments in their slots, options where the Op sends them. */
export function buildRequest(server: string, op: Op<unknown>, path: readonly PathArg[], body: unknown, options: Record<string, unknown>): BuiltRequest {
  checkOptions(op, options);
  const names = op.params ?? [];
  let route = op.path;
  names.forEach((name, i) => {
    const value: unknown = path[i];
    const text = value === undefined || value === null ? "" : String(value);
    if (text === "" || text === "." || text === ".." || text.includes("/") || text.toLowerCase().includes("%2f")) {
      throw new InvalidPathArgument(name, value);
    }
    route = route.split(`{${name}}`).join(encodeURIComponent(text));
  });
  const url = new URL(server.replace(/\/+$/, "") + route);
  const headers: Record<string, string> = { Accept: op.response === "text" ? "text/plain, */*" : "application/json, */*" };
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || SENT_ALONE.has(key)) {
      continue;
    }
    const wire = own(op.wire, key) ?? key;
    const texts = Array.isArray(value) ? value.map(text) : [text(value)];
    const format = own(op.formats, key) ?? "csv";
    const joined = format === "multi" ? texts : [texts.join(own(SEPARATORS, format) ?? ",")];
    if (op.headers?.includes(key)) {
      headers[wire] = joined.join(", ");
    } else {
      const target = op.form?.includes(key) ? form : url.searchParams;
      joined.forEach((item) => target.append(wire, item));
    }
  }
  if (op.form?.length) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return { url, headers, body: form.toString() };
  }
  if (body === undefined) {
    return { url, headers };
  }
  const patchType = (options["patchType"] as PatchType | undefined) ?? "merge";
  if (op.patch && !Object.hasOwn(PATCH_CONTENT_TYPES, patchType)) {
    throw new TypeError(`patchType ${JSON.stringify(patchType)} is not one of ${Object.keys(PATCH_CONTENT_TYPES).join(", ")}`);
  }
  headers["Content-Type"] = op.patch ? PATCH_CONTENT_TYPES[patchType] : "application/json";
  return { url, headers, body: encode(body) };
}

const SEPARATORS: Readonly<Record<string, string>> = { csv: ",", ssv: " ", tsv: "\t", pipes: "|" };

function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}
