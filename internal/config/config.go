// Package config reads Liaison's service configuration: a YAML file in which
// ${VAR} is replaced from the environment, then LIAISON_* environment
// variables that override single settings. Validate reports every problem
// at once. Secrets are of type Secret, which never prints its value.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Secret is a token, password or key. It prints as "[redacted]" in logs,
// fmt and JSON; Value returns the real value.
type Secret string

// Value returns the secret itself.
func (s Secret) Value() string { return string(s) }

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// LogValue redacts the secret in log/slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText redacts the secret when encoded.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Duration is a time.Duration written as "5m" or "30s" in the file.
type Duration time.Duration

// UnmarshalYAML reads "5m"-style durations.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if err != nil {
		// a TypeError lets the decoder go on and report other problems too
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a duration such as 30s or 5m", n.Line, n.Value)}}
	}
	*d = Duration(v)
	return nil
}

// Config is the whole service configuration.
type Config struct {
	// Corpus is the folder of releases; "" means the built-in corpus.
	Corpus string `yaml:"corpus"`
	// DataDir holds the SQLite state (answered events, sync tokens, crypto).
	DataDir  string   `yaml:"data_dir"`
	Log      Log      `yaml:"log"`
	HTTP     HTTP     `yaml:"http"`
	Reload   Reload   `yaml:"reload"`
	Limits   Limits   `yaml:"limits"`
	Access   Access   `yaml:"access"`
	Slack    Slack    `yaml:"slack"`
	Matrix   Matrix   `yaml:"matrix"`
	Shutdown Duration `yaml:"shutdown_timeout"`
	Feedback Feedback `yaml:"feedback"`
	// Feeds are followed by `liaison serve` (feeds.go).
	Feeds      FeedList   `yaml:"feeds"`
	FeedReader FeedReader `yaml:"feed_reader"`
}

// Log configures logging.
type Log struct {
	// Level is debug, info, warn or error. At debug, question text is logged.
	Level string `yaml:"level"`
	// Format is text or json.
	Format string `yaml:"format"`
}

// HTTP configures the health and metrics endpoint.
type HTTP struct {
	// Listen is the address of /healthz, /readyz and /metrics; "" turns it off.
	Listen string `yaml:"listen"`
}

// Reload configures watching the corpus folder.
type Reload struct {
	// Watch turns on rebuilding when releases are added, changed or removed.
	Watch bool `yaml:"watch"`
	// Interval is how often the folder is checked.
	Interval Duration `yaml:"interval"`
	// Snapshot keeps the built fact base in data_dir, so that a restart
	// over unchanged releases reads it instead of building again.
	Snapshot bool `yaml:"snapshot"`
}

// DefaultMemoryMiB is the default soft memory limit: a rebuild of 100,000
// releases, while the old fact base still answers, peaks at about 1.3 GB
// under it and 1.6 GB without it.
const DefaultMemoryMiB = 1300

// DefaultGCPercent is the default collector setting (GOGC): the heap may
// grow to three times what is live before a collection, twice Go's
// default. A build of 100,000 releases spends about a tenth less time
// (its heap peaks at some 0.95 GB instead of 0.8 GB); the memory limit
// still bounds the heap.
const DefaultGCPercent = 200

// Limits configures per-user rate limiting of questions, and the
// service's memory.
type Limits struct {
	// PerMinute is how many questions one user may ask per minute; 0 = no limit.
	PerMinute int `yaml:"questions_per_minute"`
	// Burst is how many questions may come at once.
	Burst int `yaml:"burst"`
	// MemoryMiB is a soft limit on the service's memory in MiB (the Go
	// runtime's memory limit): near it the collector runs more often
	// instead of letting the heap grow. 0 = no limit. The GOMEMLIMIT
	// environment variable, when set, wins.
	MemoryMiB int `yaml:"memory_mib"`
	// GCPercent is how far the heap may grow between collections, in
	// percent of what is live (the Go runtime's GOGC): more is faster
	// and uses more memory, up to MemoryMiB. 0 = the runtime's default
	// (100). The GOGC environment variable, when set, wins.
	GCPercent int `yaml:"gc_percent"`
}

