#!/usr/bin/env bash
# Install the peers the benchmarks measure kgen against, outside the repository (idempotent).
#
#   bash benchmarks/setup_peers.sh [DIR]      # default: $KGEN_PEERS_DIR, else ${TMPDIR:-/tmp}/kgen-peers
#
# DIR/generators    the shared generator harness's environments (openapi-generator, openapi-python-client,
#                   swagger2openapi, ...), made by its own setup.sh with the versions it pins
# DIR/venv-runtime  lightkube and msgspec at the versions the shared runtime harness pins, and httpx
#                   (the generated package's other dependency): the interpreter decode.py measures
# ~/.m2             the Java peers (Maven's own cache): openapi-generator-cli's jar for generate.py --targets java,
#                   and benchmarks/java/pom.xml's client-java and fabric8 models for decode_java.py
# GOMODCACHE        the Go peers benchmarks/go/go.mod pins (k8s.io/client-go, k8s.io/api, k8s.io/apimachinery)
#                   for runtime_go.py, when the go command is installed
#
# Peers are never kgen dependencies: nothing here is installed into kgen's environment or committed.
# Needs python3 with venv, java (openapi-generator), node and npm (swagger2openapi); package registries only.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="${KGEN_SHARED_BENCH:-$(dirname "$repo")/shared/bench}"
dir="${1:-${KGEN_PEERS_DIR:-${TMPDIR:-/tmp}/kgen-peers}}"
mkdir -p "$dir"

bash "$shared/generators/setup.sh" "$dir/generators"

[ -x "$dir/venv-runtime/bin/python" ] || python3 -m venv "$dir/venv-runtime"
"$dir/venv-runtime/bin/pip" install -q -c "$shared/runtime/requirements-peers.txt" \
    lightkube lightkube-models msgspec httpx
"$dir/venv-runtime/bin/pip" list 2>/dev/null | grep -iE '^(lightkube|lightkube-models|msgspec|httpx) '
# openapi-generator-cli: the version generate.py's OGEN_JAVA_JAR names.
mvn -q -B dependency:get -Dartifact=org.openapitools:openapi-generator-cli:7.27.0 -Dtransitive=false
(cd "$repo/benchmarks/java" && mvn -q -B dependency:go-offline)
if command -v go >/dev/null; then
    (cd "$repo/benchmarks/go" && go mod download && go list -m k8s.io/client-go k8s.io/api k8s.io/apimachinery)
else
    echo "go not found: runtime_go.py's peers (benchmarks/go/go.mod) not downloaded"
fi
echo "peers ready in $dir (benchmarks find them there when KGEN_PEERS_DIR=$dir or it is the default)"
