// kgen:header
/**
 * Where the server is and how to reach it: from a URL and a token or CA, from
 * kubeconfig files, or from the service account of a pod.
 *
 * Kubeconfig files are read by the `yaml` package (YAML 1.1, as kubectl reads
 * them), imported only when one is read. Exec credential plugins run without a
 * shell (argv as written, never through `sh -c`); `execAllowlist` limits which
 * commands may run. File paths in a kubeconfig are relative to that file.
 * Reading files and running plugins needs Node.js; a Config written out by
 * hand works anywhere fetch does.
 *
 * Credentials are never shown: a loaded Config prints (String, util.inspect,
 * JSON) as its server without a password and its namespace; a token holding
 * anything but visible ASCII is refused unseen; an exec plugin's stderr is shown
 * only in part (see pluginStderr).
 */

import type { NodeChildProcess, NodeFs, NodeOs, NodePath } from "./node.js";
import { nodeModule, nodeProcess } from "./node.js";

/** The configuration is unusable: says what is wrong and where. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** An exec credential plugin (client.authentication.k8s.io). */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: Record<string, string>;
  apiVersion: string;
  installHint?: string;
  /** Sent to the plugin in KUBERNETES_EXEC_INFO when the kubeconfig asks for it. */
  cluster?: Record<string, unknown>;
}

/** A server and the means to reach it. PEM texts, not file names; `tokenFile` is re-read when it rotates. */
export interface Config {
  server: string;
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipTlsVerify?: boolean;
  tlsServerName?: string;
  namespace?: string;
  exec?: ExecConfig;
}

export interface KubeconfigOptions {
  /** The kubeconfig file(s) (default: $KUBECONFIG's list, else ~/.kube/config). */
  path?: string | readonly string[];
  /** The context (default: the files' current-context). */
  context?: string;
  /** Exec plugins allowed to run, by command name or path (default: any, as kubectl). */
  execAllowlist?: readonly string[];
}

export const EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
const SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

/** The Authorization header of a token; a token no header can carry (a token is visible ASCII) is refused unseen. */
function bearer(token: string, source: string): string {
  if (/[^\x21-\x7e]/.test(token)) {
    throw new ConfigError(`${source}: the token holds a character an HTTP header cannot carry (a line break, a space, a control character, or one beyond ASCII such as a byte order mark); fix the token (it is not shown)`);
  }
  return `Bearer ${token}`;
}

/** The URL without the password of its user information (https://user:***@host). */
function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, "$1:***@");
}

/** The Authorization header of a configuration, and a client certificate an exec plugin returned. */
export interface Credentials {
  header(): Promise<string | undefined>;
  /** Forget a rejected header; true if the next header differs from it. */
  refresh(rejected: string | undefined): Promise<boolean>;
  certificate(): { cert: string; key: string } | undefined;
}

type Cached = { header: string | undefined; cert?: { cert: string; key: string }; expires?: number };

/** The credentials a configuration names: a token, a token file, basic auth, an exec plugin, or none. */
export function credentialsFor(config: Config): Credentials {
  let cached: Cached | undefined;
  const load = async (): Promise<Cached> => {
    if (config.exec !== undefined) {
      return runExec(config.exec);
    }
    if (config.tokenFile !== undefined) {
      const fs = await nodeModule<NodeFs>("fs/promises");
      let token: string;
      try {
        token = (await fs.readFile(config.tokenFile, "utf8")).trim();
      } catch (error) {
        throw new ConfigError(`cannot read token file ${config.tokenFile}: ${(error as { code?: string }).code ?? "error"}`);
      }
      return { header: bearer(token, `token file ${config.tokenFile}`), expires: Date.now() + 60_000 };
    }
    if (config.token !== undefined) {
      return { header: bearer(config.token, "the token") };
    }
    if (config.username !== undefined && config.password !== undefined) {
      const bytes = new TextEncoder().encode(`${config.username}:${config.password}`);
      return { header: `Basic ${btoa(String.fromCharCode(...bytes))}` };
    }
    return { header: undefined };
  };
  const current = async (): Promise<Cached> => {
    if (cached === undefined || (cached.expires !== undefined && Date.now() >= cached.expires)) {
      cached = await load();
    }
    return cached;
  };
  return {
    header: async () => (await current()).header,
    refresh: async (rejected) => {
      cached = undefined;
      return (await current()).header !== rejected;
    },
    certificate: () => cached?.cert,
  };
}

