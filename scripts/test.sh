#!/usr/bin/env bash
# The project's test command (README, .ci/run): formatting, vet, every Go
# test (the Matrix tests against a real Dendrite built on first use, the
# Slack tests against a loopback Socket Mode and Web API server), and the
# question sets scored through `liaison ask --json` when ../shared/eval is
# beside the repository. Needs only Go (and python3 for the scorer).
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=0 GOFLAGS="-tags=goolm -buildvcs=false"

echo "== gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*'))
if [ -n "$bad" ]; then
	echo "not gofmt-formatted:"; echo "$bad"; exit 1
fi

echo "== go mod tidy"
# go.mod and go.sum must be what `go mod tidy` makes of them. `-diff`
# changes nothing and prints the difference on standard output; a tidy
# that cannot run (offline with modules missing from the cache) prints
# only an error, and is reported and skipped rather than failed.
tidy_err=$(mktemp)
if ! tidy=$(go mod tidy -diff 2>"$tidy_err"); then
	if [ -n "$tidy" ]; then
		echo "$tidy"; echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1
	fi
	echo "   (not checked: $(tail -n 1 "$tidy_err"))"
fi
rm -f "$tidy_err"

echo "== go vet"
go vet ./...

echo "== dendrite (for the Matrix tests)"
./scripts/build-dendrite.sh

echo "== go test"
# One package at a time: the Matrix adapter's tests and the serve tests in
# cmd/liaison each run Dendrite under load, and side by side on two cores
# they starve each other (SQLITE_BUSY, 10 s stalls). go vet has already
# compiled the dependencies, so this costs about 25 s.
go test -p 1 -count=1 -timeout 12m ./...

echo "== fuzz (${FUZZTIME:=30s} each)"
# Every Fuzz target in the module; a crash is saved under the package's
# testdata/fuzz and fails the run. Go's fuzzing coordinator sometimes ends
# a run with a bare "context deadline exceeded" when a worker is slow to
# stop at the -fuzztime boundary, with no failing input (a known race in
# the toolchain, not a finding): such a run is tried once more, and only
# a failing input, or a second failure, fails the run.
fuzz() {
	go test "$1" -run '^$' -fuzz "^${2}\$" -fuzztime "$FUZZTIME" 2>&1
}
for pkg in $(go list ./...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
		echo "-- $pkg $target"
		if ! out=$(fuzz "$pkg" "$target"); then
			if echo "$out" | grep -q 'Failing input written' || ! echo "$out" | grep -q 'context deadline exceeded'; then
				echo "$out" | grep -v '^fuzz: elapsed' | tail -n 60
				exit 1
			fi
			echo "   (the fuzzing coordinator stopped late, with no failing input; once more)"
			if ! out=$(fuzz "$pkg" "$target"); then
				echo "$out" | grep -v '^fuzz: elapsed' | tail -n 60
				exit 1
			fi
		fi
		echo "$out" | tail -n 3
	done
done

eval_dir=../shared/eval
if [ -f "$eval_dir/score.py" ] && command -v python3 >/dev/null; then
	# Every set over one folder of all the shared releases, the way a team
	# runs the bot: an answer must come from the right release among all.
	echo "== question sets (over all shared releases)"
	bin=$(mktemp -d)/liaison
	go build -o "$bin" ./cmd/liaison
	all=$(mktemp -d)
	cp ../shared/corpus*/*.txt "$all/"
	sets=$(ls "$eval_dir"/*-questions.jsonl)
	# (score.py exits 1 when any question fails; the gate below decides)
	for set in $sets; do
		printf '%s: ' "$(basename "$set")"
		{ python3 "$eval_dir/score.py" --bin "$bin" --corpus "$all" "$set" || true; } | tail -n 1
	done
	out=$(python3 "$eval_dir/score.py" --bin "$bin" --corpus "$all" --kinds $sets) || true
	echo "$out" | grep -v '^FAIL\|^     '
	# together at least 95 %, as issue 14 asks: a change that loses
	# answers fails here
	echo "$out" | tail -n 1 | awk '{ok=$1; bad=$3; if (ok < 0.95*(ok+bad)) {print "question sets below 95 %"; exit 1}}'
	if [ -f "$eval_dir/score-facts.py" ] && [ -f "$eval_dir/facts.gold.jsonl" ]; then
		echo "== facts (score-facts over all shared releases)"
		facts=$(python3 "$eval_dir/score-facts.py" --bin "$bin" --corpus "$all" "$eval_dir/facts.gold.jsonl")
		echo "$facts" | grep -v '^FAIL\|^MISS\|^FALSE'
		echo "$facts" | tail -n 1 | awk '{if ($3+0 < FLOOR) {print "facts F1-mean below " FLOOR; exit 1}}' FLOOR="${FACTS_FLOOR:-0.95}"
	fi
fi
