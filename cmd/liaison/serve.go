package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"liaison/adapters/terminal"
	"liaison/bot"
	"liaison/knowledge"
)

func chat(ctx context.Context, base *knowledge.Base, stdin io.Reader, stdout, stderr io.Writer) error {
	core := bot.New(base, bot.Options{Logger: newLogger(stderr, slog.LevelWarn), Version: version})
	st := base.Stats()
	fmt.Fprintf(stdout, "Liaison %s: ask me about %d releases (%d meetings, %d people). Type help for commands, quit to leave.\n\n",
		version, st.Releases, st.Meetings, st.People)
	return terminal.New(stdin, stdout, "> ").Run(ctx, core)
}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	dir := fs.String("corpus", "", "folder of releases (default: the built-in corpus)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	base, err := loadBase(ctx, *dir, stderr)
	if err != nil {
		return err
	}
	return chat(ctx, base, stdin, stdout, stderr)
}