/** Run an exec plugin (no shell) and read its ExecCredential. */
async function runExec(exec: ExecConfig): Promise<Cached> {
  const childProcess = await nodeModule<NodeChildProcess>("child_process");
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.cluster !== undefined) {
    spec["cluster"] = exec.cluster;
  }
  const info = JSON.stringify({ apiVersion: exec.apiVersion, kind: "ExecCredential", spec });
  const env = { ...nodeProcess()?.env, ...exec.env, KUBERNETES_EXEC_INFO: info };
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = childProcess.execFile(exec.command, exec.args ?? [], { env, shell: false, timeout: 120_000, maxBuffer: 1 << 20, windowsHide: true }, (error, out, err) => {
      if (error === null) {
        resolve(out);
      } else if (typeof error.code === "number") {
        reject(new ConfigError(`exec plugin ${JSON.stringify(exec.command)} failed with exit code ${error.code}: ${pluginStderr(err)}`));
      } else if (error.signal) {  // Node's message would show the arguments and the whole stderr: they may hold secrets
        reject(new ConfigError(`exec plugin ${JSON.stringify(exec.command)} was ended by ${error.signal} (it runs for 120 s at most): ${pluginStderr(err)}`));
      } else {
        const hint = exec.installHint ? `; ${exec.installHint}` : "";
        reject(new ConfigError(`exec plugin ${JSON.stringify(exec.command)} could not run (${String(error.code ?? "error")})${hint}`));
      }
    });
    child.stdin?.end();
  });
  let credential: { apiVersion?: unknown; status?: Record<string, unknown> };
  try {
    credential = JSON.parse(stdout) as typeof credential;
  } catch {
    throw new ConfigError(`exec plugin ${JSON.stringify(exec.command)} did not print an ExecCredential`);
  }
  const status = credential.status;
  if (credential.apiVersion !== exec.apiVersion || typeof status !== "object" || status === null) {
    throw new ConfigError(`exec plugin ${JSON.stringify(exec.command)} answered apiVersion ${JSON.stringify(credential.apiVersion)}, not ${exec.apiVersion}`);
  }
  const token = typeof status["token"] === "string" ? status["token"] : undefined;
  const cert = status["clientCertificateData"];
  const key = status["clientKeyData"];
  if (!token && !(typeof cert === "string" && typeof key === "string")) {
    throw new ConfigError(`exec plugin ${JSON.stringify(exec.command)} returned neither a token nor a client certificate`);
  }
  const expiry = typeof status["expirationTimestamp"] === "string" ? Date.parse(status["expirationTimestamp"]) : NaN;
  return {
    header: token ? bearer(token, `exec plugin ${JSON.stringify(exec.command)}`) : undefined,
    cert: typeof cert === "string" && typeof key === "string" ? { cert, key } : undefined,
    expires: Number.isNaN(expiry) ? undefined : expiry,
  };
}

// A line of a plugin's stderr that names a credential or holds a token-like run is not shown.
const SECRET_LINE = /token|secret|password|passwd|bearer|credential|authorization|private|[A-Za-z0-9+=_.~-]{24,}/i;
const STDERR_LINES = 5;
const STDERR_CHARS = 500;

/** The end of an exec plugin's stderr as errors show it: its last lines, without any that may hold a secret. */
function pluginStderr(stderr: string): string {
  const lines = stderr.trim().split(/\r?\n/).filter(Boolean).slice(-STDERR_LINES);
  return lines.map((line) => (SECRET_LINE.test(line) ? "[redacted]" : line)).join(" | ").slice(-STDERR_CHARS) || "(no stderr)";
}

type Entry = Record<string, unknown>;

/** A named cluster, user or context, and the file that holds it (relative paths start there). */
interface Named {
  value: Entry;
  file: string;
  /** The file and the entry, for errors: `config: user "dev"`. */
  where: string;
}

