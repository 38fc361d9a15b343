package identity

import (
	"context"
	"log/slog"

	"github.com/pbnode/pbnode/portal/pii"
)

// SMSGateway sends a text message to a phone. An implementation must not log the phone in
// clear (pii.Phone logs as a mask) nor the text, which holds a sign-in code.
type SMSGateway interface {
	Send(ctx context.Context, to pii.Phone, text string) error
}

// LogGateway is the development gateway: instead of sending, it logs the message, code
// included, with the phone masked, so that a developer can sign in. Never use it in
// production: the codes it logs sign anyone in.
type LogGateway struct{ log *slog.Logger }

// NewLogGateway returns a LogGateway writing to log (slog.Default() when nil).
func NewLogGateway(log *slog.Logger) *LogGateway { return &LogGateway{log: log} }

// Send logs the message at Info level.
func (g *LogGateway) Send(ctx context.Context, to pii.Phone, text string) error {
	log := g.log
	if log == nil {
		log = slog.Default()
	}
	log.LogAttrs(ctx, slog.LevelInfo, "sms (development gateway, not sent)",
		slog.Any("to", to), slog.String("text", text))
	return nil
}
