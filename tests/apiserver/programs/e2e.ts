// Drives a client generated from the live kube-apiserver: argv = kubeconfig, namespace, etcd URL.
// Prints one JSON document of what it saw; tests/apiserver/test_typescript_live.py checks it.
import { ApiError, Client, type Bookmark, type WatchEvent } from "../index.js";
import {
  type ConfigMap,
  createNamespace,
  createNamespacedConfigMap,
  createNamespacedSecret,
  deleteNamespacedConfigMap,
  listNamespacedConfigMap,
  listNamespacedSecret,
  patchNamespacedConfigMap,
  readNamespacedConfigMap,
  replaceNamespacedConfigMap,
  watchNamespacedConfigMap,
  watchNamespacedSecret,
} from "../core/v1/index.js";
import { createNamespacedDeployment, patchNamespacedDeployment } from "../apps/v1/index.js";
import {
  createNamespacedCertificate,
  patchNamespacedCertificateStatus,
  readNamespacedCertificate,
  replaceNamespacedCertificateStatus,
} from "../cert_manager_io/v1/index.js";

const [kubeconfig, ns, etcd] = (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2) as [string, string, string];
const client = await Client.fromKubeconfig({ path: kubeconfig });
const report: Record<string, unknown> = {};

/** The error a call failed with, as the report shows it. */
async function failure(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
    return { error: "none" };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { error: error.name, code: error.code, reason: error.reason, message: error.message, causes: error.status.details?.causes ?? [] };
  }
}

/** Compacts etcd's history through its JSON gateway: two writes of a key of our own first, so that every
 * version handed out so far, and the one after it (where a watch from it starts), are history. */
async function compact(): Promise<void> {
  const post = async (path: string, body: unknown) => (await fetch(etcd + path, { method: "POST", body: JSON.stringify(body) })).json();
  const tick = { key: btoa("/kgen-e2e/compaction"), value: btoa("tick") };
  await post("/v3/kv/put", tick);
  const put = (await post("/v3/kv/put", tick)) as { header: { revision: string } };
  await post("/v3/kv/compaction", { revision: put.header.revision, physical: true });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const names = (list: { items: { metadata?: { name?: string } }[] }) => list.items.map((i) => i.metadata?.name);
const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>): ConfigMap => ({ metadata: { name, labels }, data });

await createNamespace(client, { metadata: { name: ns } });

// create, get, list with label and field selectors
for (const [name, tier] of [["a", "web"], ["b", "web"], ["c", "db"]] as const) {
  await createNamespacedConfigMap(client, ns, cm(name, { n: name }, { tier }));
}
report["read"] = (await readNamespacedConfigMap(client, "a", ns)).data;
report["labelSelector"] = names(await listNamespacedConfigMap(client, ns, { labelSelector: "tier=web" }));
report["fieldSelector"] = names(await listNamespacedConfigMap(client, ns, { fieldSelector: "metadata.name=c" }));
report["missing"] = await failure(readNamespacedConfigMap(client, "nothing", ns));

// replace with a stale resourceVersion
const stale = await readNamespacedConfigMap(client, "a", ns);
await replaceNamespacedConfigMap(client, "a", ns, { ...stale, data: { n: "2" } });
report["staleReplace"] = await failure(replaceNamespacedConfigMap(client, "a", ns, { ...stale, data: { n: "3" } }));

// merge, JSON and strategic patches
report["merge"] = (await patchNamespacedConfigMap(client, "b", ns, { data: { extra: "1" } })).data;
const ops = [{ op: "replace", path: "/data/n", value: "json" }];
report["json"] = (await patchNamespacedConfigMap(client, "b", ns, ops, { patchType: "json" })).data;
const labels = { app: "web" };
const containers = [{ name: "app", image: "app:1" }, { name: "sidecar", image: "sidecar:1" }];
await createNamespacedDeployment(client, ns, {
  metadata: { name: "web" },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
});
const change = { spec: { template: { spec: { containers: [{ name: "app", image: "app:2" }] } } } };
const strategic = await patchNamespacedDeployment(client, "web", ns, change, { patchType: "strategic" });
report["strategic"] = strategic.spec?.template.spec?.containers.map((c) => [c.name, c.image]);

// server-side apply: a conflict, then forced
const applied = (owner: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "applied" }, data: { owner } });
await patchNamespacedConfigMap(client, "applied", ns, applied("alice"), { patchType: "apply", fieldManager: "alice" });
report["applyConflict"] = await failure(patchNamespacedConfigMap(client, "applied", ns, applied("bob"), { patchType: "apply", fieldManager: "bob" }));
const forced = await patchNamespacedConfigMap(client, "applied", ns, applied("bob"), { patchType: "apply", fieldManager: "bob", force: true });
report["forced"] = [forced.data, forced.metadata?.managedFields?.filter((f) => f.operation === "Apply").map((f) => f.manager)];