/** The part of the yaml package used here; it is imported by a computed specifier, only when a kubeconfig is read. */
interface YamlPackage {
  parse(text: string, options: Record<string, unknown>): unknown;
}

async function parseYaml(text: string, file: string): Promise<unknown> {
  let yaml: YamlPackage;
  try {
    const specifier: string = "yaml";
    yaml = (await import(specifier)) as YamlPackage;
  } catch {
    throw new ConfigError(`reading kubeconfig ${file} needs the yaml package: npm install yaml`);
  }
  try {
    // YAML 1.1 and duplicate keys (the last wins), as kubectl reads kubeconfig files.
    return yaml.parse(text, { version: "1.1", uniqueKeys: false, prettyErrors: true });
  } catch (error) {
    // Only the first line: the rest quotes the file, which may hold credentials.
    const reason = ((error as Error).message.split("\n")[0] ?? "").replace(/:$/, "");
    throw new ConfigError(`kubeconfig ${file} is not valid YAML: ${reason}`);
  }
}

/** The configuration of a kubeconfig context. */
export async function loadKubeconfig(options: KubeconfigOptions = {}): Promise<Config> {
  const path = await nodeModule<NodePath>("path");
  const paths = await kubeconfigPaths(options.path, path);
  const files: { path: string; data: Entry }[] = [];
  const fs = await nodeModule<NodeFs>("fs/promises");
  for (const file of paths) {
    let text: string;
    try {
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if (paths.length > 1 && (error as { code?: unknown }).code === "ENOENT") {
        continue; // $KUBECONFIG may list files that do not exist
      }
      throw new ConfigError(`cannot read kubeconfig ${file}: ${(error as Error).message}`);
    }
    const data = await parseYaml(text, file);
    if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
      throw new ConfigError(`kubeconfig ${file} is not a mapping`);
    }
    files.push({ path: file, data: (data ?? {}) as Entry });
  }
  if (files.length === 0) {
    throw new ConfigError(`no kubeconfig found (looked for ${paths.join(", ")})`);
  }
  const where = files.map((f) => f.path).join(", ");
  const contextName = options.context ?? firstString(files, "current-context");
  if (contextName === undefined) {
    throw new ConfigError(`${where}: no current-context; name one with the context option`);
  }
  const context = named(files, "contexts", "context", contextName, where);
  const clusterName = stringIn(context.value, "cluster", context.where);
  const userName = stringIn(context.value, "user", context.where);
  if (clusterName === undefined) {
    throw new ConfigError(`${context.where} names no cluster`);
  }
  const cluster = named(files, "clusters", "cluster", clusterName, where);
  const user = userName === undefined ? undefined : named(files, "users", "user", userName, where);
  const server = stringIn(cluster.value, "server", cluster.where);
  if (server === undefined) {
    throw new ConfigError(`${cluster.where} has no server`);
  }
  if (cluster.value["proxy-url"] !== undefined) {
    throw new ConfigError(`${cluster.where}: proxy-url is not supported by the TypeScript client (Node.js has no HTTP proxy support); reach the server directly or through kubectl proxy`);
  }
  const config: Config = {
    server,
    ca: await pem(cluster, "certificate-authority", path),
    insecureSkipTlsVerify: cluster.value["insecure-skip-tls-verify"] === true || undefined,
    tlsServerName: stringIn(cluster.value, "tls-server-name", cluster.where),
    namespace: stringIn(context.value, "namespace", context.where),
  };
  if (user !== undefined) {
    await addUser(config, user, cluster.value, options.execAllowlist, path);
  }
  return shielded(withoutUndefined(config));
}

