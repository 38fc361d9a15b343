package main

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/pbnode/pbnode/chain/devchain"
	"github.com/pbnode/pbnode/storage"
)

// Mode says which command loads the config: defaults and required keys differ between them.
type Mode int

const (
	// ModeDev is `pbnode dev`: embedded chain, SQLite by default.
	ModeDev Mode = iota
	// ModeServe is `pbnode serve`: an outside chain (chain.rpc_url, chain.key), PostgreSQL by default.
	ModeServe
	// ModeMigrate is `pbnode migrate`: only storage matters; SQLite by default, like dev.
	ModeMigrate
)

// defaultDriver is storage.driver's default in this mode.
func (m Mode) defaultDriver() string {
	if m == ModeServe {
		return storage.DriverPostgres
	}
	return storage.DriverSQLite
}

// Config is the node's whole configuration, assembled from each package's own config. Build it
// with loadConfig; docs/CONFIG.md lists every key.
type Config struct {
	Mode     Mode
	DataDir  string
	HTTP     HTTPConfig
	Log      LogConfig
	Storage  storage.Config
	Chain    ChainConfig
	Treasury TreasuryConfig
	Dev      DevConfig
	PII      PIIConfig
	SMS      SMSConfig
	OIDC     OIDCConfig
	Identity IdentityConfig
	// Registry and Verification: checking citizens against the registries (citizens_config.go).
	Registry     RegistryConfig
	Verification VerificationConfig
	Wallet       WalletConfig // the wallet vault's keys (wallet_config.go)
	Email        EmailConfig  // the mailer of verification notices (email_config.go)
	// Initiatives: citizens' initiatives, their photos and support votes (initiatives_config.go).
	Initiatives InitiativesConfig
}

// HTTPConfig is where the API and pages listen.
type HTTPConfig struct {
	Addr      string
	PublicURL string // http.public_url; "" derives http://<Addr> (wallet_config.go)
	// TrustedProxies is http.trusted_proxies, comma-separated CIDRs (http_config.go); ""
	// trusts nobody.
	TrustedProxies string
}

// LogConfig selects the log level and format (see newLogger).
type LogConfig struct {
	Level  slog.Level
	Format string // "text" or "json"
}

// ChainConfig says how to reach the chain and with which key to sign.
type ChainConfig struct {
	RPCURL         string // serve: JSON-RPC endpoint of an outside node
	Key            Secret // hex secp256k1 private key (0x optional); see PrivateKey
	ReceiptTimeout time.Duration
	Dev            devchain.Config // dev: the embedded chain (DataDir is <data_dir>/devchain)
	// DirectPoll is how often the node looks for citizens' direct calls on its rounds, and
	// DirectConfirmations how many blocks behind the head it stays (budget.IndexerConfig).
	DirectPoll          time.Duration
	DirectConfirmations uint64
}

// TreasuryConfig names the treasury account of new rounds.
type TreasuryConfig struct {
	Address common.Address // zero when unset and there is no chain.key (dev: use the dev key's)
}

// DevConfig holds what only `pbnode dev` reads.
type DevConfig struct {
	Demo bool // create the demo round on first start
}

// Secret is a config value that never prints: fmt, slog and JSON see "REDACTED".
type Secret string

const redacted = "REDACTED"

func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return strconv.Quote(s.String()) }

// LogValue keeps slog from printing the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText keeps encoders (JSON, YAML) from printing the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Reveal returns the secret itself, for the one place that uses it.
func (s Secret) Reveal() string { return string(s) }

// PrivateKey parses chain.key; nil with no error when the key is unset.
func (c ChainConfig) PrivateKey() (*ecdsa.PrivateKey, error) {
	if c.Key == "" {
		return nil, nil
	}
	return parseKey(c.Key.Reveal())
}

// errBadKey never includes the key, nor the parser's message (which may quote a character of it).
var errBadKey = errors.New("not a hex secp256k1 private key (64 hex digits, 0x optional)")

func parseKey(s string) (*ecdsa.PrivateKey, error) {
	key, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(s), "0x"))
	if err != nil {
		return nil, errBadKey
	}
	return key, nil
}

// envPrefix: the key storage.dsn is read from PBNODE_STORAGE_DSN.
const envPrefix = "PBNODE"

