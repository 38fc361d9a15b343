package identity_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

func TestSignInBySMS(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, identity.DefaultConfig())
		raw := newPhone()
		phone, _ := pii.NormalizePhone(raw)
		id, err := h.svc.StartSMS(ctx, raw, testIP)
		if err != nil || !strings.HasPrefix(string(id), "otp_") {
			t.Fatalf("StartSMS = %q, %v", id, err)
		}
		if n := h.sms.Count(); n != 1 || !h.sms.Sent()[0].To.Equal(phone) {
			t.Fatalf("sent %d messages: %v", n, h.sms.Sent())
		}
		code := h.sms.CodeFor(t, raw)
		if len(code) != 6 {
			t.Fatalf("code %q is not 6 digits", code)
		}
		ch, err := db.OTPChallenge(ctx, string(id))
		if err != nil || strings.Contains(ch.CodeHash, code) || !ch.ExpiresAt.Equal(start.Add(5*time.Minute)) {
			t.Errorf("stored challenge = %+v, %v", ch, err)
		}
		sess, u, created, err := h.svc.VerifySMS(ctx, id, code, testIP, identity.Bearer)
		if err != nil || !created || !strings.HasPrefix(sess.Token, "pbs_") || sess.CSRF != "" || sess.Kind != identity.Bearer ||
			!sess.ExpiresAt.Equal(start.Add(30*24*time.Hour)) || !u.HasPhone {
			t.Fatalf("VerifySMS = %v, %+v, %v, %v", sess, u, created, err)
		}
		if uid, err := pii.ParseUserID(u.UserID); err != nil || uid.String() != u.UserID {
			t.Errorf("user ID %q is not twelve digits: %v", u.UserID, err)
		}
		p, err := h.svc.Authenticate(ctx, sess.Token)
		if err != nil || p.ID != u.ID || p.UserID != u.UserID || len(p.Roles) != 0 {
			t.Errorf("Authenticate = %+v, %v", p, err)
		}

		// The phone is stored sealed and indexed, never in clear.
		rec, err := db.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		digits := phone.Reveal()[1:]
		if strings.Contains(rec.PhoneIndex, digits) || strings.Contains(string(rec.PhoneCipher), digits) {
			t.Errorf("phone stored in clear: %+v", rec)
		}
		if opened, err := h.vault.Open(pii.KindPhone, rec.PhoneCipher); err != nil || string(opened) != phone.Reveal() {
			t.Errorf("stored phone opens to %q, %v", opened, err)
		}

		// Signing in again finds the same user.
		h.clock.Advance(time.Minute)
		_, again := h.signIn(t, "+7 916 "+phone.Reveal()[5:], identity.Bearer)
		if again.ID != u.ID || again.UserID != u.UserID {
			t.Errorf("second sign-in user = %+v, want %+v", again, u)
		}
		if c := h.counts(t); c.Users != 1 || c.Sessions != 2 || c.OTPChallenges != 2 {
			t.Errorf("rows = %+v", c)
		}
		if logs := h.logs.String(); strings.Contains(logs, digits) || strings.Contains(logs, code) || strings.Contains(logs, sess.Token[4:]) {
			t.Errorf("logs hold the phone, the code or the token:\n%s", logs)
		}
	})
}

