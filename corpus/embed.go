// Package corpus embeds the built-in default corpus: the releases Liaison
// answers from when no corpus folder is configured.
package corpus

import "embed"

// FS holds the built-in releases at its root.
//
//go:embed *.txt
var FS embed.FS
