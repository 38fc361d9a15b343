package storage

import (
	"context"
	"fmt"
)

// SetSetting stores value under key, replacing any previous value.
func (r Repo) SetSetting(ctx context.Context, key, value string) error {
	err := r.with(ctx).Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value).Error
	if err != nil {
		return fmt.Errorf("set setting %q: %w", key, translate(err))
	}
	return nil
}

// Setting returns the value stored under key, or ErrNotFound.
func (r Repo) Setting(ctx context.Context, key string) (string, error) {
	var values []string
	if err := r.with(ctx).Raw("SELECT value FROM settings WHERE key = ?", key).Scan(&values).Error; err != nil {
		return "", fmt.Errorf("load setting %q: %w", key, translate(err))
	}
	if len(values) == 0 {
		return "", fmt.Errorf("load setting %q: %w", key, ErrNotFound)
	}
	return values[0], nil
}
