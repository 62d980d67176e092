#!/bin/sh
# Lays out a Lambda task root from a Maven build, the one layout iamgate deploys:
# target/classes at the root and the runtime dependencies (which `./mvnw package` copies to
# target/dependency) under lib/. Used by `sam build` (the Makefile's build-AuthorizerFunction)
# and by RuntimeClientIT, so that the end-to-end test runs exactly what `sam build` packages.
#
# usage: tools/task-root.sh TARGET_DIR OUTPUT_DIR
set -eu
if [ "$#" -ne 2 ]; then
  echo "usage: $0 TARGET_DIR OUTPUT_DIR" >&2
  exit 2
fi
target=$1
out=$2
for d in "$target/classes" "$target/dependency"; do
  if [ ! -d "$d" ]; then
    echo "$d is missing: run ./mvnw package first (it compiles and copies the runtime dependencies)" >&2
    exit 1
  fi
done
mkdir -p "$out/lib"
cp -R "$target/classes/." "$out/"
for jar in "$target/dependency"/*.jar; do
  [ -e "$jar" ] || continue
  cp "$jar" "$out/lib/"
done
