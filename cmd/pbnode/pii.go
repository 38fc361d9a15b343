package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/pbnode/pbnode/portal/keys"
	"github.com/pbnode/pbnode/storage"
)

func newPIICmd(opts *rootOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pii",
		Short: "Re-seal stored personal data and wallet keys under the active keys, and count them by key",
		Long: "pii carries out key rotation (docs/CONFIG.md, \"Key rotation\"). `pii reseal` re-seals every\n" +
			"stored ciphertext under the active key of its ring (pii.* or wallet.*; dev: <data_dir>/keys.yaml);\n" +
			"`pii status` counts the ciphertexts each key ID still seals. Both are safe while nodes serve.",
	}
	cmd.AddCommand(newPIIResealCmd(opts), newPIIStatusCmd(opts))
	return cmd
}

func newPIIResealCmd(opts *rootOptions) *cobra.Command {
	var ko keys.Options
	cmd := &cobra.Command{
		Use:   "reseal",
		Short: "Re-seal every ciphertext under the active keys and print the counts per column",
		Long: "reseal opens the database and the PII and wallet key rings from config (dev: <data_dir>/keys.yaml)\n" +
			"and re-seals, in batches, every ciphertext sealed under a key other than the active one. A row\n" +
			"changed meanwhile is left as it was written (counted as changed). Running it again changes\n" +
			"nothing. It exits 1 when a ciphertext does not open (its key is not in the ring).",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			vaults, err := rotationVaults(cfg)
			if err != nil {
				return err
			}
			return withDatabase(cmd.Context(), cfg.Storage, log, func(db *storage.DB) error {
				counts, err := keys.Reseal(cmd.Context(), db, vaults, ko, log.With("part", "keys"))
				if perr := printReseal(opts.stdout, counts, vaults, ko.DryRun); err == nil {
					err = perr
				}
				return err
			})
		},
	}
	cmd.Flags().IntVar(&ko.Batch, "batch", keys.DefaultBatch, "rows read and written at a time")
	cmd.Flags().BoolVar(&ko.DryRun, "dry-run", false, "count and open what needs re-sealing, but write nothing")
	addConfigFlags(cmd.Flags(), keyStorageDriver, keyStorageDSN)
	return cmd
}

func newPIIStatusCmd(opts *rootOptions) *cobra.Command {
	var batch int
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Count, per column, the ciphertexts sealed under each key ID",
		Long: "status reads the key ID in each stored ciphertext's header (no key is needed). A key that no\n" +
			"column lists seals nothing stored any more and may leave its ring.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, log, err := opts.load(cmd, ModeMigrate)
			if err != nil {
				return err
			}
			return withDatabase(cmd.Context(), cfg.Storage, log, func(db *storage.DB) error {
				st, err := keys.Status(cmd.Context(), db, batch)
				if err != nil {
					return err
				}
				return printStatus(opts.stdout, st)
			})
		},
	}
	cmd.Flags().IntVar(&batch, "batch", keys.DefaultBatch, "rows read at a time")
	addConfigFlags(cmd.Flags(), keyStorageDriver, keyStorageDSN)
	return cmd
}

// withDatabase opens and migrates the database and runs fn with it. Migrating first refuses a
// database of a newer pbnode, which may hold ciphertext columns this binary does not know.
func withDatabase(ctx context.Context, cfg storage.Config, log *slog.Logger, fn func(*storage.DB) error) (err error) {
	db, err := storage.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := db.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("close database: %w", cerr)
		}
	}()
	if _, err := db.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate database: %w", err)
	}
	return fn(db)
}

