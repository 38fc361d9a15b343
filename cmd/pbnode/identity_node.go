package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/viper"

	"github.com/pbnode/pbnode/portal/httpx"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/oidclogin"
	"github.com/pbnode/pbnode/portal/pii"
)

// identityOptions are what the node needs for sign-in, already validated.
type identityOptions struct {
	Limits        identity.Config
	SweepInterval time.Duration
	Vault         *pii.Vault
	Gateway       string            // sms.gateway
	OIDC          *oidclogin.Config // nil: no OIDC login
	// Proxies are http.trusted_proxies: whose forwarded client address (sign-in rate limits)
	// and protocol (Secure session cookies) the API and pages believe.
	Proxies *httpx.Proxies
}

// identityOptionsOf builds the identity options of cfg. dev without configured PII keys uses
// <data_dir>/keys.yaml, generated at the first start.
func identityOptionsOf(cfg Config) (identityOptions, error) {
	o := identityOptions{Limits: cfg.Identity.Limits, SweepInterval: cfg.Identity.SweepInterval, Gateway: cfg.SMS.Gateway}
	keys := cfg.PII
	if cfg.Mode == ModeDev && keys.Keys == "" && keys.IndexKey == "" {
		var err error
		if keys, err = devKeys(cfg.DataDir); err != nil {
			return o, err
		}
	}
	vault, err := keys.Vault()
	if err != nil {
		return o, fmt.Errorf("config pii: %w", err)
	}
	o.Vault = vault
	if oc, ok := cfg.OIDC.Provider(); ok {
		o.OIDC = &oc
	}
	if o.Proxies, err = cfg.HTTP.Proxies(); err != nil {
		return o, fmt.Errorf("config %s: %w", keyTrustedProxies, err)
	}
	return o, nil
}

// keysFile holds the PII keys `pbnode dev` made, readable by the node's user only.
const keysFile = "keys.yaml"

// devKeys reads <dataDir>/keys.yaml, writing fresh keys there first if it does not exist.
func devKeys(dataDir string) (PIIConfig, error) {
	path := filepath.Join(dataDir, keysFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := writeDevKeys(path); err != nil {
			return PIIConfig{}, err
		}
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return PIIConfig{}, fmt.Errorf("read %s: %w", path, err)
	}
	return PIIConfig{Keys: Secret(v.GetString(keyPIIKeys)), ActiveKey: v.GetString(keyPIIActive),
		IndexKey: Secret(v.GetString(keyPIIIndex))}, nil
}

func writeDevKeys(path string) error {
	key, index := make([]byte, pii.KeySize), make([]byte, pii.MinIndexKeySize)
	rand.Read(key)
	rand.Read(index)
	data := fmt.Sprintf("# PII keys of this development node, made by pbnode dev. Keep them secret.\n"+
		"pii:\n  keys: \"dev1:%s\"\n  active_key: dev1\n  index_key: \"%s\"\n",
		base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(index))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create data dir: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write dev keys: %w", err)
	}
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return fmt.Errorf("write dev keys: %w", err)
	}
	return f.Close()
}

// smsGateway returns the gateway that sms.gateway names.
func smsGateway(name string, log *slog.Logger) (identity.SMSGateway, error) {
	if name == "log" {
		return identity.NewLogGateway(log), nil
	}
	return nil, fmt.Errorf("config %s: unknown gateway %q", keySMSGateway, name)
}

// openIdentity starts the identity service and, when configured, discovers the OIDC provider.
func (n *node) openIdentity(ctx context.Context, o identityOptions) (*oidclogin.Provider, error) {
	log := n.log.With("part", "identity")
	gateway, err := smsGateway(o.Gateway, log)
	if err != nil {
		return nil, err
	}
	if o.Gateway == "log" {
		log.Warn("sms.gateway is log: sign-in codes are logged, not sent; for development only")
	}
	if n.identity, err = identity.New(n.db, o.Vault, gateway, o.Limits, log); err != nil {
		return nil, err
	}
	n.sweepEvery = o.SweepInterval
	if o.OIDC == nil {
		return nil, nil
	}
	return oidclogin.New(ctx, *o.OIDC, log)
}

// sweep deletes expired codes, limits, sessions and Sign-In with Ethereum nonces every
// n.sweepEvery until ctx ends.
func (n *node) sweep(ctx context.Context) {
	t := time.NewTicker(n.sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n.sweepOnce(ctx, "identity", n.identity.Sweep)
		if n.wallets != nil {
			n.sweepOnce(ctx, "wallet nonces", n.wallets.Sweep)
		}
	}
}

// sweepOnce runs one sweep and logs its outcome; a failure waits for the next tick.
func (n *node) sweepOnce(ctx context.Context, what string, sweep func(context.Context) (int64, error)) {
	deleted, err := sweep(ctx)
	if err != nil && ctx.Err() == nil {
		n.log.Warn("sweep failed", "what", what, "err", err)
		return
	}
	if deleted > 0 {
		n.log.Debug("swept", "what", what, "deleted", deleted)
	}
}
