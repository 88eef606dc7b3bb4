#!/usr/bin/env sh
# Builds the static liaison binary exactly as the Dockerfile does:
# pure Go (CGO_ENABLED=0), mautrix's pure-Go olm (-tags goolm), no debug
# symbols, the version stamped in (no -trimpath, so it shares the test
# build cache). Usage: scripts/build.sh [OUTPUT] [VERSION]
set -eu
cd "$(dirname "$0")/.."
out=${1:-bin/liaison}
ver=${2:-${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}}
mkdir -p "$(dirname "$out")"
CGO_ENABLED=0 go build -tags goolm -buildvcs=false \
	-ldflags "-s -w -X main.version=$ver" -o "$out" ./cmd/liaison
echo "built $out ($ver)"
