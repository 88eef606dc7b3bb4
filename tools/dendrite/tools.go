//go:build tools

// Package tools pins the Dendrite homeserver commands that Liaison's Matrix
// tests run against. It is a separate module so that Dendrite's dependencies
// never enter the bot's own go.mod; scripts/build-dendrite.sh builds the
// binaries from here.
package tools

import (
	_ "github.com/matrix-org/dendrite/cmd/create-account"
	_ "github.com/matrix-org/dendrite/cmd/dendrite"
	_ "github.com/matrix-org/dendrite/cmd/generate-config"
	_ "github.com/matrix-org/dendrite/cmd/generate-keys"
)
