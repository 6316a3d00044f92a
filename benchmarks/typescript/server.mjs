// The API server of benchmarks/runtime_typescript.py: one PodList on 127.0.0.1, in a process of its own.
//
//     node server.mjs PODLIST.json      # prints the port, then serves until it is killed
//
// GET /api/v1/namespaces/default/pods answers the file's bytes; the same path in any other namespace
// answers an empty PodList (the warm-up call of the memory runs); anything else is a 404.

import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const body = readFileSync(process.argv[2]);
const empty = Buffer.from('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}');
const LIST = /^\/api\/v1\/namespaces\/([^/?]+)\/pods(?:\?|$)/;

const server = createServer((request, response) => {
  const match = request.method === "GET" ? LIST.exec(request.url ?? "") : null;
  if (match === null) {
    response.writeHead(404, { "Content-Type": "application/json" }).end('{"kind":"Status","status":"Failure","code":404}');
    return;
  }
  const answer = match[1] === "default" ? body : empty;
  response.writeHead(200, { "Content-Type": "application/json", "Content-Length": answer.length }).end(answer);
});
server.keepAliveTimeout = 600_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${server.address().port}\n`);
});
