package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/spf13/pflag"

	"github.com/pbnode/pbnode/portal/identity"
)

// testKey is Hardhat's account #1. It is public, like every key in tests; here it stands for
// a secret that must never be printed.
const (
	testKey     = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
	testKeyAddr = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
)

type env map[string]string

// loadTest loads the config of mode m from a YAML file body ("" for none), environment
// variables and command-line args, in a working directory without a pbnode.yaml.
func loadTest(t *testing.T, m Mode, file string, vars env, args ...string) (Config, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	opts := &rootOptions{}
	if file != "" {
		opts.configFile = writeFile(t, "config.yaml", file)
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	addConfigFlags(fs, flagKeys()...)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse flags %v: %v", args, err)
	}
	return loadConfig(opts, fs, m)
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// flagKeys are the keys that have a flag.
func flagKeys() []string {
	var keys []string
	for _, s := range settings {
		if s.flag != "" {
			keys = append(keys, s.key)
		}
	}
	return keys
}

// valueOf renders one key of c (not redacted).
func valueOf(t *testing.T, c Config, key string) string {
	t.Helper()
	s, ok := settingFor(key)
	if !ok {
		t.Fatalf("no config key %q", key)
	}
	return fmt.Sprint(s.get(&c))
}

func TestConfigPrecedence(t *testing.T) {
	const file = "http:\n  addr: 127.0.0.1:9001\nstorage:\n  dsn: file.db\ndev:\n  demo: false\n"
	tests := []struct {
		name string
		file string
		env  env
		args []string
		key  string
		want string
	}{
		{"default", "", nil, nil, keyHTTPAddr, "127.0.0.1:8080"},
		{"file over default", file, nil, nil, keyHTTPAddr, "127.0.0.1:9001"},
		{"env over default", "", env{"PBNODE_HTTP_ADDR": ":9002"}, nil, keyHTTPAddr, ":9002"},
		{"env over file", file, env{"PBNODE_HTTP_ADDR": ":9002"}, nil, keyHTTPAddr, ":9002"},
		{"flag over default", "", nil, []string{"--http-addr", ":9003"}, keyHTTPAddr, ":9003"},
		{"flag over file", file, nil, []string{"--http-addr", ":9003"}, keyHTTPAddr, ":9003"},
		{"flag over env over file", file, env{"PBNODE_HTTP_ADDR": ":9002"}, []string{"--http-addr=:9003"}, keyHTTPAddr, ":9003"},
		{"an unset flag does not hide env", "", env{"PBNODE_HTTP_ADDR": ":9002"}, []string{"--log-level", "warn"}, keyHTTPAddr, ":9002"},
		{"dsn: env over file", file, env{"PBNODE_STORAGE_DSN": "env.db"}, nil, keyStorageDSN, "env.db"},
		{"dsn: flag over env", file, env{"PBNODE_STORAGE_DSN": "env.db"}, []string{"--storage-dsn", "flag.db"}, keyStorageDSN, "flag.db"},
		{"dsn: derived from data_dir", "", env{"PBNODE_DATA_DIR": "/srv/pb"}, nil, keyStorageDSN, "/srv/pb/pbnode.db"},
		{"dsn: derived from the data_dir flag", "", env{"PBNODE_DATA_DIR": "/srv/pb"}, []string{"--data-dir", "/x"}, keyStorageDSN, "/x/pbnode.db"},
		{"nested key from env", "", env{"PBNODE_CHAIN_DEV_HTTP_ADDR": "127.0.0.1:0"}, nil, keyDevHTTPAddr, "127.0.0.1:0"},
		{"bool: default", "", nil, nil, keyDemo, "true"},
		{"bool: file over default", file, nil, nil, keyDemo, "false"},
		{"bool: env over file", file, env{"PBNODE_DEV_DEMO": "true"}, nil, keyDemo, "true"},
		{"bool: flag over env", "", env{"PBNODE_DEV_DEMO": "true"}, []string{"--demo=false"}, keyDemo, "false"},
		{"duration from file", "chain:\n  receipt_timeout: 2m\n", nil, nil, keyReceiptWait, "2m0s"},
		{"direct poll from env", "", env{"PBNODE_CHAIN_DIRECT_POLL": "500ms"}, nil, "chain.direct_poll", "500ms"},
		{"direct confirmations from file", "chain:\n  direct_confirmations: 12\n", nil, nil, "chain.direct_confirmations", "12"},
		{"YAML integer", "chain:\n  dev:\n    chain_id: 31337\n", nil, nil, keyDevChainID, "31337"},
		{"chain id: flag over file", "chain:\n  dev:\n    chain_id: 31337\n", nil, []string{"--chain-id", "7"}, keyDevChainID, "7"},
		{"log level from env", "", env{"PBNODE_LOG_LEVEL": "debug"}, nil, keyLogLevel, "DEBUG"},
		{"empty section in the file", "storage:\nlog:\n  format: json\n", nil, nil, keyLogFormat, "json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := loadTest(t, ModeDev, tt.file, tt.env, tt.args...)
			if err != nil {
				t.Fatalf("loadConfig: %v", err)
			}
			if got := valueOf(t, c, tt.key); got != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

func TestConfigReadsPbnodeYAMLInTheWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, defaultConfigFile), []byte("http:\n  addr: 127.0.0.1:9009\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	c, err := loadConfig(&rootOptions{}, nil, ModeDev)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP.Addr != "127.0.0.1:9009" {
		t.Errorf("http.addr = %q, want the value of ./pbnode.yaml", c.HTTP.Addr)
	}
}

func TestConfigDefaults(t *testing.T) {
	dev, err := loadTest(t, ModeDev, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Mode: ModeDev, DataDir: ".pbnode", HTTP: HTTPConfig{Addr: "127.0.0.1:8080"}, Log: LogConfig{Format: "text"}}
	want.Storage.Driver, want.Storage.DSN = "sqlite", filepath.Join(".pbnode", "pbnode.db")
	want.Chain.ReceiptTimeout, want.Chain.DirectPoll = time.Minute, 2*time.Second
	want.Chain.Dev.DataDir, want.Chain.Dev.HTTPAddr, want.Chain.Dev.ChainID = filepath.Join(".pbnode", "devchain"), "127.0.0.1:8545", 1337
	want.Chain.Dev.GasLimit = dev.Chain.Dev.GasLimit // devchain's own default
	want.Dev.Demo = true
	want.SMS.Gateway = "log"
	want.Identity = IdentityConfig{Limits: identity.DefaultConfig(), SweepInterval: 5 * time.Minute}
	want.Registry.ReloadInterval = time.Hour
	want.Verification = VerificationConfig{DueWorkingDays: 4, Workers: 1, Interval: 10 * time.Second}
	want.Email = EmailConfig{Mailer: "log", SMTP: SMTPConfig{Port: 587}}
	want.Initiatives = InitiativesConfig{MaxPhotoBytes: 5 << 20, MaxPhotos: 5, SupportDays: 60, SupportThreshold: 1000,
		MeasuresWorkingDays: 30, MinPersonLevel: 1}
	if dev != want {
		t.Errorf("dev defaults:\n got %#v\nwant %#v", dev, want)
	}

	serve, err := loadTest(t, ModeServe, "", withPII(env{
		"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": "0x" + testKey,
		"PBNODE_STORAGE_DSN": "host=127.0.0.1 user=pb dbname=pb",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if serve.Storage.Driver != "postgres" {
		t.Errorf("serve storage.driver = %q, want postgres", serve.Storage.Driver)
	}
	if serve.Email.Mailer != "none" {
		t.Errorf("serve email.mailer = %q, want none", serve.Email.Mailer)
	}
	if serve.Treasury.Address.Hex() != testKeyAddr {
		t.Errorf("serve treasury.address = %s, want the key's address %s", serve.Treasury.Address.Hex(), testKeyAddr)
	}
	if key, err := serve.Chain.PrivateKey(); err != nil || key == nil {
		t.Errorf("PrivateKey() = %v, %v", key, err)
	}
}

func TestConfigValidation(t *testing.T) {
	serveEnv := func(extra env) env {
		e := withPII(env{"PBNODE_CHAIN_RPC_URL": "http://127.0.0.1:8545", "PBNODE_CHAIN_KEY": testKey,
			"PBNODE_STORAGE_DSN": "host=127.0.0.1 user=pb dbname=pb"})
		for k, v := range extra {
			e[k] = v
		}
		return e
	}
	tests := []struct {
		name    string
		mode    Mode
		file    string
		env     env
		wantErr []string // substrings of the error; none means valid
		secret  string   // must not appear in the error
	}{
		{name: "dev needs no chain settings", mode: ModeDev},
		{name: "serve with everything", mode: ModeServe, env: serveEnv(nil)},
		{name: "serve without rpc_url and key reports both", mode: ModeServe,
			env:     env{"PBNODE_STORAGE_DSN": "host=db"},
			wantErr: []string{"config chain.rpc_url: required", "config chain.key: required"}},
		{name: "serve without a DSN", mode: ModeServe, env: serveEnv(env{"PBNODE_STORAGE_DSN": ""}),
			wantErr: []string{"config storage:", "postgres dsn is empty"}},
		{name: "malformed key is not quoted", mode: ModeServe, env: serveEnv(env{"PBNODE_CHAIN_KEY": testKey[:60] + "zz"}),
			wantErr: []string{"config chain.key: not a hex secp256k1 private key"}, secret: testKey[:60]},
		{name: "short key", mode: ModeDev, env: env{"PBNODE_CHAIN_KEY": "0x1234"},
			wantErr: []string{"config chain.key: not a hex"}, secret: "0x1234"},
		{name: "rpc_url scheme", mode: ModeServe, env: serveEnv(env{"PBNODE_CHAIN_RPC_URL": "ftp://node"}),
			wantErr: []string{"config chain.rpc_url: want an http, https, ws or wss URL"}},
		{name: "malformed rpc_url is not quoted", mode: ModeServe, env: serveEnv(env{"PBNODE_CHAIN_RPC_URL": "http://u:rpcSecret7@host:rpcSecret7"}),
			wantErr: []string{"config chain.rpc_url: not a URL"}, secret: "rpcSecret7"},
		{name: "bad postgres DSN hides its password", mode: ModeServe,
			env:     serveEnv(env{"PBNODE_STORAGE_DSN": "host=db password=dbSecret9 port=notaport"}),
			wantErr: []string{"config storage:"}, secret: "dbSecret9"},
		{name: "storage driver", mode: ModeDev, env: env{"PBNODE_STORAGE_DRIVER": "mysql"},
			wantErr: []string{"config storage:", `"mysql"`}},
		{name: "log format", mode: ModeDev, env: env{"PBNODE_LOG_FORMAT": "xml"},
			wantErr: []string{`config log.format: "xml" is not one of text, json`}},
		{name: "log level", mode: ModeDev, env: env{"PBNODE_LOG_LEVEL": "loud"}, wantErr: []string{"config log.level:"}},
		{name: "http addr without port", mode: ModeDev, env: env{"PBNODE_HTTP_ADDR": "localhost"}, wantErr: []string{"config http.addr:"}},
		{name: "http port out of range", mode: ModeDev, env: env{"PBNODE_HTTP_ADDR": ":70000"}, wantErr: []string{"config http.addr:"}},
		{name: "receipt timeout zero", mode: ModeDev, env: env{"PBNODE_CHAIN_RECEIPT_TIMEOUT": "0s"},
			wantErr: []string{"config chain.receipt_timeout: 0s is not positive"}},
		{name: "receipt timeout unparsable", mode: ModeDev, env: env{"PBNODE_CHAIN_RECEIPT_TIMEOUT": "soon"},
			wantErr: []string{"config chain.receipt_timeout:"}},
		{name: "direct poll zero", mode: ModeDev, env: env{"PBNODE_CHAIN_DIRECT_POLL": "0s"},
			wantErr: []string{"config chain.direct_poll: 0s is not positive"}},
		{name: "direct confirmations negative", mode: ModeDev, env: env{"PBNODE_CHAIN_DIRECT_CONFIRMATIONS": "-1"},
			wantErr: []string{"config chain.direct_confirmations:"}},
		{name: "chain id unparsable", mode: ModeDev, env: env{"PBNODE_CHAIN_DEV_CHAIN_ID": "abc"}, wantErr: []string{"config chain.dev.chain_id:"}},
		{name: "chain id zero", mode: ModeDev, env: env{"PBNODE_CHAIN_DEV_CHAIN_ID": "0"}, wantErr: []string{"config chain.dev:", "ChainID"}},
		{name: "dev chain off loopback", mode: ModeDev, env: env{"PBNODE_CHAIN_DEV_HTTP_ADDR": "0.0.0.0:8545"},
			wantErr: []string{"config chain.dev:", "127.0.0.1"}},
		{name: "dev chain checks are dev only", mode: ModeServe, env: serveEnv(env{"PBNODE_CHAIN_DEV_HTTP_ADDR": "0.0.0.0:8545"})},
		{name: "treasury address", mode: ModeDev, env: env{"PBNODE_TREASURY_ADDRESS": "0x123"},
			wantErr: []string{`config treasury.address: "0x123" is not a 0x address`}},
		{name: "demo not a bool", mode: ModeDev, env: env{"PBNODE_DEV_DEMO": "maybe"}, wantErr: []string{"config dev.demo:"}},
		{name: "unknown key in the file", mode: ModeDev, file: "storage:\n  dns: x.db\n",
			wantErr: []string{`unknown key "storage.dns"`}},
		{name: "list where a value belongs", mode: ModeDev, file: "http:\n  addr: [a, b]\n",
			wantErr: []string{"config http.addr: want a single value"}},
		{name: "unquoted digits are not rounded into another key", mode: ModeDev,
			file: "chain:\n  key: " + strings.Repeat("1234", 16) + "\n", wantErr: []string{"config chain.key: YAML read a floating-point number; quote the value"}},
		{name: "invalid YAML", mode: ModeDev, file: "http: [\n", wantErr: []string{"config file"}},
		{name: "the unknown key's value is not quoted", mode: ModeDev, file: "chain:\n  keys: \"" + testKey + "\"\n",
			wantErr: []string{`unknown key "chain.keys"`}, secret: testKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadTest(t, tt.mode, tt.file, tt.env)
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("loadConfig: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("loadConfig succeeded, want an error with %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error quotes the secret: %q", err)
			}
		})
	}
}

// TestConfigDocsListEveryKey keeps docs/CONFIG.md in step with the settings table.
func TestConfigDocsListEveryKey(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "CONFIG.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range settings {
		row := fmt.Sprintf("| `%s` | `%s` |", s.key, envName(s.key))
		if !strings.Contains(string(doc), row) {
			t.Errorf("docs/CONFIG.md has no row starting %s", row)
		}
		if s.flag != "" && !strings.Contains(string(doc), "`--"+s.flag+"`") {
			t.Errorf("docs/CONFIG.md does not name --%s (%s)", s.flag, s.key)
		}
	}
}

func TestConfigMissingFile(t *testing.T) {
	_, err := loadConfig(&rootOptions{configFile: filepath.Join(t.TempDir(), "none.yaml")}, nil, ModeDev)
	if err == nil || !strings.Contains(err.Error(), "read config file") {
		t.Fatalf("err = %v, want a read config file error", err)
	}
}

// TestConfigSecretsNeverRendered: chain.key and DSN or RPC passwords appear in no rendering
// of the config (fmt, JSON, slog text and JSON), in either DSN form.
func TestConfigSecretsNeverRendered(t *testing.T) {
	const dbPassword, rpcPassword = "dbPa55-w0rd", "rpcPa55-w0rd"
	dsns := []string{
		"host=db user=pb password='" + dbPassword + "' dbname=pb sslmode=disable",
		"postgres://pb:" + dbPassword + "@db:5432/pb?sslmode=disable",
		"postgres://pb@db:5432/pb?sslmode=disable&password=" + dbPassword,
	}
	for _, dsn := range dsns {
		t.Run(dsn[:8], func(t *testing.T) {
			c, err := loadTest(t, ModeServe, "", withPII(env{
				"PBNODE_STORAGE_DSN": dsn, "PBNODE_CHAIN_KEY": testKey,
				"PBNODE_CHAIN_RPC_URL": "https://rpc:" + rpcPassword + "@rpc.example/v3",
			}))
			if err != nil {
				t.Fatal(err)
			}
			for name, out := range renderings(t, c) {
				for _, secret := range []string{dbPassword, rpcPassword, testKey} {
					if strings.Contains(out, secret) {
						t.Errorf("%s rendering holds a secret:\n%s", name, out)
					}
				}
				if !strings.Contains(out, redacted) || !strings.Contains(out, "db") {
					t.Errorf("%s rendering lost what is not secret:\n%s", name, out)
				}
			}
			if out := fmt.Sprintf("%v %+v %#v %s", c.Chain, c.Chain, c.Chain, c.Chain.Key); strings.Contains(out, testKey) {
				t.Errorf("the chain part prints the key: %s", out)
			}
		})
	}
}

// renderings prints c every way a developer might.
func renderings(t *testing.T, c Config) map[string]string {
	t.Helper()
	out := map[string]string{
		"String": c.String(), "%v": fmt.Sprintf("%v", c), "%+v": fmt.Sprintf("%+v", c),
		"%#v": fmt.Sprintf("%#v", c),
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	out["JSON"] = string(js)
	for _, format := range []string{"text", "json"} {
		var buf bytes.Buffer
		newLogger(&buf, LogConfig{Format: format}).Info("config", "config", c, "key", c.Chain.Key)
		out["slog "+format] = buf.String()
	}
	return out
}

func TestRedactDSN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{".pbnode/pbnode.db", ".pbnode/pbnode.db"},
		{"file:test.db?cache=shared&_pragma=busy_timeout(5000)", "file:test.db?cache=shared&_pragma=busy_timeout(5000)"},
		{"file:x.db?_auth_pass=s3cret&mode=rwc", "file:x.db?_auth_pass=REDACTED&mode=rwc"},
		{"host=db user=pb password=s3cret dbname=pb sslmode=disable", "host=db user=pb password=REDACTED dbname=pb sslmode=disable"},
		{`host=db password='s3 cr\'et' dbname=pb`, "host=db password=REDACTED dbname=pb"},
		{"  host = db   password =  s3cret  ", "host=db password=REDACTED"},
		{"host=db password= dbname=pb", "host=db password=REDACTED"}, // like libpq: the value is "dbname=pb"
		{"host=db sslpassword=s3cret passfile=/home/pb/.pgpass", "host=db sslpassword=REDACTED passfile=REDACTED"},
		{"host=db password='unterminated", redacted},
		{`host=db password=trailing\`, redacted},
		{"postgres://pb:s3cret@db:5432/pb?sslmode=disable", "postgres://pb:REDACTED@db:5432/pb?sslmode=disable"},
		{"postgresql://pb@db/pb?password=s3cret&sslmode=disable", "postgresql://pb@db/pb?password=REDACTED&sslmode=disable"},
		{"postgres://pb:p%40ss@db/pb", "postgres://pb:REDACTED@db/pb"},
		{"postgres://pb@db/pb?x=1;password=s3cret", "postgres://pb@db/pb?x=1;password=REDACTED"},
		{"postgres://pb:s3cret@db:bad port/pb", redacted},
		{"https://user:apikey@rpc.example/v3/x", "https://user:REDACTED@rpc.example/v3/x"},
		{"http://127.0.0.1:8545", "http://127.0.0.1:8545"},
		{"pb:s3cret@tcp(db)/pb", redacted},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := redactDSN(tt.in); got != tt.want {
				t.Errorf("redactDSN(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzRedactDSN: whatever the input, redactDSN does not panic, is stable, and leaves nothing
// that PostgreSQL's own parser (pgx) would read as a password.
func FuzzRedactDSN(f *testing.F) {
	for _, s := range []string{
		"host=db user=pb password=s3cret dbname=pb", `password='a\'b c'`, "postgres://pb:s3cret@db/pb?password=x",
		"file:x.db?_auth_pass=y", "postgresql://h/db?password=a&password=b", "password=a password=b",
		"host='x' password=\\ y", "postgres://u:p@h1:5432,h2:5433/db", " =x", "password",
		"A00://#@", // once normalized by net/url into something that no longer read as a URL
	} {
		f.Add(s)
	}
	f.Setenv("PGPASSWORD", "")
	f.Setenv("PGPASSFILE", filepath.Join(f.TempDir(), "none"))
	f.Setenv("PGSERVICEFILE", filepath.Join(f.TempDir(), "none"))
	opts := pgconn.ParseConfigOptions{ConnStringAllowedKeys: []string{"host", "port", "user", "password", "dbname", "database", "sslmode"}}
	f.Fuzz(func(t *testing.T, dsn string) {
		out := redactDSN(dsn)
		if again := redactDSN(out); again != out {
			t.Errorf("not stable: %q -> %q -> %q", dsn, out, again)
		}
		if cfg, err := pgconn.ParseConfigWithOptions(out, opts); err == nil && cfg.Password != "" && cfg.Password != redacted {
			t.Errorf("redactDSN(%q) = %q: pgx still reads password %q", dsn, out, cfg.Password)
		}
	})
}

// FuzzRedactDSNPassword: for well-formed DSNs of both forms, the redacted text does not
// depend on the password at all.
func FuzzRedactDSNPassword(f *testing.F) {
	f.Add("pb", "db:5432", "s3cret")
	f.Add("a b", "h", `it's \ odd`)
	f.Add("", "[::1]:5432", "p@ss:w/rd?#")
	f.Fuzz(func(t *testing.T, user, host, password string) {
		forms := map[string]func(pw string) string{
			"key=value": func(pw string) string {
				return fmt.Sprintf("host=%s user=%s password=%s dbname=pb", quoteKV(host), quoteKV(user), quoteKV(pw))
			},
			"URL": func(pw string) string {
				return "postgres://" + url.UserPassword(user, pw).String() + "@" + host + "/pb?sslmode=disable"
			},
		}
		for name, build := range forms {
			if a, b := redactDSN(build(password)), redactDSN(build("other")); a != b {
				t.Errorf("%s: the output depends on the password: %q vs %q", name, a, b)
			}
		}
	})
}

// quoteKV quotes a libpq value.
func quoteKV(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// FuzzConfigFile: any config file body either loads or fails with an error, and chain.key
// appears neither in the error nor in any rendering of the loaded config.
func FuzzConfigFile(f *testing.F) {
	f.Add("http:\n  addr: 127.0.0.1:9000\n")
	f.Add("storage:\n  driver: postgres\n  dsn: host=db password=x\n")
	f.Add("chain:\n  receipt_timeout: 5s\n  dev:\n    chain_id: 5\n")
	f.Add("log: {level: debug, format: json}\n")
	f.Add("chain:\n  key: 0x1\n")
	f.Fuzz(func(t *testing.T, extra string) {
		body := "chain:\n  key: \"" + testKey + "\"\n" + extra
		opts := &rootOptions{configFile: writeFile(t, "pbnode.yaml", body)}
		c, err := loadConfig(opts, nil, ModeDev)
		if err != nil {
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("error quotes chain.key: %v", err)
			}
			return
		}
		for name, out := range renderings(t, c) {
			if strings.Contains(out, testKey) {
				t.Fatalf("%s rendering holds chain.key:\n%s", name, out)
			}
		}
	})
}

func TestLoggerLevelAndFormat(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(&buf, LogConfig{Level: slog.LevelWarn, Format: "json"})
	log.Info("dropped")
	log.Warn("kept", "n", 1)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("want exactly one JSON record, got %q: %v", buf.String(), err)
	}
	if rec["msg"] != "kept" || rec["level"] != "WARN" {
		t.Errorf("record = %v", rec)
	}
	buf.Reset()
	newLogger(&buf, LogConfig{Level: slog.LevelDebug, Format: "text"}).Debug("hello", "k", "v")
	if got := buf.String(); !strings.Contains(got, "level=DEBUG msg=hello k=v") {
		t.Errorf("text record = %q", got)
	}
}

// TestCommandsReadTheConfig runs pbnode as main does: flags reach migrate through loadConfig,
// errors give exit code 1 and one message on stderr.
func TestCommandsReadTheConfig(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string
		wantStderr string
	}{
		{"version", []string{"version"}, 0, "pbnode dev (", ""},
		{"migrate a fresh database", []string{"migrate", "--data-dir", dir}, 0, "applied 0001", ""},
		{"migrate again", []string{"migrate", "--storage-dsn", filepath.Join(dir, "pbnode.db")}, 0, "database is up to date", ""},
		{"invalid config", []string{"migrate", "--log-format", "xml"}, 1, "", "pbnode: config log.format"},
		{"unknown command", []string{"nope"}, 1, "", "pbnode: unknown command"},
		{"audit needs --rpc", []string{"audit"}, 1, "", `required flag(s) "rpc" not set`},
		{"audit needs --round or --registry", []string{"audit", "--rpc", "http://127.0.0.1:1"}, 2, "",
			"--round ADDRESS (or --registry ADDRESS with --api) is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(t.Context(), tt.args, &stdout, &stderr)
			if code != tt.wantCode || !strings.Contains(stdout.String(), tt.wantOut) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("pbnode %v = %d\nstdout: %s\nstderr: %s\nwant %d, stdout with %q, stderr with %q",
					tt.args, code, stdout.String(), stderr.String(), tt.wantCode, tt.wantOut, tt.wantStderr)
			}
		})
	}
}