// envName is the environment variable that sets key.
func envName(key string) string {
	return envPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// defaultConfigFile is read when --config is not given, if it exists in the working directory.
const defaultConfigFile = "pbnode.yaml"

// loadConfig assembles the config of a command running in mode m, from lowest to highest
// priority: defaults, the YAML file (opts.configFile, else ./pbnode.yaml if present),
// PBNODE_* environment variables, then the flags of fs that addConfigFlags declared and the
// user set. The result is validated.
func loadConfig(opts *rootOptions, fs *pflag.FlagSet, m Mode) (Config, error) {
	v := viper.New()
	if err := readConfigFile(v, opts.configFile); err != nil {
		return Config{}, err
	}
	for _, s := range settings {
		v.SetDefault(s.key, s.def)
	}
	v.SetDefault(keyStorageDriver, m.defaultDriver())
	v.SetDefault(keyEmailMailer, m.defaultMailer())
	v.SetEnvPrefix(envPrefix)
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if err := bindFlags(v, fs); err != nil {
		return Config{}, err
	}
	c, err := fromViper(v, m)
	if err != nil {
		return Config{}, err
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// readConfigFile reads the YAML file at path ("" means ./pbnode.yaml when it exists) and
// rejects keys pbnode does not know, so that a typo does not silently fall back to a default.
func readConfigFile(v *viper.Viper, path string) error {
	if path == "" {
		if _, err := os.Stat(defaultConfigFile); err != nil {
			return nil
		}
		path = defaultConfigFile
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read config file: %w", err)
	}
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(b)); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	for _, k := range v.AllKeys() {
		if !knownKeyOrSection(k) {
			return fmt.Errorf("config file %s: unknown key %q (see docs/CONFIG.md)", path, k)
		}
	}
	return nil
}

// knownKeyOrSection accepts a key of the table, or a section left empty in YAML ("storage:").
func knownKeyOrSection(k string) bool {
	for _, s := range settings {
		if s.key == k || strings.HasPrefix(s.key, k+".") {
			return true
		}
	}
	return false
}

// bindFlags lets each config flag present in fs override its key when the user set it.
func bindFlags(v *viper.Viper, fs *pflag.FlagSet) error {
	if fs == nil {
		return nil
	}
	for _, s := range settings {
		f := fs.Lookup(s.flag)
		if s.flag == "" || f == nil {
			continue
		}
		if err := v.BindPFlag(s.key, f); err != nil {
			return fmt.Errorf("bind flag --%s: %w", s.flag, err)
		}
	}
	return nil
}

// addConfigFlags declares on fs the flags of the given config keys (see settings); loadConfig
// binds them. It panics on a key without a flag: that is a programming error.
func addConfigFlags(fs *pflag.FlagSet, keys ...string) {
	for _, k := range keys {
		s, ok := settingFor(k)
		if !ok || s.flag == "" {
			panic("pbnode: no flag for config key " + k)
		}
		usage := fmt.Sprintf("%s (config %s, env %s)", s.usage, s.key, envName(s.key))
		if s.boolean {
			def, _ := strconv.ParseBool(s.def)
			fs.Bool(s.flag, def, usage)
			continue
		}
		fs.String(s.flag, s.def, usage)
	}
}

// fromViper converts every key's merged value into Config, then fills the derived defaults.
func fromViper(v *viper.Viper, m Mode) (Config, error) {
	c := Config{Mode: m}
	c.Storage = storage.DefaultConfig()
	c.Chain.Dev = devchain.DefaultConfig()
	var errs []error
	for _, s := range settings {
		raw, err := scalar(v.Get(s.key))
		if err == nil {
			err = s.set(&c, raw)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("config %s: %w", s.key, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, err
	}
	c.derive()
	return c, nil
}

// scalar renders one config value as text. YAML lists and maps are refused, and so are
// floating-point numbers: no key is one, and YAML reads a long run of digits (a key, an
// address) as a float that loses digits.
func scalar(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case bool, int, int64, uint64, uint, int32, time.Duration:
		return fmt.Sprint(x), nil
	case float64, float32:
		return "", errors.New("YAML read a floating-point number; quote the value")
	}
	return "", fmt.Errorf("want a single value, got %T", v)
}

// derive fills what defaults to other keys: the SQLite file and the dev chain directory under
// data_dir, and the treasury from the key's address.
func (c *Config) derive() {
	if c.Storage.DSN == "" && c.Storage.Driver == storage.DriverSQLite {
		c.Storage.DSN = filepath.Join(c.DataDir, "pbnode.db")
	}
	c.Chain.Dev.DataDir = filepath.Join(c.DataDir, "devchain")
	if key, err := c.Chain.PrivateKey(); err == nil && key != nil && c.Treasury.Address == (common.Address{}) {
		c.Treasury.Address = crypto.PubkeyToAddress(key.PublicKey)
	}
}

// Validate reports every problem at once, each prefixed by its key. Messages never quote
// chain.key or a DSN.
func (c Config) Validate() error {
	var errs []error
	check := func(key string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("config %s: %w", key, err))
		}
	}
	check("data_dir", required(c.DataDir))
	check("http.addr", validListenAddr(c.HTTP.Addr))
	check("log.format", oneOf(c.Log.Format, "text", "json"))
	check("storage", c.Storage.Validate())
	check("chain.receipt_timeout", positive(c.Chain.ReceiptTimeout))
	check("chain.direct_poll", positive(c.Chain.DirectPoll))
	switch c.Mode {
	case ModeDev:
		check("chain.dev", c.Chain.Dev.Validate())
	case ModeServe:
		check("chain.rpc_url", validRPCURL(c.Chain.RPCURL))
		check("chain.key", required(string(c.Chain.Key)))
	}
	c.validateIdentity(check)
	c.validateCitizens(check)
	c.validateInitiatives(check)
	c.validateWallet(check)
	c.validateEmail(check)
	c.validateHTTP(check)
	return errors.Join(errs...)
}

func required(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("required")
	}
	return nil
}

