package notify

import (
	"context"
	"fmt"
	"log/slog"
)

// LogMailer is the development mailer: instead of sending, it logs the message's ID, its
// subject and the recipient masked ("a***@example.org"), never the text. It refuses what SMTP
// refuses.
type LogMailer struct{ log *slog.Logger }

// NewLogMailer returns a LogMailer writing to log (slog.Default() when nil).
func NewLogMailer(log *slog.Logger) *LogMailer { return &LogMailer{log: log} }

// Send validates m and logs it at Info level.
func (l *LogMailer) Send(ctx context.Context, m Message) error {
	if err := m.validate(); err != nil {
		return fmt.Errorf("send e-mail: %w", err)
	}
	log := l.log
	if log == nil {
		log = slog.Default()
	}
	log.LogAttrs(ctx, slog.LevelInfo, "e-mail (development mailer, not sent)",
		slog.String("message_id", newMessageID("pbnode.invalid")), slog.String("to", MaskAddress(m.To)),
		slog.String("subject", m.Subject), slog.Int("text_bytes", len(m.Text)))
	return nil
}