func TestVerifySMSRefusals(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		start := func() (identity.ChallengeID, string) {
			raw := newPhone()
			id, err := h.svc.StartSMS(ctx, raw, testIP)
			if err != nil {
				t.Fatal(err)
			}
			return id, h.sms.CodeFor(t, raw)
		}
		verify := func(id identity.ChallengeID, code string) error {
			_, _, _, err := h.svc.VerifySMS(ctx, id, code, testIP, identity.Bearer)
			return err
		}
		t.Run("expired", func(t *testing.T) {
			id, code := start()
			h.clock.Advance(5 * time.Minute)
			if err := verify(id, code); !errors.Is(err, identity.ErrCodeExpired) {
				t.Errorf("err = %v, want ErrCodeExpired", err)
			}
		})
		t.Run("reused", func(t *testing.T) {
			id, code := start()
			if err := verify(id, code); err != nil {
				t.Fatal(err)
			}
			if err := verify(id, code); !errors.Is(err, identity.ErrCodeUsed) {
				t.Errorf("err = %v, want ErrCodeUsed", err)
			}
		})
		t.Run("too many attempts", func(t *testing.T) {
			id, code := start()
			bad := wrongCode(code)
			for i := range 5 {
				if err := verify(id, bad); !errors.Is(err, identity.ErrCodeWrong) {
					t.Errorf("attempt %d: err = %v, want ErrCodeWrong", i+1, err)
				}
			}
			if err := verify(id, code); !errors.Is(err, identity.ErrTooManyAttempts) {
				t.Errorf("right code after 5 wrong: err = %v, want ErrTooManyAttempts", err)
			}
		})
		t.Run("malformed input writes nothing", func(t *testing.T) {
			id, code := start()
			before := h.counts(t)
			tests := []struct {
				name string
				id   identity.ChallengeID
				code string
				ip   string
				kind identity.SessionKind
				want error
			}{
				{"letters in code", id, "12a456", testIP, identity.Bearer, identity.ErrInvalidCode},
				{"short code", id, code[:5], testIP, identity.Bearer, identity.ErrInvalidCode},
				{"code with space", id, " " + code, testIP, identity.Bearer, identity.ErrInvalidCode},
				{"malformed challenge", "otp_short", code, testIP, identity.Bearer, identity.ErrInvalidCode},
				{"no IP", id, code, "", identity.Bearer, identity.ErrInvalidIP},
				{"host name as IP", id, code, "example.org", identity.Bearer, identity.ErrInvalidIP},
				{"unknown kind", id, code, testIP, "ticket", identity.ErrInvalidKind},
			}
			for _, tt := range tests {
				if _, _, _, err := h.svc.VerifySMS(ctx, tt.id, tt.code, tt.ip, tt.kind); !errors.Is(err, tt.want) {
					t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
				}
			}
			if after := h.counts(t); after != before {
				t.Errorf("rows changed: %+v → %+v", before, after)
			}
			if ch, err := db.OTPChallenge(ctx, string(id)); err != nil || ch.Attempts != 0 {
				t.Errorf("attempts after malformed input = %+v, %v", ch, err)
			}
			if err := verify(id, code); err != nil {
				t.Errorf("the right code after malformed ones: %v", err)
			}
		})
		t.Run("unknown challenge", func(t *testing.T) {
			id, code := start()
			other := identity.ChallengeID("otp_" + strings.Repeat("A", len(id)-4))
			if err := verify(other, code); !errors.Is(err, identity.ErrCodeExpired) {
				t.Errorf("err = %v, want ErrCodeExpired", err)
			}
		})
	})
}

// wrongCode returns a code of the same length that differs from code.
func wrongCode(code string) string {
	d := code[0] - '0'
	return string('0'+(d+1)%10) + code[1:]
}