func oneOf(s string, allowed ...string) error {
	for _, a := range allowed {
		if s == a {
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", s, strings.Join(allowed, ", "))
}

func positive(d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%s is not positive", d)
	}
	return nil
}

func validListenAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("port %q is not a number from 0 to 65535", port)
	}
	return nil
}

// validRPCURL accepts an http(s) or ws(s) URL. Errors never quote the URL (it may hold
// credentials).
func validRPCURL(s string) error {
	if err := required(s); err != nil {
		return err
	}
	u, err := url.Parse(s)
	if err != nil {
		return errors.New("not a URL") // url's messages may quote a part of it
	}
	if oneOf(u.Scheme, "http", "https", "ws", "wss") != nil || u.Host == "" {
		return errors.New("want an http, https, ws or wss URL with a host")
	}
	return nil
}

// Config keys that code refers to by name (the rest appear only in settings).
const (
	keyDataDir       = "data_dir"
	keyHTTPAddr      = "http.addr"
	keyLogLevel      = "log.level"
	keyLogFormat     = "log.format"
	keyStorageDriver = "storage.driver"
	keyStorageDSN    = "storage.dsn"
	keyChainRPCURL   = "chain.rpc_url"
	keyChainKey      = "chain.key"
	keyDevHTTPAddr   = "chain.dev.http_addr"
	keyDevChainID    = "chain.dev.chain_id"
	keyReceiptWait   = "chain.receipt_timeout"
	keyTreasury      = "treasury.address"
	keyDemo          = "dev.demo"
)

// setting is one config key: its flag, default, and how its text lands in Config.
type setting struct {
	key     string // viper key; the env variable is envName(key)
	flag    string // "" when the key has no flag (chain.key: secrets stay off the command line)
	def     string // "" when there is none or it is derived (see Config.derive)
	usage   string
	boolean bool // the flag takes no value
	set     func(c *Config, s string) error
	get     func(c *Config) any // for rendering; applied to Redacted()
}

// settings is every config key, in the order they are documented and rendered.
var settings = slices.Concat(coreSettings, httpSettings, identitySettings, citizensSettings, walletSettings, emailSettings,
	initiativesSettings)

