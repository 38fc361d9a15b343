package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/workdays"
)

// RegistryConfig says where the registry extracts that verification checks against are
// (docs/REGISTRY.md).
type RegistryConfig struct {
	ExtractsDir    string        // "": dev uses <data_dir>/registry; serve checks nothing
	ReloadInterval time.Duration // 0: never reload
}

// VerificationConfig is how verification requests are worked.
type VerificationConfig struct {
	DueWorkingDays int
	HolidaysFile   string // "": the built-in Russian production calendar
	Workers        int
	Interval       time.Duration
}

// Config keys of citizens that code refers to by name.
const (
	keyRegistryDir    = "registry.extracts_dir"
	keyRegistryReload = "registry.reload_interval"
	keyHolidaysFile   = "verification.holidays_file"
)

// devRegistryDir is where `pbnode dev` keeps its generated demo extracts, under data_dir.
const devRegistryDir = "registry"

// citizensSettings are the config keys of profiles and verification.
var citizensSettings = []setting{
	text(keyRegistryDir, "", "", "directory of the registry extracts (docs/REGISTRY.md); dev: <data_dir>/registry, generated; serve: unset leaves verification unchecked",
		func(c *Config) *string { return &c.Registry.ExtractsDir }),
	duration(keyRegistryReload, "1h", "how often the extracts are read again (a bad set keeps the old one); 0: never",
		func(c *Config) *time.Duration { return &c.Registry.ReloadInterval }),
	integer("verification.due_working_days", "4", "working days within which a citizen is told the outcome (R-4.8)",
		func(c *Config) *int { return &c.Verification.DueWorkingDays }),
	text(keyHolidaysFile, "", "", "production calendar file (YYYY-MM-DD holiday|workday lines); empty: the built-in Russian one",
		func(c *Config) *string { return &c.Verification.HolidaysFile }),
	integer("verification.workers", "1", "verification jobs run at once (1 to 16)",
		func(c *Config) *int { return &c.Verification.Workers }),
	duration("verification.interval", "10s", "pause of an idle verification job before it looks at the queue again",
		func(c *Config) *time.Duration { return &c.Verification.Interval }),
}

// validateCitizens checks the keys of profiles and verification; the holidays file is read
// when the node starts (citizensOptionsOf).
func (c Config) validateCitizens(check func(string, error)) {
	if c.Registry.ReloadInterval < 0 {
		check(keyRegistryReload, errors.New("negative"))
	}
	rules := citizens.DefaultConfig()
	rules.DueWorkingDays = c.Verification.DueWorkingDays
	check("verification.due_working_days", rules.Validate())
	if c.Verification.Workers < 1 || c.Verification.Workers > 16 {
		check("verification.workers", fmt.Errorf("%d is not 1 to 16", c.Verification.Workers))
	}
	check("verification.interval", positive(c.Verification.Interval))
}

// citizensOptions are what the node needs for profiles and verification, already validated.
type citizensOptions struct {
	Rules          citizens.Config
	Job            citizens.JobConfig
	Workers        int
	ExtractsDir    string // "": no verification job
	ReloadInterval time.Duration
	// DevRegistry: generate demo extracts into ExtractsDir when it has none (dev's default).
	DevRegistry bool
	Email       EmailConfig // the mailer of notices, besides SMS (email_config.go)
	// Initiatives are the rules of citizens' initiatives, on the same calendar
	// (initiatives_config.go).
	Initiatives initiatives.Config
}

// citizensOptionsOf builds the citizens options of cfg, reading the holidays file if one is
// set.
func citizensOptionsOf(cfg Config) (citizensOptions, error) {
	o := citizensOptions{Rules: citizens.DefaultConfig(), Job: citizens.DefaultJobConfig(), Workers: cfg.Verification.Workers,
		ExtractsDir: cfg.Registry.ExtractsDir, ReloadInterval: cfg.Registry.ReloadInterval, Email: cfg.Email}
	o.Rules.DueWorkingDays = cfg.Verification.DueWorkingDays
	o.Job.Interval = cfg.Verification.Interval
	if cfg.Mode == ModeDev && o.ExtractsDir == "" {
		o.ExtractsDir, o.DevRegistry = filepath.Join(cfg.DataDir, devRegistryDir), true
	}
	if path := cfg.Verification.HolidaysFile; path != "" {
		cal, err := readCalendar(path)
		if err != nil {
			return o, fmt.Errorf("config %s: %w", keyHolidaysFile, err)
		}
		o.Rules.Calendar = cal
	}
	var err error
	if o.Initiatives, err = cfg.initiativesRules(); err != nil {
		return o, err
	}
	o.Initiatives.Calendar = o.Rules.Calendar
	return o, o.Rules.Validate()
}

func readCalendar(path string) (*workdays.Calendar, error) {
	f, err := os.Open(strings.TrimSpace(path))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return workdays.ParseCalendar(f)
}