func TestLockout(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		cfg := roomy()
		cfg.LockoutFailures, cfg.MaxAttempts = 3, 2
		h := newHarness(t, db, cfg)
		raw := newPhone()
		startCode := func() (identity.ChallengeID, string, error) {
			id, err := h.svc.StartSMS(ctx, raw, testIP)
			if err != nil {
				return "", "", err
			}
			return id, h.sms.CodeFor(t, raw), nil
		}
		verify := func(id identity.ChallengeID, code string) error {
			_, _, _, err := h.svc.VerifySMS(ctx, id, code, testIP, identity.Cookie)
			return err
		}
		// Two wrong codes, a right one (which clears the count), then three wrong ones across two
		// challenges lock the phone out.
		id, code, _ := startCode()
		for range 2 {
			if err := verify(id, wrongCode(code)); !errors.Is(err, identity.ErrCodeWrong) || errors.Is(err, identity.ErrLockedOut) {
				t.Fatalf("wrong code: err = %v", err)
			}
		}
		id, code, _ = startCode()
		if err := verify(id, code); err != nil {
			t.Fatalf("right code: %v", err)
		}
		id, code, _ = startCode()
		for range 2 {
			if err := verify(id, wrongCode(code)); !errors.Is(err, identity.ErrCodeWrong) || errors.Is(err, identity.ErrLockedOut) {
				t.Fatalf("wrong code: err = %v", err)
			}
		}
		id, code, _ = startCode()
		err := verify(id, wrongCode(code))
		lim, ok := errors.AsType[*identity.LimitError](err)
		if !errors.Is(err, identity.ErrCodeWrong) || !errors.Is(err, identity.ErrLockedOut) || !ok || lim.RetryAfter != 30*time.Minute {
			t.Fatalf("third wrong code: err = %v, want ErrCodeWrong and ErrLockedOut for 30m", err)
		}
		if err := verify(id, code); !errors.Is(err, identity.ErrLockedOut) {
			t.Errorf("right code while locked out: err = %v, want ErrLockedOut", err)
		}
		h.clock.Advance(10 * time.Minute)
		_, _, err = startCode()
		if lim, ok := errors.AsType[*identity.LimitError](err); !ok || !errors.Is(err, identity.ErrLockedOut) || lim.RetryAfter != 20*time.Minute || lim.Scope != "phone" {
			t.Errorf("StartSMS while locked out: err = %v, want ErrLockedOut for 20m more", err)
		}
		if _, other := h.signIn(t, newPhone(), identity.Bearer); other.ID == 0 {
			t.Error("another phone is not locked out")
		}
		h.clock.Advance(20 * time.Minute)
		if err := verify(id, code); !errors.Is(err, identity.ErrCodeExpired) {
			t.Errorf("the old code after the lock-out: err = %v, want ErrCodeExpired", err)
		}
		if id, code, err = startCode(); err != nil {
			t.Fatalf("StartSMS after the lock-out: %v", err)
		}
		if err := verify(id, code); err != nil {
			t.Errorf("a new code after the lock-out: %v", err)
		}
	})
}

func TestRateLimits(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		t.Run("per phone", func(t *testing.T) {
			cfg := roomy()
			cfg.SendsPerPhone = 5
			h := newHarness(t, db, cfg)
			raw := newPhone()
			for i := range 5 {
				if _, err := h.svc.StartSMS(ctx, raw, testIP); err != nil {
					t.Fatalf("code %d: %v", i+1, err)
				}
			}
			_, err := h.svc.StartSMS(ctx, raw, "198.51.100.1")
			lim, ok := errors.AsType[*identity.LimitError](err)
			if !errors.Is(err, identity.ErrRateLimited) || !ok || lim.Scope != "phone" || lim.RetryAfter != 45*time.Minute {
				t.Fatalf("sixth code: err = %v, want ErrRateLimited for the phone, 45m", err)
			}
			if h.sms.Count() != 5 {
				t.Errorf("sent %d messages, want 5", h.sms.Count())
			}
			if _, err := h.svc.StartSMS(ctx, newPhone(), testIP); err != nil {
				t.Errorf("another phone: %v", err)
			}
			h.clock.Advance(45 * time.Minute)
			if _, err := h.svc.StartSMS(ctx, raw, testIP); err != nil {
				t.Errorf("next window: %v", err)
			}
		})
		t.Run("per IP", func(t *testing.T) {
			cfg := roomy()
			cfg.RequestsPerIP = 3
			h := newHarness(t, db, cfg)
			// Verifications count too, and an IPv6 /64 is one client.
			id, err := h.svc.StartSMS(ctx, newPhone(), "2001:db8:1:2::10")
			if err != nil {
				t.Fatal(err)
			}
			if _, _, _, err := h.svc.VerifySMS(ctx, id, "000000", "2001:db8:1:2::11", identity.Bearer); err != nil && !errors.Is(err, identity.ErrCodeWrong) {
				t.Fatal(err)
			}
			if _, err := h.svc.StartSMS(ctx, newPhone(), "2001:db8:1:2:aaaa::1"); err != nil {
				t.Fatal(err)
			}
			_, err = h.svc.StartSMS(ctx, newPhone(), "2001:db8:1:2::12")
			if lim, ok := errors.AsType[*identity.LimitError](err); !errors.Is(err, identity.ErrRateLimited) || !ok || lim.Scope != "ip" {
				t.Fatalf("fourth request from the /64: err = %v, want ErrRateLimited for the IP", err)
			}
			if _, _, _, err := h.svc.VerifySMS(ctx, id, "000000", "2001:db8:1:2::11", identity.Bearer); !errors.Is(err, identity.ErrRateLimited) {
				t.Errorf("verification from the /64: err = %v, want ErrRateLimited", err)
			}
			for _, ip := range []string{"2001:db8:1:3::10", "203.0.113.9", "::ffff:203.0.113.10"} {
				if _, err := h.svc.StartSMS(ctx, newPhone(), ip); err != nil {
					t.Errorf("from %s: %v", ip, err)
				}
			}
		})
	})
}