// rotationVaults opens the PII and wallet vaults as the node does: the configured keys, or for
// a ring left unset those of <data_dir>/keys.yaml that dev made. Unlike dev it never makes keys.
func rotationVaults(cfg Config) (keys.Vaults, error) {
	p, w := cfg.PII, cfg.Wallet
	if (p.Keys == "" && p.IndexKey == "") || (w.Keys == "" && w.IndexKey == "") {
		fp, fw, err := readKeysFile(cfg.DataDir)
		if err != nil {
			return keys.Vaults{}, err
		}
		if p.Keys == "" && p.IndexKey == "" {
			p = fp
		}
		if w.Keys == "" && w.IndexKey == "" {
			w = fw
		}
	}
	var v keys.Vaults
	var err error
	if v.PII, err = p.Vault(); err != nil {
		return v, fmt.Errorf("config pii: %w", err)
	}
	if v.Wallet, err = w.Vault(); err != nil {
		return v, fmt.Errorf("config wallet: %w", err)
	}
	return v, nil
}

// readKeysFile reads the PII and wallet keys of <dataDir>/keys.yaml, which must exist.
func readKeysFile(dataDir string) (PIIConfig, WalletConfig, error) {
	path := filepath.Join(dataDir, keysFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return PIIConfig{}, WalletConfig{}, fmt.Errorf("keys are not configured (pii.*, wallet.*) and %s does not exist", path)
	}
	v := viper.New()
	v.SetConfigFile(path)
	v.SetConfigType("yaml")
	if err := v.ReadInConfig(); err != nil {
		return PIIConfig{}, WalletConfig{}, fmt.Errorf("read %s: %w", path, err)
	}
	p := PIIConfig{Keys: Secret(v.GetString(keyPIIKeys)), ActiveKey: v.GetString(keyPIIActive), IndexKey: Secret(v.GetString(keyPIIIndex))}
	w := WalletConfig{Keys: Secret(v.GetString(keyWalletKeys)), ActiveKey: v.GetString(keyWalletActive), IndexKey: Secret(v.GetString(keyWalletIndex))}
	return p, w, nil
}

// printReseal prints one line per column of counts.
func printReseal(out io.Writer, counts []keys.Count, v keys.Vaults, dryRun bool) error {
	if dryRun {
		fmt.Fprintln(out, "dry run: nothing written; \"resealed\" counts what would be")
	}
	fmt.Fprintf(out, "active keys: pii %s, wallet %s\n", v.PII.ActiveKey(), v.Wallet.ActiveKey())
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "column\tread\tcurrent\tresealed\tchanged\tfailed\t")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t\n", c.Column, c.Read, c.Current, c.Resealed, c.Changed, c.Failed)
	}
	return tw.Flush()
}

// printStatus prints the count per column and key ID, then the keys each vault still needs.
func printStatus(out io.Writer, st []keys.KeyCount) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "column\tvault\tkey\tciphertexts")
	inUse := map[string]map[string]int{storage.VaultPII: {}, storage.VaultWallet: {}}
	for _, kc := range st {
		for _, id := range slices.Sorted(maps.Keys(kc.ByKey)) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", kc.Column, kc.Column.Vault, id, kc.ByKey[id])
			inUse[kc.Column.Vault][id] += kc.ByKey[id]
		}
		if kc.Malformed > 0 {
			fmt.Fprintf(tw, "%s\t%s\t(malformed)\t%d\n", kc.Column, kc.Column.Vault, kc.Malformed)
		}
		if len(kc.ByKey) == 0 && kc.Malformed == 0 {
			fmt.Fprintf(tw, "%s\t%s\t-\t0\n", kc.Column, kc.Column.Vault)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, vault := range []string{storage.VaultPII, storage.VaultWallet} {
		var ids []string
		for _, id := range slices.Sorted(maps.Keys(inUse[vault])) {
			ids = append(ids, fmt.Sprintf("%s (%d)", id, inUse[vault][id]))
		}
		if len(ids) == 0 {
			ids = []string{"none"}
		}
		if _, err := fmt.Fprintf(out, "%s keys in use: %s\n", vault, strings.Join(ids, ", ")); err != nil {
			return err
		}
	}
	return nil
}