// coreSettings are the keys of the node itself: files, HTTP, logs, storage and chain.
var coreSettings = []setting{
	text(keyDataDir, "data-dir", ".pbnode", "directory for the SQLite database and the dev chain",
		func(c *Config) *string { return &c.DataDir }),
	text(keyHTTPAddr, "http-addr", "127.0.0.1:8080", "address the API and pages listen on",
		func(c *Config) *string { return &c.HTTP.Addr }),
	{key: keyLogLevel, flag: "log-level", def: "info", usage: "log level: debug, info, warn or error",
		set: func(c *Config, s string) error { return c.Log.Level.UnmarshalText([]byte(s)) },
		get: func(c *Config) any { return c.Log.Level.String() }},
	text(keyLogFormat, "log-format", "text", "log format: text or json",
		func(c *Config) *string { return &c.Log.Format }),
	text(keyStorageDriver, "storage-driver", "", "database: sqlite (dev, migrate) or postgres (serve)",
		func(c *Config) *string { return &c.Storage.Driver }),
	text(keyStorageDSN, "storage-dsn", "", "database location: SQLite file (default <data_dir>/pbnode.db) or PostgreSQL DSN",
		func(c *Config) *string { return &c.Storage.DSN }),
	text(keyChainRPCURL, "rpc-url", "", "JSON-RPC URL of the chain node (serve; required)",
		func(c *Config) *string { return &c.Chain.RPCURL }),
	{key: keyChainKey, usage: "hex private key that signs chain transactions (serve; required)",
		set: func(c *Config, s string) error { return setKey(c, s) },
		get: func(c *Config) any { return c.Chain.Key.String() }},
	text(keyDevHTTPAddr, "dev-chain-addr", "127.0.0.1:8545", "JSON-RPC address of the embedded dev chain (dev)",
		func(c *Config) *string { return &c.Chain.Dev.HTTPAddr }),
	{key: keyDevChainID, flag: "chain-id", def: "1337", usage: "chain ID of the embedded dev chain (dev)",
		set: func(c *Config, s string) (err error) {
			c.Chain.Dev.ChainID, err = strconv.ParseUint(s, 10, 64)
			return err
		},
		get: func(c *Config) any { return c.Chain.Dev.ChainID }},
	{key: keyReceiptWait, flag: "receipt-timeout", def: "60s", usage: "how long to wait for a transaction receipt",
		set: func(c *Config, s string) (err error) { c.Chain.ReceiptTimeout, err = time.ParseDuration(s); return err },
		get: func(c *Config) any { return c.Chain.ReceiptTimeout.String() }},
	{key: "chain.direct_poll", def: "2s", usage: "how often the node looks for citizens' direct calls on its rounds",
		set: func(c *Config, s string) (err error) { c.Chain.DirectPoll, err = time.ParseDuration(s); return err },
		get: func(c *Config) any { return c.Chain.DirectPoll.String() }},
	{key: "chain.direct_confirmations", def: "0", usage: "blocks behind the head the indexer of direct calls stays",
		set: func(c *Config, s string) (err error) {
			c.Chain.DirectConfirmations, err = strconv.ParseUint(s, 10, 64)
			return err
		},
		get: func(c *Config) any { return c.Chain.DirectConfirmations }},
	{key: keyTreasury, flag: "treasury", usage: "treasury account of new rounds (default: chain.key's address)",
		set: func(c *Config, s string) error { return setAddress(&c.Treasury.Address, s) },
		get: func(c *Config) any { return addressText(c.Treasury.Address) }},
	{key: keyDemo, flag: "demo", def: "true", boolean: true, usage: "create the demo round on first start (dev)",
		set: func(c *Config, s string) (err error) { c.Dev.Demo, err = strconv.ParseBool(s); return err },
		get: func(c *Config) any { return c.Dev.Demo }},
}

// text is a setting held as a plain string field.
func text(key, flag, def, usage string, field func(*Config) *string) setting {
	return setting{key: key, flag: flag, def: def, usage: usage,
		set: func(c *Config, s string) error { *field(c) = strings.TrimSpace(s); return nil },
		get: func(c *Config) any { return *field(c) }}
}

func settingFor(key string) (setting, bool) {
	for _, s := range settings {
		if s.key == key {
			return s, true
		}
	}
	return setting{}, false
}

// setKey checks chain.key at load time so that a bad key fails early, without quoting it.
func setKey(c *Config, s string) error {
	s = strings.TrimSpace(s)
	if s != "" {
		if _, err := parseKey(s); err != nil {
			return err
		}
	}
	c.Chain.Key = Secret(s)
	return nil
}

