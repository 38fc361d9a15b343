package citizens_test

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/internal/fake"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// fullFlow registers person i with the phone rawPhone and takes them through every level of
// person and flat verification, with a child, an e-mail and a minor. It returns the user, the
// session token and the personal values used.
func fullFlow(t *testing.T, h *harness, i int, rawPhone string) (identity.User, identity.Session, []string) {
	t.Helper()
	email, minor := fmt.Sprintf("citizen.%d@example.org", i), "Малолетний Сын "+string(rune('А'+i%32))+"ов"
	ctx := t.Context()
	c := h.people[i]
	u, sess := h.register(t, rawPhone)
	in := profileOf(c)
	in.Sex, in.Email, in.Children = "f", email, []int{2015}
	if _, err := h.svc.UpdateProfile(ctx, u.ID, in); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.SetAddress(ctx, u.ID, storage.AddressRegistration, c.Person.Address, "msk/cao"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.svc.AddMinor(ctx, u.ID, minor, "2015-06-01", "parent"); err != nil {
		t.Fatal(err)
	}
	series, number := passportFields(c.Passport)
	steps := []func() (citizens.Request, error){
		func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1})
		},
		func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 2, PassportSeries: series, PassportNumber: number})
		},
		func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 3, SNILS: c.SNILS.Reveal()})
		},
		func() (citizens.Request, error) {
			return h.svc.SubmitFlat(ctx, u.ID, citizens.FlatSubmission{Level: 1, FLS: c.FLS.Reveal(), Building: c.Flat.Building, FlatNumber: c.Flat.Number})
		},
		func() (citizens.Request, error) {
			return h.svc.SubmitFlat(ctx, u.ID, citizens.FlatSubmission{Level: 2, FLS: c.FLS.Reveal(), PropertyCert: c.Cert.Reveal(), SocialTenant: c.Role == registry.SocialTenant})
		},
	}
	for n, step := range steps {
		if r := decided(t, h, u.ID, step); r.Status != storage.VerificationVerified {
			t.Fatalf("step %d: %+v", n, r)
		}
	}
	phone, err := pii.NormalizePhone(rawPhone)
	if err != nil {
		t.Fatal(err)
	}
	// Documents first: they are never stored in clear.
	secrets := []string{phone.Reveal(), strings.TrimPrefix(phone.Reveal(), "+7"), c.Passport.Reveal(),
		c.SNILS.Reveal(), c.FLS.Reveal()}
	if !c.Cert.IsZero() {
		secrets = append(secrets, c.Cert.Reveal())
	}
	return u, sess, append(secrets, c.Person.FullName, c.Person.Address, email, c.Person.BirthDate.Format(time.DateOnly), minor)
}

func TestErasePersonalData(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		u, sess, secrets := fullFlow(t, h, 0, newPhone())
		other, _, _ := fullFlow(t, h, otherHousehold(h, 0), newPhone())
		dump := storagetest.DumpText(t, h.cfg)
		for _, s := range secrets[:len(secrets)-5] {
			if strings.Contains(dump, s) {
				t.Errorf("a document or phone (%d bytes) is stored in clear", len(s))
			}
		}
		if !strings.Contains(dump, secrets[len(secrets)-3]) {
			t.Fatal("the dump misses the e-mail: the scan reads nothing")
		}
		if err := h.svc.ErasePersonalData(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		dump = storagetest.DumpText(t, h.cfg)
		for _, s := range secrets {
			if strings.Contains(dump, s) {
				t.Errorf("the database still holds a personal value (%d bytes) after erasure", len(s))
			}
		}
		if !strings.Contains(dump, u.UserID) {
			t.Errorf("the unique user ID is gone")
		}
		if _, err := h.ident.Authenticate(ctx, sess.Token); !errors.Is(err, identity.ErrUnauthenticated) {
			t.Errorf("Authenticate after erasure: err = %v", err)
		}
		if v, err := h.svc.Verification(ctx, other.ID); err != nil || v.PersonLevel != 3 {
			t.Errorf("the other citizen's verification = %+v, %v", v, err)
		}
		reqs, err := h.svc.Requests(ctx, u.ID)
		if err != nil || len(reqs) != 5 || reqs[0].Status != storage.VerificationVerified {
			t.Errorf("requests kept after erasure = %+v, %v", reqs, err)
		}
		if ok, err := h.svc.Eligible(ctx, u.ID, citizens.RoundRules{}); err != nil || ok {
			t.Errorf("Eligible after erasure = %v, %v", ok, err)
		}
		if err := h.svc.ErasePersonalData(ctx, u.ID); err != nil {
			t.Errorf("erase twice: %v", err)
		}
	})
}

