// kgen:header
/**
 * The few Node.js modules the runtime uses, loaded only when needed.
 *
 * They are imported by a computed specifier, so that the package type-checks
 * without @types/node, bundlers for browsers leave them out, and importing
 * the package loads none of them. The interfaces below are the parts used.
 */

export interface NodeIncoming extends AsyncIterable<Uint8Array> {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  destroy(error?: Error): void;
}

export interface NodeClientRequest {
  on(event: "error", listener: (error: Error) => void): unknown;
  end(body?: string | Uint8Array): void;
  destroy(error?: Error): void;
}

export interface NodeHttps {
  request(url: URL, options: Record<string, unknown>, callback: (response: NodeIncoming) => void): NodeClientRequest;
}

export interface NodeFs {
  readFile(path: string, encoding: "utf8"): Promise<string>;
  access(path: string, mode?: number): Promise<void>;
  realpath(path: string): Promise<string>;
}

export interface NodeChildProcess {
  execFile(
    file: string,
    args: readonly string[],
    options: { env: Record<string, string | undefined>; shell: false; timeout: number; maxBuffer: number; windowsHide: true },
    callback: (error: (Error & { code?: unknown; signal?: string | null }) | null, stdout: string, stderr: string) => void,
  ): { stdin?: { end(): void } | null };
}

export interface NodePath {
  resolve(...paths: string[]): string;
  dirname(path: string): string;
  isAbsolute(path: string): boolean;
  delimiter: string;
}

export interface NodeOs {
  homedir(): string;
}

interface NodeProcess {
  env: Record<string, string | undefined>;
  versions?: { node?: string };
}

/** The process object of Node.js (and runtimes that imitate it), if there is one. */
export function nodeProcess(): NodeProcess | undefined {
  const found = (globalThis as { process?: NodeProcess }).process;
  return found?.versions?.node ? found : undefined;
}

/** A built-in Node.js module; a clear error elsewhere. */
export async function nodeModule<T>(name: "https" | "fs/promises" | "child_process" | "path" | "os"): Promise<T> {
  if (nodeProcess() === undefined) {
    throw new Error(`node:${name} is needed (TLS client settings, kubeconfig files, exec plugins) and this is not Node.js`);
  }
  const specifier: string = `node:${name}`;
  return (await import(specifier)) as T;
}