/** The credentials of a kubeconfig user; what cannot work is an error naming the user, now rather than at the first request. */
async function addUser(config: Config, user: Named, cluster: Entry, allowlist: readonly string[] | undefined, path: NodePath): Promise<void> {
  const userDir = path.dirname(user.file);
  const u = user.value;
  config.cert = await pem(user, "client-certificate", path);
  config.key = await pem(user, "client-key", path);
  config.token = stringIn(u, "token", user.where);
  if (config.token !== undefined) {
    bearer(config.token, user.where);
  }
  const tokenFile = stringIn(u, "tokenFile", user.where);
  if (tokenFile !== undefined) {
    config.tokenFile = path.resolve(userDir, tokenFile);
    const fs = await nodeModule<NodeFs>("fs/promises");
    try {
      await fs.access(config.tokenFile);
    } catch {
      throw new ConfigError(`${user.where}: tokenFile ${config.tokenFile} does not exist`);
    }
  }
  config.username = stringIn(u, "username", user.where);
  config.password = stringIn(u, "password", user.where);
  if (u["exec"] !== undefined && u["exec"] !== null) {
    config.exec = await execConfig(u["exec"], user.where, cluster, userDir, allowlist, path);
  }
}

/** The configuration, printed (String, util.inspect, JSON.stringify) without its credentials. */
function shielded(config: Config): Config {
  const shown = () => `Config { server: ${JSON.stringify(redactUrl(config.server))}, namespace: ${JSON.stringify(config.namespace ?? "default")} }`;
  for (const [key, value] of [
    ["toString", shown],
    ["toJSON", shown],
    [Symbol.for("nodejs.util.inspect.custom"), shown],
  ] as const) {
    Object.defineProperty(config, key, { value, enumerable: false });
  }
  return config;
}