// Access configures who may use the bot. Empty allowlists allow everyone;
// a denylist entry always wins.
type Access struct {
	// Admins may use admin commands (reload, status details): entries such
	// as "slack:U0123" or "matrix:@alice:example.org".
	Admins []string     `yaml:"admins"`
	Slack  SlackAccess  `yaml:"slack"`
	Matrix MatrixAccess `yaml:"matrix"`
	// Commands restricts single commands ("agreements") to the users listed,
	// in the same "platform:id" form.
	Commands map[string][]string `yaml:"commands"`
}

// SlackAccess lists Slack workspaces, channels and users.
type SlackAccess struct {
	AllowWorkspaces []string `yaml:"allow_workspaces"`
	DenyWorkspaces  []string `yaml:"deny_workspaces"`
	AllowChannels   []string `yaml:"allow_channels"`
	DenyChannels    []string `yaml:"deny_channels"`
	AllowUsers      []string `yaml:"allow_users"`
	DenyUsers       []string `yaml:"deny_users"`
}

// MatrixAccess lists Matrix rooms, users and servers.
type MatrixAccess struct {
	AllowRooms   []string `yaml:"allow_rooms"`
	DenyRooms    []string `yaml:"deny_rooms"`
	AllowUsers   []string `yaml:"allow_users"`
	DenyUsers    []string `yaml:"deny_users"`
	AllowServers []string `yaml:"allow_servers"`
	DenyServers  []string `yaml:"deny_servers"`
}

// Slack configures the Slack adapter.
type Slack struct {
	Enabled bool `yaml:"enabled"`
	// Mode is socket (default) or http.
	Mode          string `yaml:"mode"`
	BotToken      Secret `yaml:"bot_token"`
	AppToken      Secret `yaml:"app_token"`
	SigningSecret Secret `yaml:"signing_secret"`
	// Listen is the HTTP-mode address for Slack's requests.
	Listen string `yaml:"listen"`
	// APIURL is the Web API base: Slack's by default, settable for GovSlack
	// or a test server.
	APIURL string `yaml:"api_url"`
	// Commands maps slash command names as configured in Slack to the
	// core's commands ("/lwho-met": "who-met").
	Commands map[string]string `yaml:"commands"`
}

// Matrix configures the Matrix adapter.
type Matrix struct {
	Enabled     bool   `yaml:"enabled"`
	Homeserver  string `yaml:"homeserver"`
	UserID      string `yaml:"user_id"`
	AccessToken Secret `yaml:"access_token"`
	Password    Secret `yaml:"password"`
	DeviceName  string `yaml:"device_name"`
	// Encryption turns on end-to-end encryption (default true).
	Encryption *bool  `yaml:"encryption"`
	PickleKey  Secret `yaml:"pickle_key"`
	// AutoJoinFrom lists users ("@a:example.org") or servers (":example.org")
	// whose invites the bot accepts; empty accepts every invite.
	AutoJoinFrom []string `yaml:"auto_join_from"`
	// CatchUp is how old a message missed while down may be and still be answered.
	CatchUp Duration `yaml:"catch_up_window"`
}

// Default returns the configuration used when no file is given: the
// built-in corpus, the terminal, no platform adapters.
func Default() Config {
	t := true
	return Config{
		DataDir:    "data",
		Log:        Log{Level: "info", Format: "text"},
		HTTP:       HTTP{Listen: ""},
		Reload:     Reload{Watch: true, Interval: Duration(2 * time.Second), Snapshot: true},
		Limits:     Limits{PerMinute: 20, Burst: 5, MemoryMiB: DefaultMemoryMiB, GCPercent: DefaultGCPercent},
		Slack:      Slack{Mode: "socket", Listen: ":3000", APIURL: "https://slack.com/api/"},
		Matrix:     Matrix{DeviceName: "liaison", Encryption: &t, CatchUp: Duration(5 * time.Minute)},
		Shutdown:   Duration(10 * time.Second),
		Feedback:   defaultFeedback(),
		FeedReader: defaultFeedReader(),
	}
}

