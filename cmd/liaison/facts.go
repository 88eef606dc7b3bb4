package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"

	"liaison/knowledge"
)

func runFacts(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("facts", flag.ContinueOnError)
	dir := fs.String("corpus", "", "folder of releases (default: the built-in corpus)")
	asJSON := fs.Bool("json", false, "print the fact base as JSON")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	base, err := loadBase(ctx, *dir, stderr)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(knowledge.Export(base))
	}
	_, err = io.WriteString(stdout, knowledge.Report(base))
	return err
}