/** The configuration of the pod's service account (KUBERNETES_SERVICE_HOST/PORT and its mounted token and CA). */
export async function inClusterConfig(): Promise<Config> {
  const env = nodeProcess()?.env ?? {};
  const host = env["KUBERNETES_SERVICE_HOST"];
  const port = env["KUBERNETES_SERVICE_PORT"];
  if (!host || !port) {
    throw new ConfigError("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
  }
  const fs = await nodeModule<NodeFs>("fs/promises");
  let namespace: string | undefined;
  try {
    namespace = (await fs.readFile(`${SERVICE_ACCOUNT}/namespace`, "utf8")).trim();
  } catch {
    namespace = undefined;
  }
  return shielded(
    withoutUndefined({
      server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`,
      tokenFile: `${SERVICE_ACCOUNT}/token`,
      ca: await fs.readFile(`${SERVICE_ACCOUNT}/ca.crt`, "utf8"),
      namespace,
    }),
  );
}

async function kubeconfigPaths(given: string | readonly string[] | undefined, path: NodePath): Promise<string[]> {
  if (given !== undefined) {
    return typeof given === "string" ? [given] : [...given];
  }
  const fromEnv = nodeProcess()?.env["KUBECONFIG"];
  if (fromEnv) {
    return fromEnv.split(path.delimiter).filter(Boolean);
  }
  const os = await nodeModule<NodeOs>("os");
  return [path.resolve(os.homedir(), ".kube", "config")];
}

function firstString(files: { data: Entry }[], key: string): string | undefined {
  for (const file of files) {
    const value = file.data[key];
    if (typeof value === "string" && value) {
      return value;
    }
  }
  return undefined;
}

/** The first entry of that name in any file (files earlier in $KUBECONFIG win, as in kubectl). */
function named(files: { path: string; data: Entry }[], section: string, field: string, name: string, where: string): Named {
  for (const file of files) {
    const entries = file.data[section];
    if (!Array.isArray(entries)) {
      continue;
    }
    for (const entry of entries as unknown[]) {
      if (typeof entry === "object" && entry !== null && (entry as Entry)["name"] === name) {
        const value = (entry as Entry)[field] ?? {};
        const at = `${file.path}: ${field} ${JSON.stringify(name)}`;
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
          throw new ConfigError(`${at} is not a mapping`);
        }
        return { value: value as Entry, file: file.path, where: at };
      }
    }
  }
  throw new ConfigError(`${field} ${JSON.stringify(name)} not found in ${where}`);
}

/** A string field of a kubeconfig entry (`where` names it in errors); the value of a wrong type is not shown: it may be a secret. */
function stringIn(entry: Entry, key: string, where: string): string | undefined {
  const value = entry[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== "string") {
    throw new ConfigError(`${where}: ${key} must be a string`);
  }
  return value;
}

/** PEM text from `<key>-data` (base64) or from the file `<key>` names (relative to the kubeconfig). */
async function pem(entry: Named, key: string, path: NodePath): Promise<string | undefined> {
  const data = stringIn(entry.value, `${key}-data`, entry.where);
  if (data !== undefined) {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(data.replace(/\s+/g, "")), (c) => c.charCodeAt(0)));
    } catch {
      throw new ConfigError(`${entry.where}: ${key}-data is not base64`);
    }
  }
  const file = stringIn(entry.value, key, entry.where);
  if (file === undefined) {
    return undefined;
  }
  const fs = await nodeModule<NodeFs>("fs/promises");
  const resolved = path.resolve(path.dirname(entry.file), file);
  try {
    return await fs.readFile(resolved, "utf8");
  } catch (error) {
    throw new ConfigError(`${entry.where}: cannot read ${key} ${resolved}: ${(error as { code?: string }).code ?? "error"}`);
  }
}

async function execConfig(value: unknown, where: string, cluster: Entry, dir: string, allowlist: readonly string[] | undefined, path: NodePath): Promise<ExecConfig> {
  if (typeof value !== "object" || value === null) {
    throw new ConfigError(`${where}: exec must be a mapping`);
  }
  const exec = value as Entry;
  const command = stringIn(exec, "command", where);
  const apiVersion = stringIn(exec, "apiVersion", where) ?? "";
  if (!command) {
    throw new ConfigError(`${where}: exec plugin without a command`);
  }
  if (!EXEC_API_VERSIONS.includes(apiVersion)) {
    throw new ConfigError(`${where}: exec plugin apiVersion ${JSON.stringify(apiVersion)} is not one of ${EXEC_API_VERSIONS.join(", ")}`);
  }
  // A command with a slash is a path relative to the kubeconfig; a bare name is looked up on PATH.
  const resolved = command.includes("/") ? path.resolve(dir, command) : command;
  if (allowlist !== undefined && !(allowlist.includes(command) || (await resolvesTo(resolved, path)).some((p) => allowlist.includes(p)))) {
    throw new ConfigError(`${where}: exec plugin ${JSON.stringify(command)} is not in the allowlist (list the command as the kubeconfig writes it, or its full path)`);
  }
  const args = exec["args"] ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string")) {
    throw new ConfigError(`${where}: exec args must be a list of strings`);
  }
  const env: Record<string, string> = {};
  for (const [index, item] of (Array.isArray(exec["env"]) ? exec["env"] : []).entries()) {
    const pair = (typeof item === "object" && item !== null ? item : {}) as Entry;
    const name = pair["name"];
    if (typeof name !== "string") {
      throw new ConfigError(`${where}: exec env entry ${index} has no name`);
    }
    if (typeof pair["value"] !== "string") {
      throw new ConfigError(`${where}: exec env entry ${JSON.stringify(name)} has no value`);
    }
    env[name] = pair["value"];
  }
  return withoutUndefined({
    command: resolved,
    args: args as string[],
    env,
    apiVersion,
    installHint: stringIn(exec, "installHint", where),
    cluster: exec["provideClusterInfo"] === true ? clusterInfo(cluster) : undefined,
  });
}

/** The executable a command runs (a path as given, a name found on PATH) and its real path; none if it is not found. */
async function resolvesTo(command: string, path: NodePath): Promise<string[]> {
  const fs = await nodeModule<NodeFs>("fs/promises");
  const directories = command.includes("/") ? [""] : (nodeProcess()?.env["PATH"] ?? "").split(path.delimiter).filter(Boolean);
  for (const directory of directories) {
    const candidate = directory ? path.resolve(directory, command) : command;
    try {
      await fs.access(candidate, 1); // X_OK
      return [candidate, await fs.realpath(candidate)];
    } catch {
      continue;
    }
  }
  return [];
}

function clusterInfo(cluster: Entry): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  const names: [string, string][] = [
    ["server", "server"],
    ["tls-server-name", "tlsServerName"],
    ["insecure-skip-tls-verify", "insecureSkipTLSVerify"],
    ["certificate-authority-data", "certificateAuthorityData"],
  ];
  for (const [key, name] of names) {
    if (cluster[key] !== undefined) {
      info[name] = cluster[key];
    }
  }
  return info;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