func mustPhone(t *testing.T, s string) pii.Phone {
	t.Helper()
	p, err := pii.NormalizePhone(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// otherHousehold returns a person with another name, birth date and address than person i.
func otherHousehold(h *harness, i int) int {
	for j, c := range h.people {
		p := h.people[i].Person
		if c.Person.Address != p.Address && c.Person.FullName != p.FullName && !c.Person.BirthDate.Equal(p.BirthDate) {
			return j
		}
	}
	panic("no other household in the extract")
}

// No phone, passport, SNILS, FLS or certificate reaches the log of a full registration and
// verification.
func TestLogsHoldNoPersonalData(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		u, _, secrets := fullFlow(t, h, 0, newPhone())
		// The development notifier logs, and the SMS notifier sends, the same notices.
		dev := citizens.LogNotifier{Log: slog.New(slog.NewJSONHandler(h.logs, nil))}
		sender := &fake.SMS{}
		smsNotifier := h.svc.NewSMSNotifier(sender)
		for _, notices := range h.notifier.byRequest() {
			for _, n := range notices {
				if err := dev.Notify(t.Context(), n); err != nil {
					t.Fatal(err)
				}
				if err := smsNotifier.Notify(t.Context(), n); err != nil {
					t.Fatal(err)
				}
			}
		}
		sent := sender.Sent()
		if len(sent) != 5 || !sent[0].To.Equal(mustPhone(t, secrets[0])) {
			t.Fatalf("SMS notices: %d sent", len(sent))
		}
		for _, m := range sent {
			for _, s := range secrets[1:] {
				if strings.Contains(m.Text, s) {
					t.Errorf("an SMS notice holds a personal value (%d bytes)", len(s))
				}
			}
		}
		if n := h.notifier.byRequest(); len(n) != 5 || n[h.request(t, u.ID).ID][0].UserID != u.UserID {
			t.Fatalf("notices = %+v", n)
		}
		logs := h.logs.String()
		if !strings.Contains(logs, "verification decided") {
			t.Fatal("nothing was logged")
		}
		for _, s := range secrets {
			if strings.Contains(logs, s) {
				t.Errorf("the log holds a personal value (%d bytes)", len(s))
			}
		}
	})
}

func TestDeactivate(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		u, sess := h.register(t, newPhone())
		if err := h.svc.Deactivate(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := h.ident.Authenticate(ctx, sess.Token); !errors.Is(err, identity.ErrUnauthenticated) {
			t.Errorf("Authenticate after deactivation: err = %v", err)
		}
		if _, err := h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1}); !errors.Is(err, citizens.ErrDeactivated) {
			t.Errorf("submit after deactivation: err = %v", err)
		}
		if err := h.svc.Deactivate(ctx, u.ID+1000); !errors.Is(err, citizens.ErrUnknownUser) {
			t.Errorf("Deactivate of an unknown user: err = %v", err)
		}
	})
}

func TestEligibility(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		verified := h.citizen(t, 0) // registered in msk/cao, L1
		decided(t, h, verified.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, verified.ID, citizens.PersonSubmission{Level: 1})
		})
		unverified := h.citizen(t, 1)
		elsewhere, _ := h.register(t, newPhone())
		if _, err := h.svc.SetAddress(ctx, elsewhere.ID, storage.AddressRegistration, "г. Москва, ул. Профсоюзная, д. 1", "msk/uzao"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			user  int64
			rules citizens.RoundRules
			want  bool
		}{
			{verified.ID, citizens.RoundRules{MinPersonLevel: 1, Territory: "msk/cao"}, true},
			{verified.ID, citizens.RoundRules{MinPersonLevel: 1, Territory: "msk"}, true},
			{verified.ID, citizens.RoundRules{MinPersonLevel: 2}, false},
			{verified.ID, citizens.RoundRules{MinPersonLevel: 1, Territory: "msk/ca"}, false},
			{unverified.ID, citizens.RoundRules{MinPersonLevel: 1}, false},
			{unverified.ID, citizens.RoundRules{Territory: "msk/cao"}, true},
			{elsewhere.ID, citizens.RoundRules{Territory: "msk/cao"}, false},
			{elsewhere.ID, citizens.RoundRules{}, true},
		}
		for _, tt := range tests {
			if got, err := h.svc.Eligible(ctx, tt.user, tt.rules); err != nil || got != tt.want {
				t.Errorf("Eligible(%d, %+v) = %v, %v; want %v", tt.user, tt.rules, got, err, tt.want)
			}
		}
		if _, err := h.svc.Eligible(ctx, verified.ID, citizens.RoundRules{MinPersonLevel: 4}); !errors.Is(err, citizens.ErrInvalidRules) {
			t.Errorf("level 4: err = %v", err)
		}
		var all []citizens.Citizen
		for page := (citizens.Page{Limit: 1}); ; {
			list, next, err := h.svc.EligibleUsers(ctx, citizens.RoundRules{Territory: "msk"}, page)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, list...)
			if next.Limit == 0 {
				break
			}
			page = next
		}
		if len(all) != 3 || all[0].ID != verified.ID || all[0].UserID != verified.UserID {
			t.Errorf("EligibleUsers(msk) = %+v", all)
		}
		l1, _, err := h.svc.EligibleUsers(ctx, citizens.RoundRules{MinPersonLevel: 1, Territory: "msk/cao"}, citizens.Page{})
		if err != nil || len(l1) != 1 || l1[0].ID != verified.ID {
			t.Errorf("EligibleUsers(L1, msk/cao) = %+v, %v", l1, err)
		}
	})
}
