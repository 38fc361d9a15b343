package citizens_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/notify"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// fakeMail records e-mails after checking them as the real mailers do (notify.LogMailer,
// which also logs them masked). fail, when set, refuses every message.
type fakeMail struct {
	check *notify.LogMailer
	mu    sync.Mutex // guards sent and fail
	sent  []notify.Message
	fail  error
}

func (f *fakeMail) Send(ctx context.Context, m notify.Message) error {
	if err := f.check.Send(ctx, m); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.sent = append(f.sent, m)
	return nil
}

func (f *fakeMail) messages() []notify.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]notify.Message(nil), f.sent...)
}

// downSMS is a gateway that is down.
type downSMS struct{}

func (downSMS) Send(context.Context, pii.Phone, string) error {
	return errors.New("sms gateway unavailable")
}

var oidcSeq atomic.Int64

// oidcUser signs a new user in through OIDC: a user without a phone.
func (h *harness) oidcUser(t *testing.T) identity.User {
	t.Helper()
	_, u, _, err := h.ident.LoginOIDC(t.Context(), "https://esia.example", fmt.Sprintf("subject-%d", oidcSeq.Add(1)), identity.Bearer)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// setEmail gives the user a profile with only an e-mail.
func (h *harness) setEmail(t *testing.T, user int64, email string) {
	t.Helper()
	if _, err := h.svc.UpdateProfile(t.Context(), user, citizens.ProfileInput{Email: email}); err != nil {
		t.Fatal(err)
	}
}

// TestChannelNotifier: SMS when the citizen has a phone, e-mail when their profile has one,
// both when both; delivered when one channel took the notice.
func TestChannelNotifier(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storage.DriverSQLite, 5, citizens.DefaultConfig())
	mailLog := slog.New(slog.NewJSONHandler(h.logs, nil))
	const email = "ivan.petrov@example.org"
	var phones []string

	type user struct {
		phone bool
		email string
	}
	tests := []struct {
		name      string
		user      user
		sms       citizens.SMSSender // nil: h.sms
		mailFail  error
		wantSMS   int
		wantMail  int
		wantError bool
	}{
		{name: "phone and e-mail: both", user: user{true, email}, wantSMS: 1, wantMail: 1},
		{name: "phone only: SMS", user: user{true, ""}, wantSMS: 1},
		{name: "OIDC with e-mail: e-mail", user: user{false, email}, wantMail: 1},
		{name: "OIDC without e-mail: nothing, no error", user: user{false, ""}},
		{name: "SMS down, e-mail taken: delivered", user: user{true, email}, sms: downSMS{}, wantMail: 1},
		{name: "e-mail down, SMS taken: delivered", user: user{true, email}, mailFail: errors.New("smtp: connection refused"), wantSMS: 1},
		{name: "both down: retried", user: user{true, email}, sms: downSMS{}, mailFail: errors.New("smtp: connection refused"), wantError: true},
		{name: "only e-mail, down: retried", user: user{false, email}, mailFail: errors.New("smtp: 421 try later"), wantError: true},
		{name: "only e-mail, refused for good: nothing, no error", user: user{false, email}, mailFail: fmt.Errorf("send: %w", notify.ErrRejected)},
		{name: "only e-mail, not ASCII: nothing, no error", user: user{false, "иван@почта.рф"}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var u identity.User
			phone := newPhone()
			phones = append(phones, phone)
			if tt.user.phone {
				u, _ = h.register(t, phone)
			} else {
				u = h.oidcUser(t)
			}
			if tt.user.email != "" {
				h.setEmail(t, u.ID, tt.user.email)
			}
			sms := &fake.SMS{}
			var sender citizens.SMSSender = sms
			if tt.sms != nil {
				sender = tt.sms
			}
			mail := &fakeMail{check: notify.NewLogMailer(mailLog), fail: tt.mailFail}
			n := h.svc.NewChannelNotifier(citizens.Channels{SMS: sender, Mail: mail})
			req := citizens.Request{ID: int64(1000 + i), Subject: storage.SubjectPerson, Level: 1, Status: storage.VerificationVerified}
			err := n.Notify(t.Context(), citizens.Notice{UserRef: u.ID, UserID: u.UserID, Request: req})
			if (err != nil) != tt.wantError {
				t.Fatalf("Notify() = %v, want error %v", err, tt.wantError)
			}
			if sms.Count() != tt.wantSMS || len(mail.messages()) != tt.wantMail {
				t.Fatalf("sent %d SMS and %d e-mails, want %d and %d", sms.Count(), len(mail.messages()), tt.wantSMS, tt.wantMail)
			}
			for _, s := range sms.Sent() {
				if !s.To.Equal(mustPhone(t, phone)) || !strings.Contains(s.Text, "подтверждены") {
					t.Errorf("SMS %v %q", s.To, s.Text)
				}
			}
			for _, m := range mail.messages() {
				id := fmt.Sprint(req.ID)
				if m.To != tt.user.email || !strings.Contains(m.Subject, id) || !strings.Contains(m.Text, "Данные личности, уровень 1: подтверждены. Заявка "+id) {
					t.Errorf("e-mail %+v", m)
				}
			}
		})
	}
	logs := h.logs.String()
	secrets := []string{email, "иван@почта.рф", "ivan.petrov"}
	for _, p := range phones {
		secrets = append(secrets, mustPhone(t, p).Reveal())
	}
	for _, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the log holds %q in clear", s)
		}
	}
	if !strings.Contains(logs, "i***@example.org") {
		t.Error("the development mailer did not log the masked recipient")
	}
}

// A citizen who signed in through OIDC, without a phone, is told by e-mail through the job,
// and the notice is marked told.
func TestJobNotifiesByEmail(t *testing.T) {
	t.Parallel()
	h := newHarness(t, storage.DriverSQLite, 5, citizens.DefaultConfig())
	mail := &fakeMail{check: notify.NewLogMailer(slog.New(slog.DiscardHandler))}
	job, err := h.svc.NewJob(h.reg, h.svc.NewChannelNotifier(citizens.Channels{SMS: h.sms, Mail: mail}), citizens.DefaultJobConfig())
	if err != nil {
		t.Fatal(err)
	}
	u := h.oidcUser(t)
	in := profileOf(h.people[0])
	in.Email = "Olga@Example.org"
	if _, err := h.svc.UpdateProfile(t.Context(), u.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.SubmitPerson(t.Context(), u.ID, citizens.PersonSubmission{Level: 1}); err != nil {
		t.Fatal(err)
	}
	p, err := job.RunOnce(t.Context())
	if err != nil || p.Decided != 1 || p.Notified != 1 {
		t.Fatalf("RunOnce = %+v, %v; want one decided and notified", p, err)
	}
	got := mail.messages()
	if len(got) != 1 || got[0].To != "Olga@example.org" || !strings.Contains(got[0].Text, "уровень 1") {
		t.Fatalf("e-mails %+v", got)
	}
	if r := h.request(t, u.ID); r.NotifiedAt.IsZero() {
		t.Errorf("request %+v is not marked notified", r)
	}
	if p, err := job.RunOnce(t.Context()); err != nil || p.Notified != 0 || len(mail.messages()) != 1 {
		t.Errorf("second pass = %+v, %v, %d e-mails; want nothing more", p, err, len(mail.messages()))
	}
}