func setAddress(a *common.Address, s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if !common.IsHexAddress(s) {
		return fmt.Errorf("%q is not a 0x address", s)
	}
	*a = common.HexToAddress(s)
	return nil
}

func addressText(a common.Address) string {
	if a == (common.Address{}) {
		return ""
	}
	return a.Hex()
}

// Redacted returns a copy safe to log or print: chain.key is masked, and so are passwords in
// storage.dsn and chain.rpc_url.
func (c Config) Redacted() Config {
	c.Chain.Key = Secret(c.Chain.Key.String())
	c.PII.Keys, c.PII.IndexKey = Secret(c.PII.Keys.String()), Secret(c.PII.IndexKey.String())
	c.OIDC.ClientSecret = Secret(c.OIDC.ClientSecret.String())
	c.Wallet.Keys, c.Wallet.IndexKey = Secret(c.Wallet.Keys.String()), Secret(c.Wallet.IndexKey.String())
	c.Email.SMTP.Password = Secret(c.Email.SMTP.Password.String())
	c.Storage.DSN = redactDSN(c.Storage.DSN)
	c.Chain.RPCURL = redactDSN(c.Chain.RPCURL)
	return c
}

// attrs renders every key of the redacted config, in settings order.
func (c Config) attrs() []slog.Attr {
	r := c.Redacted()
	out := make([]slog.Attr, 0, len(settings))
	for _, s := range settings {
		out = append(out, slog.Any(s.key, s.get(&r)))
	}
	return out
}

// LogValue lets `log.Info("config", "config", cfg)` print the redacted config.
func (c Config) LogValue() slog.Value { return slog.GroupValue(c.attrs()...) }

// String renders the redacted config as key=value pairs.
func (c Config) String() string {
	var b strings.Builder
	for i, a := range c.attrs() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(a.Key + "=")
		if a.Value.Kind() == slog.KindString {
			b.WriteString(strconv.Quote(a.Value.String()))
		} else {
			b.WriteString(a.Value.String())
		}
	}
	return b.String()
}

// GoString keeps %#v from printing secrets.
func (c Config) GoString() string { return "Config{" + c.String() + "}" }

// MarshalJSON renders the redacted config as {"key": value, ...}.
func (c Config) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(settings))
	for _, a := range c.attrs() {
		m[a.Key] = a.Value.Any()
	}
	return json.Marshal(m)
}

// redactDSN hides the secrets of a connection string so that it can be logged: the password
// of a URL (postgres://user:pass@host/db, http://user:pass@host) and secret-looking query
// parameters, or the values of secret-looking keys in libpq key=value form
// (password='…'). A SQLite path is kept. Anything it cannot parse with certainty is hidden
// whole, and so is any result in which a parser would still find a secret.
func redactDSN(dsn string) string {
	out := redactForm(dsn)
	if leaksSecret(out) {
		return redacted
	}
	return out
}

func redactForm(dsn string) string {
	path, _, _ := strings.Cut(dsn, "?")
	switch {
	case dsn == "":
		return ""
	case hasURLScheme(dsn):
		return redactURL(dsn)
	case !strings.ContainsAny(path, "=@"):
		return redactPathQuery(dsn)
	}
	pairs, err := parseKeyValues(dsn)
	if err != nil {
		return redacted
	}
	return renderKeyValues(pairs)
}

