package storage

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm/logger"
)

// slowQuery is the duration above which a statement is logged as slow.
const slowQuery = 500 * time.Millisecond

// gormLogger routes gorm's log to slog at warn level and above. It never logs SQL values
// (they may hold personal data), only statement templates, and does not log failed
// statements: their errors are returned to the caller, who logs them once where handled.
type gormLogger struct {
	log  *slog.Logger
	slow time.Duration
}

func newGormLogger(log *slog.Logger, slow time.Duration) gormLogger {
	return gormLogger{log: log, slow: slow}
}

// LogMode is ignored: the level is the slog handler's business.
func (l gormLogger) LogMode(logger.LogLevel) logger.Interface { return l }

// Info drops gorm's informational messages.
func (l gormLogger) Info(context.Context, string, ...any) {}

// Warn logs gorm's message format only; its arguments may hold values.
func (l gormLogger) Warn(ctx context.Context, msg string, _ ...any) {
	l.log.WarnContext(ctx, "storage: gorm warning", "format", msg)
}

// Error logs gorm's message format only; its arguments may hold values.
func (l gormLogger) Error(ctx context.Context, msg string, _ ...any) {
	l.log.ErrorContext(ctx, "storage: gorm error", "format", msg)
}

// Trace logs statements slower than the threshold.
func (l gormLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	elapsed := time.Since(begin)
	if elapsed < l.slow {
		return
	}
	sql, rows := fc()
	l.log.WarnContext(ctx, "storage: slow query", "elapsed", elapsed, "rows", rows, "sql", sql)
}

// ParamsFilter drops the values, so the SQL gorm hands to Trace keeps its placeholders.
func (l gormLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}
