// Reads ConfigMap "a" through the kubeconfig file named on the command line; prints its name and namespace.
import { Client } from "../index.js";
import { readNamespacedConfigMap } from "../core/v1/index.js";

const path = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;
const client = await Client.fromKubeconfig({ path });
const found = await readNamespacedConfigMap(client, "a", client.namespace);
console.log(JSON.stringify({ name: found.metadata?.name, namespace: client.namespace }));
