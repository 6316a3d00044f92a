// Leaves a watch with `break` after its first event: the request must be aborted, so that node exits.
import { Client } from "../index.js";
import { createNamespacedConfigMap, watchNamespacedConfigMap } from "../core/v1/index.js";

const server = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;
const client = new Client({ server });
await createNamespacedConfigMap(client, "default", { metadata: { name: "first", namespace: "default" } });
for await (const event of watchNamespacedConfigMap(client, "default")) {
  console.log(event.type);
  break;
}
