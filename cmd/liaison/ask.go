package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"liaison/adapters/terminal"
	"liaison/bot"
)

// askResult is one line of `liaison ask --json` (../shared/eval/README.md).
type askResult struct {
	Question string       `json:"question"`
	Found    bool         `json:"found"`
	Intent   bot.Intent   `json:"intent"`
	Answer   string       `json:"answer"`
	Sources  []bot.Source `json:"sources"`
}

func runAsk(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	dir := fs.String("corpus", "", "folder of releases (default: the built-in corpus)")
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	base, err := loadBase(ctx, *dir, stderr)
	if err != nil {
		return err
	}
	core := bot.New(base, bot.Options{Logger: newLogger(stderr, slog.LevelWarn), Version: version})
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	answer := func(i int, q string) error {
		r, err := core.Answer(ctx, bot.Message{Platform: bot.PlatformTerminal, ID: fmt.Sprint(i), Text: q,
			Sender: "cli", Room: fmt.Sprintf("ask-%d", i), Direct: true, Time: time.Now()})
		if err != nil {
			return fmt.Errorf("answer: %w", err)
		}
		if *asJSON {
			return enc.Encode(askResult{Question: q, Found: r.Found, Intent: r.Intent, Answer: bot.PlainText(r), Sources: r.Sources})
		}
		_, err = fmt.Fprintf(out, "%s\n\n", terminal.Render(r))
		return err
	}
	if fs.NArg() > 0 {
		return answer(0, strings.Join(fs.Args(), " "))
	}
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 64*1024), 8<<20)
	for i := 0; sc.Scan(); i++ {
		if err := answer(i, sc.Text()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

func runChat(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
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
