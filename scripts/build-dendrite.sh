#!/bin/sh
# Builds the Dendrite homeserver binaries that Liaison's Matrix tests run
# against (dendrite, generate-config, generate-keys, create-account) into
# .cache/dendrite/bin/ at the repository root, from the pinned wrapper module
# in tools/dendrite. It does nothing when all binaries are already there;
# set FORCE=1 to rebuild. The binaries are also rebuilt when tools/dendrite's
# go.mod or go.sum changed since they were built (a stamp beside them): the
# wrapper pins modernc.org/sqlite v1.60.1 over Dendrite's v1.29.5, whose
# context interrupts can reach the next statement and crash Dendrite under
# the reliability tests (docs/reliability.md). Pure Go (CGO_ENABLED=0):
# Dendrite then uses its pure-Go SQLite. About 90 s with empty Go caches on
# 2 cores, 2 s warm.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.cache/dendrite/bin"
cmds="dendrite generate-config generate-keys create-account"
stamp=$(cat "$root/tools/dendrite/go.mod" "$root/tools/dendrite/go.sum" | cksum)

if [ "${FORCE:-0}" != "1" ]; then
	missing=0
	for c in $cmds; do
		[ -x "$bin/$c" ] || missing=1
	done
	[ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ] || missing=1
	if [ "$missing" = "0" ]; then
		exit 0
	fi
fi

mkdir -p "$bin"
# Test processes of several packages may call this at once: build once.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$root/.cache/dendrite/.lock"
	flock 9
	if [ "${FORCE:-0}" != "1" ]; then
		missing=0
		for c in $cmds; do
			[ -x "$bin/$c" ] || missing=1
		done
		[ "$(cat "$bin/.stamp" 2>/dev/null)" = "$stamp" ] || missing=1
		[ "$missing" = "0" ] && exit 0
	fi
fi
cd "$root/tools/dendrite"
pkgs=""
for c in $cmds; do
	pkgs="$pkgs github.com/matrix-org/dendrite/cmd/$c"
done
echo "build-dendrite: building $cmds into $bin" >&2
# Build into a temporary folder and move into place, so an interrupted build
# never leaves a half-written binary that later runs would trust.
tmp=$(mktemp -d "$root/.cache/dendrite/build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# GOFLAGS from the caller (e.g. -tags=goolm) is harmless here, but
# -mod=mod/vendor settings of the outer module are not: reset to ours.
CGO_ENABLED=0 GOFLAGS="-buildvcs=false" GOWORK=off \
	go build -trimpath -o "$tmp/" $pkgs
for c in $cmds; do
	mv -f "$tmp/$c" "$bin/$c"
done
echo "$stamp" >"$bin/.stamp"
echo "build-dendrite: done" >&2
