package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/wallets"
)

// WalletConfig holds the keys of the wallet vault, which seals custodial wallets' private
// keys. It is separate from the personal-data keys (pii.*).
type WalletConfig struct {
	Keys      Secret // "id:base64,…" AES-256 keys
	ActiveKey string // the key ID that seals
	IndexKey  Secret // base64 of at least 32 bytes (the vault needs one; wallets index nothing)
}

// Config keys of wallets that code refers to by name.
const (
	keyPublicURL    = "http.public_url"
	keyWalletKeys   = "wallet.keys"
	keyWalletActive = "wallet.active_key"
	keyWalletIndex  = "wallet.index_key"
)

// walletSettings are the config keys of wallets. Secrets have no flag.
var walletSettings = []setting{
	text(keyPublicURL, "", "", "the node's public base URL; its host is the domain of Sign-In with Ethereum messages (default http://<http.addr>)",
		func(c *Config) *string { return &c.HTTP.PublicURL }),
	secret(keyWalletKeys, `AES-256 keys that seal custodial wallet keys, "id:base64,…" (serve: required)`,
		func(c *Config) *Secret { return &c.Wallet.Keys }),
	text(keyWalletActive, "", "", "ID of the wallet.keys key that seals (serve: required)",
		func(c *Config) *string { return &c.Wallet.ActiveKey }),
	secret(keyWalletIndex, "base64 key (32+ bytes) the wallet vault requires (serve: required)",
		func(c *Config) *Secret { return &c.Wallet.IndexKey }),
}

// validateWallet checks the wallet keys (required by serve; dev makes its own when unset) and
// the public URL.
func (c Config) validateWallet(check func(string, error)) {
	if c.Mode == ModeServe || c.Wallet.Keys != "" || c.Wallet.IndexKey != "" {
		_, err := c.Wallet.Vault()
		check("wallet", err)
	}
	if c.HTTP.PublicURL != "" {
		cfg := wallets.DefaultConfig()
		cfg.PublicURL, cfg.ChainID = c.HTTP.PublicURL, 1
		check(keyPublicURL, cfg.Validate())
	}
}

// Vault opens the wallet vault of the configured keys. Errors never quote key material.
func (w WalletConfig) Vault() (*pii.Vault, error) {
	if w.Keys == "" || w.IndexKey == "" || w.ActiveKey == "" {
		return nil, errors.New("wallet.keys, wallet.active_key and wallet.index_key are required")
	}
	ring, err := pii.ParseKeyRing(w.Keys.Reveal(), w.ActiveKey)
	if err != nil {
		return nil, err
	}
	index, err := base64.StdEncoding.DecodeString(w.IndexKey.Reveal())
	if err != nil {
		return nil, fmt.Errorf("%s: not valid base64", keyWalletIndex)
	}
	return pii.NewVault(ring, index)
}

// walletOptions are what the node needs for wallets, already validated.
type walletOptions struct {
	Vault     *pii.Vault
	PublicURL string
}

// walletOptionsOf builds the wallet options of cfg. dev without configured wallet keys uses
// <data_dir>/keys.yaml, adding them there at the first start.
func walletOptionsOf(cfg Config) (walletOptions, error) {
	o := walletOptions{PublicURL: publicURL(cfg.HTTP)}
	keys := cfg.Wallet
	if cfg.Mode == ModeDev && keys.Keys == "" && keys.IndexKey == "" {
		var err error
		if keys, err = devWalletKeys(cfg.DataDir); err != nil {
			return o, err
		}
	}
	vault, err := keys.Vault()
	if err != nil {
		return o, fmt.Errorf("config wallet: %w", err)
	}
	o.Vault = vault
	return o, nil
}

// publicURL is http.public_url, or http://<http.addr> (loopback when the host is empty).
func publicURL(h HTTPConfig) string {
	if h.PublicURL != "" {
		return strings.TrimSuffix(h.PublicURL, "/")
	}
	host, port, err := net.SplitHostPort(h.Addr)
	if err != nil {
		return "http://" + h.Addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// devWalletKeys reads the wallet keys of <dataDir>/keys.yaml, adding fresh ones to the file
// first when it has none (a data directory made before wallets existed has only PII keys).
func devWalletKeys(dataDir string) (WalletConfig, error) {
	path := filepath.Join(dataDir, keysFile)
	if _, err := devKeys(dataDir); err != nil { // makes the file when it does not exist
		return WalletConfig{}, err
	}
	read := func() (WalletConfig, error) {
		v := viper.New()
		v.SetConfigFile(path)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			return WalletConfig{}, fmt.Errorf("read %s: %w", path, err)
		}
		return WalletConfig{Keys: Secret(v.GetString(keyWalletKeys)), ActiveKey: v.GetString(keyWalletActive),
			IndexKey: Secret(v.GetString(keyWalletIndex))}, nil
	}
	w, err := read()
	if err != nil || w.Keys != "" {
		return w, err
	}
	if err := appendDevWalletKeys(path); err != nil {
		return WalletConfig{}, err
	}
	return read()
}

func appendDevWalletKeys(path string) error {
	key, index := make([]byte, pii.KeySize), make([]byte, pii.MinIndexKeySize)
	if _, err := randRead(key); err != nil {
		return err
	}
	if _, err := randRead(index); err != nil {
		return err
	}
	data := fmt.Sprintf("# Wallet keys: they seal the custodial wallets' private keys. Keep them secret.\n"+
		"wallet:\n  keys: \"wdev1:%s\"\n  active_key: wdev1\n  index_key: \"%s\"\n",
		base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(index))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("write dev wallet keys: %w", err)
	}
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return fmt.Errorf("write dev wallet keys: %w", err)
	}
	return f.Close()
}