// secretName says whether a parameter name looks like it holds a secret.
func secretName(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"pass", "pwd", "secret", "token"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// hasURLScheme reports a leading "scheme://" (RFC 3986 scheme characters).
func hasURLScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	if !ok || scheme == "" || !isLetter(scheme[0]) {
		return false
	}
	for i := 1; i < len(scheme); i++ {
		c := scheme[i]
		if !isLetter(c) && !('0' <= c && c <= '9') && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// redactURL masks the password and secret-looking query parameters of a URL in place, cutting
// it where net/url does (fragment, query, authority, last '@', first ':'), and keeps the rest
// as written. A URL that net/url refuses is hidden whole.
func redactURL(s string) string {
	if _, err := url.Parse(s); err != nil {
		return redacted
	}
	rest, frag, hasFrag := strings.Cut(s, "#")
	rest, query, hasQuery := strings.Cut(rest, "?")
	scheme, rest, _ := strings.Cut(rest, "://")
	authority, path := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, path = rest[:i], rest[i:]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		if user, _, hasPassword := strings.Cut(authority[:at], ":"); hasPassword {
			authority = user + ":" + redacted + authority[at:]
		}
	}
	out := scheme + "://" + authority + path
	if hasQuery {
		out += "?" + redactQuery(query)
	}
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// redactPathQuery keeps a SQLite path and hides secret-looking parameters of its query.
func redactPathQuery(s string) string {
	path, query, ok := strings.Cut(s, "?")
	if !ok {
		return s
	}
	return path + "?" + redactQuery(query)
}

// redactQuery masks the values of secret-looking parameters and keeps the rest as written.
// It splits on ';' as well as '&', so that no parser sees a parameter it did not.
func redactQuery(raw string) string {
	var b strings.Builder
	for raw != "" {
		seg, sep := raw, ""
		if i := strings.IndexAny(raw, "&;"); i >= 0 {
			seg, sep = raw[:i], raw[i:i+1]
		}
		raw = raw[len(seg)+len(sep):]
		b.WriteString(redactParam(seg) + sep)
	}
	return b.String()
}

// redactParam masks name=value when the name looks secret or does not unescape.
func redactParam(seg string) string {
	key, _, ok := strings.Cut(seg, "=")
	name, err := url.QueryUnescape(key)
	if ok && (err != nil || secretName(name)) {
		return key + "=" + redacted
	}
	return seg
}

// kvPair is one keyword=value of a libpq connection string, value as written (quotes kept).
type kvPair struct{ key, raw string }

const kvSpace = " \t\n\r\v\f"

// parseKeyValues splits a libpq key=value string the way pgx (pgconn) does: values are bare
// (backslash escapes) or single-quoted.
func parseKeyValues(s string) ([]kvPair, error) {
	var pairs []kvPair
	s = strings.TrimLeft(s, kvSpace)
	for s != "" {
		key, rest, ok := strings.Cut(s, "=")
		key = strings.Trim(key, kvSpace)
		if !ok || key == "" {
			return nil, errors.New("invalid keyword/value")
		}
		rest = strings.TrimLeft(rest, kvSpace)
		n, err := kvValueLen(rest)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, kvPair{key: key, raw: rest[:n]})
		s = strings.TrimLeft(rest[n:], kvSpace)
	}
	return pairs, nil
}

// kvValueLen is the length of the value at the start of s, closing quote included.
func kvValueLen(s string) (int, error) {
	quoted := strings.HasPrefix(s, "'")
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\':
			i++
			if i == len(s) {
				return 0, errors.New("invalid backslash")
			}
		case quoted && i > 0 && s[i] == '\'':
			return i + 1, nil
		case !quoted && strings.IndexByte(kvSpace, s[i]) >= 0:
			return i, nil
		}
	}
	if quoted {
		return 0, errors.New("unterminated quoted string")
	}
	return len(s), nil
}

func renderKeyValues(pairs []kvPair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		if secretName(p.key) {
			p.raw = redacted
		}
		parts[i] = p.key + "=" + p.raw
	}
	return strings.Join(parts, " ")
}

// maskedValue: a key=value reading of a query ("file:x.db?pass=REDACTED&mode=rwc") sees the
// rest of the query in the value; the URL reading of leaksSecret checks that rest.
func maskedValue(raw string) bool {
	rest, ok := strings.CutPrefix(raw, redacted)
	return ok && (rest == "" || rest[0] == '&' || rest[0] == ';')
}

// leaksSecret is the safety net of redactDSN: it reads s as key=value and as a URL and reports
// any secret-looking value that is not masked.
func leaksSecret(s string) bool {
	if pairs, err := parseKeyValues(s); err == nil && !hasURLScheme(s) {
		for _, p := range pairs {
			if secretName(p.key) && !maskedValue(p.raw) {
				return true
			}
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	if pw, ok := u.User.Password(); ok && pw != redacted {
		return true
	}
	for k, vs := range u.Query() {
		if secretName(k) && (len(vs) != 1 || vs[0] != redacted) {
			return true
		}
	}
	return false
}
