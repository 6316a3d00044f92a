// Loads each shared kubeconfig case (tests/kubeconfig_cases.py's plan, a JSON file named on the command line); prints one report per case.
import { ConfigError, credentialsFor, loadKubeconfig } from "../_runtime/config.js";

// Node's modules by computed specifiers: the package type-checks without @types/node.
const node = async <T>(name: string): Promise<T> => (await import(`node:${name}`)) as T;
const { createHash } = await node<{ createHash(algorithm: string): { update(text: string, encoding: "utf8"): { digest(encoding: "hex"): string } } }>("crypto");
const { readFileSync } = await node<{ readFileSync(path: string, encoding: "utf8"): string }>("fs");
const { inspect } = await node<{ inspect(value: unknown): string }>("util");
const process = (globalThis as unknown as { process: { argv: string[]; env: Record<string, string | undefined> } }).process;

interface Entry {
  name: string;
  kubeconfig: string;
  context: string | null;
  allowlist: string[] | null;
}

const digest = (text: string | undefined) => (text === undefined ? null : createHash("sha256").update(text, "utf8").digest("hex"));

async function report(entry: Entry): Promise<Record<string, unknown>> {
  process.env["KUBECONFIG"] = entry.kubeconfig;
  try {
    const config = await loadKubeconfig({ context: entry.context ?? undefined, execAllowlist: entry.allowlist ?? undefined });
    const authorization = (await credentialsFor(config).header()) ?? null;
    return {
      server: config.server,
      namespace: config.namespace ?? "default",
      authorization,
      ca: digest(config.ca),
      cert: digest(config.cert),
      key: digest(config.key),
      insecure: config.insecureSkipTlsVerify ?? false,
      tls_server_name: config.tlsServerName ?? null,
      proxy: null,
      shown: `${String(config)} ${inspect(config)} ${JSON.stringify(config)}`,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    return { error: error.message };
  }
}

const plan = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Entry[];
const reports: Record<string, unknown> = {};
for (const entry of plan) {
  reports[entry.name] = await report(entry);
}
console.log(JSON.stringify(reports));