// ErrInvalid wraps every validation problem.
var ErrInvalid = errors.New("invalid configuration")

var reEnvRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Load reads a configuration file over Default, expands ${VAR} from env,
// applies LIAISON_* overrides and returns every problem found (unknown
// keys, bad values) joined in one error that wraps ErrInvalid. Validate is
// applied too.
func Load(path string, env func(string) (string, bool)) (Config, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return Parse(raw, env)
}

// Parse is Load for the bytes of a file.
func Parse(raw []byte, env func(string) (string, bool)) (Config, error) {
	if env == nil {
		env = os.LookupEnv
	}
	var problems []error
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		code, comment := splitComment(l)
		lines[i] = reEnvRef.ReplaceAllStringFunc(code, func(m string) string {
			name := reEnvRef.FindStringSubmatch(m)[1]
			v, ok := env(name)
			if !ok {
				problems = append(problems, fmt.Errorf("line %d: environment variable %s is not set", i+1, name))
			}
			return yamlQuote(v)
		}) + comment
	}
	expanded := strings.Join(lines, "\n")
	cfg := Default()
	dec := yaml.NewDecoder(bytes.NewReader([]byte(expanded)))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			for _, e := range te.Errors {
				problems = append(problems, errors.New(e))
			}
		} else {
			problems = append(problems, err)
		}
	}
	problems = append(problems, applyEnv(&cfg, env)...)
	problems = append(problems, cfg.Validate()...)
	if len(problems) > 0 {
		return cfg, fmt.Errorf("%w:\n%w", ErrInvalid, errors.Join(problems...))
	}
	return cfg, nil
}

// splitComment splits a YAML line into its content and its comment (a '#'
// at the start or after white space, outside quotes).
func splitComment(l string) (string, string) {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
			return l[:i], l[i:]
		}
	}
	return l, ""
}

// yamlQuote makes an environment value safe inside YAML as a scalar.
func yamlQuote(v string) string {
	if v == "" {
		return `""`
	}
	b, _ := yaml.Marshal(v)
	return strings.TrimSuffix(string(b), "\n")
}

// applyEnv applies LIAISON_SECTION_KEY overrides, e.g. LIAISON_SLACK_BOT_TOKEN,
// LIAISON_MATRIX_ENABLED, LIAISON_CORPUS, LIAISON_LOG_LEVEL.
func applyEnv(cfg *Config, env func(string) (string, bool)) []error {
	var problems []error
	walk(reflect.ValueOf(cfg).Elem(), "LIAISON", func(name string, f reflect.Value) {
		v, ok := env(name)
		if !ok {
			return
		}
		if err := setScalar(f, v); err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
		}
	})
	return problems
}

func walk(v reflect.Value, prefix string, fn func(string, reflect.Value)) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" {
			continue
		}
		name := prefix + "_" + strings.ToUpper(tag)
		f := v.Field(i)
		if f.Kind() == reflect.Struct {
			walk(f, name, fn)
			continue
		}
		fn(name, f)
	}
}

func setScalar(f reflect.Value, v string) error {
	switch f.Interface().(type) {
	case Duration:
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("%q is not a duration", v)
		}
		f.Set(reflect.ValueOf(Duration(d)))
		return nil
	case FeedList:
		f.Set(reflect.ValueOf(parseFeedList(v)))
		return nil
	case *bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		f.Set(reflect.ValueOf(&b))
		return nil
	}
	switch f.Kind() {
	case reflect.String:
		f.SetString(v)
	case reflect.Bool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		f.SetBool(b)
	case reflect.Int:
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%q is not a number", v)
		}
		f.SetInt(int64(n))
	case reflect.Slice:
		var parts []string
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		f.Set(reflect.ValueOf(parts))
	default:
		return errors.New("cannot be set from the environment")
	}
	return nil
}

