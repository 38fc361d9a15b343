package citizens

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pbnode/pbnode/portal/notify"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Notice tells a citizen the outcome of a verification. It carries no personal data but the
// user's IDs.
type Notice struct {
	UserRef int64  // users.id
	UserID  string // the twelve-digit unique user ID
	Request Request
}

// Notifier tells a citizen the outcome of a verification, by SMS or e-mail. Notify may be
// called more than once for one notice (at least once delivery). An implementation must not
// log the phone or e-mail in clear.
type Notifier interface {
	Notify(ctx context.Context, n Notice) error
}

// LogNotifier is the development notifier: it logs the notice instead of sending it. It logs
// the request's ID, subject, level, status and reason, and the internal user key, nothing
// personal.
type LogNotifier struct{ Log *slog.Logger }

// Notify logs n at Info level.
func (l LogNotifier) Notify(ctx context.Context, n Notice) error {
	log := l.Log
	if log == nil {
		log = slog.Default()
	}
	log.LogAttrs(ctx, slog.LevelInfo, "verification notice (development notifier, not sent)",
		slog.Int64("user", n.UserRef), slog.Int64("request", n.Request.ID), slog.String("subject", string(n.Request.Subject)),
		slog.Int("level", n.Request.Level), slog.String("status", string(n.Request.Status)), slog.String("reason", n.Request.Reason))
	return nil
}

// SMSSender sends a text to a phone; identity.SMSGateway satisfies it.
type SMSSender interface {
	Send(ctx context.Context, to pii.Phone, text string) error
}

// Mailer sends an e-mail; notify.SMTP and notify.LogMailer satisfy it.
type Mailer interface {
	Send(ctx context.Context, m notify.Message) error
}

// Channels are the ways the node reaches citizens; a nil one is off.
type Channels struct {
	SMS  SMSSender // to the phone the citizen signs in with
	Mail Mailer    // to the e-mail of the citizen's profile
}

// ChannelNotifier tells each citizen on every channel they have: by SMS when they have a phone,
// by e-mail when their profile has an e-mail, both when both. A notice is delivered once one
// channel took it; the job retries it only when every channel the citizen has failed. A
// channel that can never reach the address (an e-mail the mailer refuses as malformed or the
// server refuses for good) counts as absent, and a citizen with no channel is told nothing:
// they see the outcome on their page.
type ChannelNotifier struct {
	svc *Service
	ch  Channels
}

// NewChannelNotifier returns a notifier that opens users' phones with the service's vault,
// reads their profiles' e-mails, and sends through ch.
func (s *Service) NewChannelNotifier(ch Channels) *ChannelNotifier {
	return &ChannelNotifier{svc: s, ch: ch}
}

// NewSMSNotifier returns a notifier that tells citizens by SMS only.
func (s *Service) NewSMSNotifier(sms SMSSender) *ChannelNotifier {
	return s.NewChannelNotifier(Channels{SMS: sms})
}

// errNoChannel: a channel the citizen does not have, or cannot be reached on for good.
var errNoChannel = errors.New("no such channel")

// Notify sends n's outcome on each channel of the user. It fails only when the user has a
// channel and every channel they have failed; the failures are joined.
func (m *ChannelNotifier) Notify(ctx context.Context, n Notice) error {
	sends := []struct {
		name string
		send func(context.Context, Notice) error
	}{{"sms", m.sms}, {"email", m.mail}}
	var errs []error
	delivered := false
	for _, c := range sends {
		err := c.send(ctx, n)
		switch {
		case err == nil:
			delivered = true
		case errors.Is(err, errNoChannel):
		default:
			errs = append(errs, fmt.Errorf("%s: %w", c.name, err))
		}
	}
	if delivered && len(errs) > 0 {
		m.svc.log.Warn("verification notice failed on a channel, delivered on another", "user", n.UserRef,
			"request", n.Request.ID, "err", errors.Join(errs...))
		return nil
	}
	return errors.Join(errs...)
}

// sms sends the notice to the user's phone; errNoChannel without one.
func (m *ChannelNotifier) sms(ctx context.Context, n Notice) error {
	if m.ch.SMS == nil {
		return errNoChannel
	}
	u, err := m.svc.db.User(ctx, n.UserRef)
	if err != nil {
		return fmt.Errorf("load user: %w", err)
	}
	if len(u.PhoneCipher) == 0 {
		return errNoChannel
	}
	raw, err := m.svc.vault.Open(pii.KindPhone, u.PhoneCipher)
	if err != nil {
		return fmt.Errorf("open phone: %w", err)
	}
	phone, err := pii.NormalizePhone(string(raw))
	if err != nil {
		return fmt.Errorf("stored phone: %w", err)
	}
	return m.ch.SMS.Send(ctx, phone, noticeText(n.Request))
}

// mail sends the notice to the e-mail of the user's profile; errNoChannel without one, or when
// the address can never be reached (logged, masked).
func (m *ChannelNotifier) mail(ctx context.Context, n Notice) error {
	if m.ch.Mail == nil {
		return errNoChannel
	}
	p, err := m.svc.db.Profile(ctx, n.UserRef)
	if errors.Is(err, storage.ErrNotFound) || err == nil && p.Email == "" {
		return errNoChannel
	}
	if err != nil {
		return fmt.Errorf("load profile: %w", err)
	}
	err = m.ch.Mail.Send(ctx, notify.Message{To: p.Email, Subject: noticeSubject(n.Request), Text: noticeMail(n.Request)})
	if errors.Is(err, notify.ErrAddress) || errors.Is(err, notify.ErrRejected) {
		m.svc.log.Warn("verification notice cannot reach the profile's e-mail", "user", n.UserRef,
			"request", n.Request.ID, "to", notify.MaskAddress(p.Email), "err", err)
		return errNoChannel
	}
	return err
}

// noticeText is the message of a notice, in Russian.
func noticeText(r Request) string {
	what := map[Subject]string{storage.SubjectPerson: "личности", storage.SubjectFlat: "квартиры"}[r.Subject]
	outcome := "подтверждены"
	if r.Status != storage.VerificationVerified {
		outcome = "не подтверждены (" + r.Reason + ")"
	}
	return fmt.Sprintf("Данные %s, уровень %d: %s. Заявка %d.", what, r.Level, outcome, r.ID)
}

// noticeSubject is the subject of a notice's e-mail.
func noticeSubject(r Request) string {
	return fmt.Sprintf("Результат проверки данных, заявка %d", r.ID)
}

// noticeMail is the text of a notice's e-mail: the SMS text and a closing line.
func noticeMail(r Request) string {
	return noticeText(r) + "\n\nПисьмо отправлено автоматически, отвечать на него не нужно.\n"
}