func TestRefusedPhoneWritesNothing(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		h := newHarness(t, db, identity.DefaultConfig())
		tests := []struct {
			phone, ip string
			want      error
		}{
			{"+1 202 555 0100", testIP, pii.ErrForeignPhone},
			{"+7 701 123 45 67", testIP, pii.ErrForeignPhone}, // Kazakhstan
			{"+44 20 7946 0958", testIP, pii.ErrForeignPhone},
			{"+7 495 123 45 67", testIP, pii.ErrPhoneNotMobile},
			{"call me", testIP, pii.ErrPhoneFormat},
			{"", testIP, pii.ErrPhoneFormat},
			{newPhone(), "not an ip", identity.ErrInvalidIP},
			{newPhone(), "", identity.ErrInvalidIP},
		}
		for _, tt := range tests {
			id, err := h.svc.StartSMS(t.Context(), tt.phone, tt.ip)
			if !errors.Is(err, tt.want) || id != "" {
				t.Errorf("StartSMS(%q, %q) = %q, %v; want %v", tt.phone, tt.ip, id, err, tt.want)
			}
			if tt.want != identity.ErrInvalidIP && !errors.Is(err, identity.ErrInvalidPhone) {
				t.Errorf("StartSMS(%q): err = %v does not match ErrInvalidPhone", tt.phone, err)
			}
		}
		if c := h.counts(t); c != (storage.IdentityCounts{}) {
			t.Errorf("rows written: %+v", c)
		}
		if n := h.sms.Count(); n != 0 {
			t.Errorf("%d messages sent", n)
		}
	})
}

// Of concurrent verifications of one code exactly one signs in; concurrent first sign-ins of
// one phone through two codes create one user.
func TestConcurrentVerify(t *testing.T) {
	t.Parallel()
	storagetest.ForEach(t, func(t *testing.T, db *storage.DB) {
		ctx := t.Context()
		h := newHarness(t, db, roomy())
		raw := newPhone()
		id, err := h.svc.StartSMS(ctx, raw, testIP)
		if err != nil {
			t.Fatal(err)
		}
		code := h.sms.CodeFor(t, raw)
		const workers = 6
		errs := make(chan error, workers)
		for range workers {
			go func() {
				_, _, _, err := h.svc.VerifySMS(ctx, id, code, testIP, identity.Bearer)
				errs <- err
			}()
		}
		wins := 0
		for range workers {
			switch err := <-errs; {
			case err == nil:
				wins++
			case !errors.Is(err, identity.ErrCodeUsed):
				t.Errorf("losing verification: err = %v, want ErrCodeUsed", err)
			}
		}
		if wins != 1 {
			t.Errorf("%d verifications won, want 1", wins)
		}
		if c := h.counts(t); c.Users != 1 || c.Sessions != 1 {
			t.Errorf("rows = %+v, want 1 user and 1 session", c)
		}

		raw = newPhone()
		type result struct {
			u       identity.User
			created bool
			err     error
		}
		var codes [2]struct {
			id   identity.ChallengeID
			code string
		}
		for i := range codes {
			if codes[i].id, err = h.svc.StartSMS(ctx, raw, testIP); err != nil {
				t.Fatal(err)
			}
			codes[i].code = h.sms.CodeFor(t, raw)
		}
		results := make(chan result, len(codes))
		for _, c := range codes {
			go func() {
				_, u, created, err := h.svc.VerifySMS(ctx, c.id, c.code, testIP, identity.Cookie)
				results <- result{u, created, err}
			}()
		}
		a, b := <-results, <-results
		if a.err != nil || b.err != nil || a.u.ID != b.u.ID || a.created == b.created {
			t.Errorf("two first sign-ins = %+v and %+v; want one user, created once", a, b)
		}
	})
}