// Validate returns every problem with the configuration.
func (c Config) Validate() []error {
	var p []error
	add := func(format string, args ...any) { p = append(p, fmt.Errorf(format, args...)) }
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		add("log.level: %q is not one of debug, info, warn, error", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		add("log.format: %q is not text or json", c.Log.Format)
	}
	if c.DataDir == "" {
		add("data_dir: must be set (the folder for the bot's state)")
	}
	if c.Reload.Interval < Duration(100*time.Millisecond) && c.Reload.Watch {
		add("reload.interval: %s is too short (at least 100ms)", time.Duration(c.Reload.Interval))
	}
	if c.Limits.PerMinute < 0 || c.Limits.Burst < 0 || c.Limits.MemoryMiB < 0 || c.Limits.GCPercent < 0 {
		add("limits: values cannot be negative")
	}
	for _, a := range append(append([]string{}, c.Access.Admins...), flatten(c.Access.Commands)...) {
		if !strings.HasPrefix(a, "slack:") && !strings.HasPrefix(a, "matrix:") && !strings.HasPrefix(a, "terminal:") {
			add("access: %q must start with slack:, matrix: or terminal:", a)
		}
	}
	if c.Slack.Enabled {
		s := c.Slack
		checkToken := func(field string, tok Secret, prefix string) {
			v := tok.Value()
			switch {
			case v == "":
				add("slack.%s: missing (a %s... token)", field, prefix)
			case !strings.HasPrefix(v, prefix):
				add("slack.%s: looks like %s, but a %s... token belongs here", field, tokenKind(v), prefix)
			}
		}
		checkToken("bot_token", s.BotToken, "xoxb-")
		switch s.Mode {
		case "socket", "":
			checkToken("app_token", s.AppToken, "xapp-")
		case "http":
			if s.SigningSecret.Value() == "" {
				add("slack.signing_secret: missing (needed in http mode)")
			}
			if s.Listen == "" {
				add("slack.listen: missing (needed in http mode)")
			}
		default:
			add("slack.mode: %q is not socket or http", s.Mode)
		}
		if u, err := url.Parse(s.APIURL); err != nil || u.Scheme == "" || !strings.HasSuffix(s.APIURL, "/") {
			add("slack.api_url: %q must be an absolute URL ending in /", s.APIURL)
		}
	}
	if c.Matrix.Enabled {
		m := c.Matrix
		if u, err := url.Parse(m.Homeserver); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			add("matrix.homeserver: %q must be an http(s) URL", m.Homeserver)
		}
		if !strings.HasPrefix(m.UserID, "@") || !strings.Contains(m.UserID, ":") {
			add("matrix.user_id: %q must look like @bot:example.org", m.UserID)
		}
		if m.AccessToken == "" && m.Password == "" {
			add("matrix: give access_token or password")
		}
		if m.AccessToken != "" && (strings.HasPrefix(m.AccessToken.Value(), "xox") || strings.HasPrefix(m.AccessToken.Value(), "xapp-")) {
			add("matrix.access_token: looks like a Slack token")
		}
		if m.Encryption != nil && *m.Encryption && m.PickleKey == "" {
			add("matrix.pickle_key: missing (needed when encryption is on)")
		}
	}
	p = append(p, c.Feedback.validate()...)
	return append(p, c.validateFeeds()...)
}

func flatten(m map[string][]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v...)
	}
	return out
}

// tokenKind names what a token looks like, without revealing it.
func tokenKind(v string) string {
	switch {
	case strings.HasPrefix(v, "xoxb-"):
		return "a bot token (xoxb-)"
	case strings.HasPrefix(v, "xapp-"):
		return "an app-level token (xapp-)"
	case strings.HasPrefix(v, "xoxp-"):
		return "a user token (xoxp-)"
	case strings.HasPrefix(v, "syt_") || strings.HasPrefix(v, "mct_"):
		return "a Matrix access token"
	}
	return "an unknown kind of token"
}

// Secrets returns every secret value set, so that tests and log filters can
// check that none leaks.
func (c Config) Secrets() []string {
	var out []string
	for _, s := range []Secret{c.Slack.BotToken, c.Slack.AppToken, c.Slack.SigningSecret, c.Matrix.AccessToken, c.Matrix.Password, c.Matrix.PickleKey} {
		if s != "" {
			out = append(out, s.Value())
		}
	}
	return out
}