// dry-run
await createNamespacedConfigMap(client, ns, cm("planned", {}), { dryRun: "All" });
report["dryRun"] = await failure(readNamespacedConfigMap(client, "planned", ns));

// invalid objects and strict field validation
report["invalid"] = await failure(createNamespacedConfigMap(client, ns, cm("Not_A_Name", {})));
report["strict"] = await failure(patchNamespacedConfigMap(client, "c", ns, { spex: 1 }, { fieldValidation: "Strict" }));

// delete with preconditions
const current = await readNamespacedConfigMap(client, "c", ns);
report["staleDelete"] = await failure(deleteNamespacedConfigMap(client, "c", ns, { preconditions: { resourceVersion: stale.metadata?.resourceVersion } }));
await deleteNamespacedConfigMap(client, "c", ns, { preconditions: { uid: current.metadata?.uid, resourceVersion: current.metadata?.resourceVersion } });
report["deleted"] = await failure(readNamespacedConfigMap(client, "c", ns));

// paging, and a continue token expired by compaction (Secrets are not cached: etcd answers)
for (let i = 0; i < 5; i++) {
  await createNamespacedSecret(client, ns, { metadata: { name: `s${i}` }, stringData: { k: "v" } });
}
const pages: (string | undefined)[][] = [];
let token: string | undefined;
do {
  const page = await listNamespacedSecret(client, ns, { limit: 2, continue: token });
  pages.push(names(page));
  token = page.metadata?.continue;
} while (token);
report["pages"] = pages;
const first = await listNamespacedSecret(client, ns, { limit: 2 });
await createNamespacedSecret(client, ns, { metadata: { name: "later" } });
await compact();
report["expiredContinue"] = await failure(listNamespacedSecret(client, ns, { limit: 2, continue: first.metadata?.continue }));

// a watch from a compacted resourceVersion is Gone
const compacted = watchNamespacedSecret(client, ns, { resourceVersion: first.metadata?.resourceVersion });
report["watchGone"] = await failure((async () => {
  for await (const _ of compacted) break;
})());

// a watch with bookmarks, resumed after the server closes it (within 3-6 s)
const start = (await listNamespacedConfigMap(client, ns)).metadata?.resourceVersion;
const watch = watchNamespacedConfigMap(client, ns, { resourceVersion: start });
const seen: string[] = [];
// Until "end", and a bookmark: the server sends one before it closes a connection (3-6 s), but a
// loaded machine may send it only after "end" arrived.
const patience = Date.now() + 27000;
const done = (async () => {
  for await (const event of watch.events()) {
    const typed: WatchEvent<ConfigMap> | Bookmark = event;
    if (typed.type === "BOOKMARK") {
      if (!seen.includes("BOOKMARK")) seen.push("BOOKMARK");
    } else {
      seen.push(`${typed.type} ${typed.object.metadata?.name}`);
    }
    if ((seen.includes("ADDED end") && seen.includes("BOOKMARK")) || Date.now() > patience) return;
  }
})();
await createNamespacedConfigMap(client, ns, cm("first", {}));
await sleep(7000); // past the server's close of the first connection
await createNamespacedConfigMap(client, ns, cm("end", {}));
await done;
watch.close();
report["watch"] = seen.filter((s) => s !== "BOOKMARK");
report["bookmarked"] = seen.includes("BOOKMARK");

// a typed client for a CRD from the live document, and its status subresource
// (apiVersion and kind are required for custom resources: the client does not fill them in yet)
const cert = await createNamespacedCertificate(client, ns, {
  apiVersion: "cert-manager.io/v1",
  kind: "Certificate",
  metadata: { name: "web" },
  spec: { secretName: "web-tls", dnsNames: ["web.example"], issuerRef: { name: "ca" } },
});
await replaceNamespacedCertificateStatus(client, "web", ns, { ...cert, status: { conditions: [{ type: "Ready", status: "True" }] } });
await patchNamespacedCertificateStatus(client, "web", ns, { status: { revision: 2 } });
const read = await readNamespacedCertificate(client, "web", ns);
report["certificate"] = [read.spec?.secretName, read.status?.conditions?.map((c) => [c.type, c.status]), read.status?.revision];

console.log(JSON.stringify(report));
