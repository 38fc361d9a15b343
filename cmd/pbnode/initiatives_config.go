package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// InitiativesConfig is how citizens' initiatives run: photos, support votes, the due
// date of measures and the categories (a file of the city's own, or the built-in ones,
// initiatives.DefaultCategories).
type InitiativesConfig struct {
	PhotosDir           string // "": <data_dir>/photos
	CategoriesFile      string // "": initiatives.DefaultCategories
	MaxPhotoBytes       int
	MaxPhotos           int
	SupportDays         int
	SupportThreshold    int
	MeasuresWorkingDays int
	MinPersonLevel      int
}

// keyCategoriesFile names the city's categories file.
const keyCategoriesFile = "initiatives.categories_file"

// devPhotosDir is where photos go under data_dir when initiatives.photos_dir is unset.
const devPhotosDir = "photos"

// initiativesSettings are the config keys of initiatives.
var initiativesSettings = []setting{
	text("initiatives.photos_dir", "", "", "directory of initiatives' photos, kept by SHA-256 (default <data_dir>/photos)",
		func(c *Config) *string { return &c.Initiatives.PhotosDir }),
	text(keyCategoriesFile, "", "", "JSON file of the city's categories of initiatives (code, name, subcategories); empty: the built-in ones",
		func(c *Config) *string { return &c.Initiatives.CategoriesFile }),
	integer("initiatives.max_photo_bytes", "5242880", "largest photo accepted, in bytes (1 KiB to 50 MiB)",
		func(c *Config) *int { return &c.Initiatives.MaxPhotoBytes }),
	integer("initiatives.max_photos", "5", "photos of one initiative or one progress post (0 to 20)",
		func(c *Config) *int { return &c.Initiatives.MaxPhotos }),
	integer("initiatives.support_days", "60", "days an initiative published for support collects votes (R-2.3)",
		func(c *Config) *int { return &c.Initiatives.SupportDays }),
	integer("initiatives.support_threshold", "1000", "supporters an initiative needs by its deadline (R-2.3)",
		func(c *Config) *int { return &c.Initiatives.SupportThreshold }),
	integer("initiatives.measures_working_days", "30", "working days after the support deadline by which measures are due (R-2.3)",
		func(c *Config) *int { return &c.Initiatives.MeasuresWorkingDays }),
	integer("initiatives.min_person_level", "1", "person verification level (1 to 3) needed to submit and support",
		func(c *Config) *int { return &c.Initiatives.MinPersonLevel }),
}

// validateInitiatives checks the keys of initiatives (the calendar is checked with the
// citizens' keys).
func (c Config) validateInitiatives(check func(string, error)) {
	r, err := c.initiativesRules()
	if err == nil {
		err = r.Validate()
	}
	check("initiatives", err)
}

// initiativesRules are the initiatives rules of c, on the built-in calendar, with the
// categories of initiatives.categories_file when it is set.
func (c Config) initiativesRules() (initiatives.Config, error) {
	r := initiatives.DefaultConfig()
	if path := strings.TrimSpace(c.Initiatives.CategoriesFile); path != "" {
		data, err := os.ReadFile(path)
		if err == nil {
			r.Categories, err = initiatives.ParseCategories(data)
		}
		if err != nil {
			return r, fmt.Errorf("config %s: %w", keyCategoriesFile, err)
		}
	}
	r.PhotosDir = c.Initiatives.PhotosDir
	if r.PhotosDir == "" {
		r.PhotosDir = filepath.Join(c.DataDir, devPhotosDir)
	}
	r.MaxPhotoBytes, r.MaxPhotos = int64(c.Initiatives.MaxPhotoBytes), c.Initiatives.MaxPhotos
	r.SupportDays, r.SupportThreshold = c.Initiatives.SupportDays, c.Initiatives.SupportThreshold
	r.MeasuresWorkingDays, r.MinPersonLevel = c.Initiatives.MeasuresWorkingDays, c.Initiatives.MinPersonLevel
	return r, nil
}

// openInitiatives starts the initiatives service over the budget and citizens services.
func (n *node) openInitiatives(o initiatives.Config) error {
	var err error
	if n.initiatives, err = initiatives.New(n.db, n.budget, n.citizens, o, n.log.With("part", "initiatives")); err != nil {
		return fmt.Errorf("initiatives: %w", err)
	}
	return nil
}

// settleInterval is how often the node settles the initiatives whose outcome became known.
const settleInterval = time.Minute

// runInitiatives runs the initiatives' background work until ctx ends: first the sweep of
// photo files a crash left without their rows, then the settling of initiatives whose support
// deadline passed or whose round was finalized.
func (n *node) runInitiatives(ctx context.Context) {
	if n.initiatives == nil {
		return
	}
	if _, err := n.initiatives.SweepPhotos(ctx); err != nil && ctx.Err() == nil {
		n.log.Warn("photo sweep failed", "err", err)
	}
	n.initiatives.RunSettler(ctx, settleInterval)
}
