package citizens_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/workdays"
	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// forEach runs fn on a fresh harness of every driver, with an extract of 50 people.
func forEach(t *testing.T, fn func(t *testing.T, h *harness)) {
	t.Helper()
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			fn(t, newHarness(t, driver, 50, citizens.DefaultConfig()))
		})
	}
}

// decided submits, drains the queue and returns the request as decided.
func decided(t *testing.T, h *harness, user int64, submit func() (citizens.Request, error)) citizens.Request {
	t.Helper()
	if _, err := submit(); err != nil {
		t.Fatalf("submit: %v", err)
	}
	h.drain(t)
	return h.request(t, user)
}

func TestPersonLevels(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		c := h.people[0]
		u := h.citizen(t, 0)
		series, number := passportFields(c.Passport)
		l2 := citizens.PersonSubmission{Level: 2, PassportSeries: series, PassportNumber: number}
		if _, err := h.svc.SubmitPerson(ctx, u.ID, l2); !errors.Is(err, citizens.ErrLevelOrder) {
			t.Fatalf("L2 before L1: err = %v", err)
		}
		steps := []citizens.PersonSubmission{{Level: 1}, l2, {Level: 3, SNILS: c.SNILS.Reveal()}}
		for _, in := range steps {
			r := decided(t, h, u.ID, func() (citizens.Request, error) { return h.svc.SubmitPerson(ctx, u.ID, in) })
			if r.Status != storage.VerificationVerified || r.Reason != string(registry.ReasonMatched) || r.NotifiedAt.IsZero() {
				t.Fatalf("level %d: request %+v", in.Level, r)
			}
			v, err := h.svc.Verification(ctx, u.ID)
			if err != nil || v.PersonLevel != in.Level {
				t.Fatalf("level %d: Verification = %+v, %v", in.Level, v, err)
			}
			if _, err := h.svc.SubmitPerson(ctx, u.ID, in); !errors.Is(err, citizens.ErrAlreadyVerified) {
				t.Fatalf("level %d again: err = %v", in.Level, err)
			}
		}
		if n := len(h.notifier.byRequest()); n != 3 {
			t.Errorf("%d requests notified, want 3", n)
		}
		// The name and birth date are locked now.
		in := profileOf(c)
		in.FullName = "Другой Человек Иванович"
		if _, err := h.svc.UpdateProfile(ctx, u.ID, in); !errors.Is(err, citizens.ErrIdentityLocked) {
			t.Errorf("rename after verification: err = %v", err)
		}
		in = profileOf(c)
		in.Email = "person@example.org"
		if _, err := h.svc.UpdateProfile(ctx, u.ID, in); err != nil {
			t.Errorf("e-mail change after verification: err = %v", err)
		}
	})
}

func TestPersonRejections(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		// A wrong birth date: L1 rejected with the registry's reason.
		u, _ := h.register(t, newPhone())
		in := profileOf(h.people[1])
		in.BirthDate = h.people[1].Person.BirthDate.AddDate(0, 0, 1).Format(time.DateOnly)
		if _, err := h.svc.UpdateProfile(ctx, u.ID, in); err != nil {
			t.Fatal(err)
		}
		r := decided(t, h, u.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1})
		})
		if r.Status != storage.VerificationRejected || r.Reason != string(registry.ReasonBirthDateDiffers) {
			t.Fatalf("wrong birth date: %+v", r)
		}
		if v, _ := h.svc.Verification(ctx, u.ID); v.PersonLevel != 0 || v.LastReason != string(registry.ReasonBirthDateDiffers) {
			t.Fatalf("Verification = %+v", v)
		}
		// Someone else's passport and SNILS: L2 and L3 rejected.
		u2 := h.citizen(t, 2)
		decided(t, h, u2.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u2.ID, citizens.PersonSubmission{Level: 1})
		})
		series, number := passportFields(h.people[3].Passport)
		r = decided(t, h, u2.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u2.ID, citizens.PersonSubmission{Level: 2, PassportSeries: series, PassportNumber: number})
		})
		if r.Status != storage.VerificationRejected || r.Reason != string(registry.ReasonHolderDiffers) {
			t.Fatalf("someone else's passport: %+v", r)
		}
		if v, _ := h.svc.Verification(ctx, u2.ID); v.PersonLevel != 1 {
			t.Fatalf("level after a rejected L2 = %d, want 1", v.PersonLevel)
		}
		if n := len(h.notifier.byRequest()); n != 3 {
			t.Errorf("%d requests notified, want 3", n)
		}
	})
}

func TestFlatLevels(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		var owner, tenant int = -1, -1
		for i, c := range h.people {
			if c.Role == registry.Owner && owner < 0 {
				owner = i
			}
			if c.Role == registry.SocialTenant && tenant < 0 {
				tenant = i
			}
		}
		for _, i := range []int{owner, tenant} {
			c := h.people[i]
			u := h.citizen(t, i)
			l1 := citizens.FlatSubmission{Level: 1, FLS: c.FLS.Reveal(), Building: c.Flat.Building, FlatNumber: c.Flat.Number}
			l2 := citizens.FlatSubmission{Level: 2, FLS: c.FLS.Reveal(), SocialTenant: c.Role == registry.SocialTenant}
			if !c.Cert.IsZero() {
				l2.PropertyCert = c.Cert.Reveal()
			}
			if _, err := h.svc.SubmitFlat(ctx, u.ID, l2); !errors.Is(err, citizens.ErrLevelOrder) {
				t.Fatalf("flat L2 before L1: err = %v", err)
			}
			if r := decided(t, h, u.ID, func() (citizens.Request, error) { return h.svc.SubmitFlat(ctx, u.ID, l1) }); r.Status != storage.VerificationVerified {
				t.Fatalf("flat L1: %+v", r)
			}
			if _, err := h.svc.SubmitFlat(ctx, u.ID, l2); !errors.Is(err, citizens.ErrLevelOrder) {
				t.Fatalf("flat L2 before person L1: err = %v", err)
			}
			decided(t, h, u.ID, func() (citizens.Request, error) {
				return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1})
			})
			if r := decided(t, h, u.ID, func() (citizens.Request, error) { return h.svc.SubmitFlat(ctx, u.ID, l2) }); r.Status != storage.VerificationVerified {
				t.Fatalf("flat L2: %+v", r)
			}
			v, err := h.svc.Verification(ctx, u.ID)
			if err != nil || len(v.Flats) != 1 || v.Flats[0].Level != 2 || v.Flats[0].Role != c.Role.String() {
				t.Fatalf("Verification = %+v, %v; want role %v", v, err, c.Role)
			}
		}
		// A wrong flat number: flat L1 rejected.
		c := h.people[5]
		u := h.citizen(t, 5)
		r := decided(t, h, u.ID, func() (citizens.Request, error) {
			return h.svc.SubmitFlat(ctx, u.ID, citizens.FlatSubmission{Level: 1, FLS: c.FLS.Reveal(), Building: c.Flat.Building, FlatNumber: "999"})
		})
		if r.Status != storage.VerificationRejected || r.Reason != string(registry.ReasonAddressDiffers) {
			t.Fatalf("wrong flat number: %+v", r)
		}
	})
}

// Bad input from the issue gives its sentinel and writes nothing.
func TestBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		c := h.people[0]
		u := h.citizen(t, 0)
		decided(t, h, u.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1})
		})
		series, number := passportFields(c.Passport)
		decided(t, h, u.ID, func() (citizens.Request, error) {
			return h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 2, PassportSeries: series, PassportNumber: number})
		})
		snils := c.SNILS.Reveal()
		wrongCheck := snils[:9] + string('0'+(snils[9]-'0'+1)%10) + snils[10:]
		tests := []struct {
			name    string
			do      func() error
			wantErr []error
		}{
			{"wrong SNILS check digit", func() error {
				_, err := h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 3, SNILS: wrongCheck})
				return err
			}, []error{citizens.ErrInvalidSNILS, pii.ErrSNILSChecksum}},
			{"3-digit passport series", func() error {
				_, err := h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 2, PassportSeries: "450", PassportNumber: "123456"})
				return err
			}, []error{citizens.ErrInvalidPassport, pii.ErrPassportSeries}},
			{"9-digit FLS", func() error {
				_, err := h.svc.SubmitFlat(ctx, u.ID, citizens.FlatSubmission{Level: 1, FLS: "123456789", Building: c.Flat.Building, FlatNumber: c.Flat.Number})
				return err
			}, []error{citizens.ErrInvalidFLS, pii.ErrFLSFormat}},
			{"address changed twice in 3 months", func() error {
				h.clock.Advance(24 * time.Hour)
				_, err := h.svc.SetAddress(ctx, u.ID, storage.AddressRegistration, "г. Москва, ул. Арбат, д. 1", "msk/cao")
				return err
			}, []error{citizens.ErrAddressTooSoon}},
			{"bad e-mail", func() error {
				in := profileOf(c)
				in.Email = "not an address"
				_, err := h.svc.UpdateProfile(ctx, u.ID, in)
				return err
			}, []error{citizens.ErrInvalidEmail}},
			{"sex x", func() error {
				in := profileOf(c)
				in.Sex = "x"
				_, err := h.svc.UpdateProfile(ctx, u.ID, in)
				return err
			}, []error{citizens.ErrInvalidSex}},
		}
		for _, tt := range tests {
			before, logsBefore := h.counts(t), len(h.logs.String())
			addrBefore, _ := h.svc.Addresses(ctx, u.ID)
			err := tt.do()
			for _, want := range tt.wantErr {
				if !errors.Is(err, want) {
					t.Errorf("%s: err = %v, want %v", tt.name, err, want)
				}
			}
			addrAfter, _ := h.svc.Addresses(ctx, u.ID)
			if after := h.counts(t); after != before || len(addrAfter) != len(addrBefore) || addrAfter[0].Text != addrBefore[0].Text {
				t.Errorf("%s: rows %+v → %+v, addresses %+v → %+v", tt.name, before, after, addrBefore, addrAfter)
			}
			if len(h.logs.String()) != logsBefore {
				t.Errorf("%s: a refusal was logged", tt.name)
			}
			if err != nil && strings.Contains(err.Error(), wrongCheck) {
				t.Errorf("%s: the error repeats the input", tt.name)
			}
		}
		var soon *citizens.AddressTooSoonError
		_, err := h.svc.SetAddress(ctx, u.ID, storage.AddressRegistration, "г. Москва, ул. Арбат, д. 1", "msk/cao")
		if !errors.As(err, &soon) || !soon.NextAllowed.Equal(start.AddDate(0, 3, 0)) {
			t.Fatalf("too soon: %v, next %v; want %v", err, soon, start.AddDate(0, 3, 0))
		}
		h.clock.Advance(soon.NextAllowed.Sub(h.clock.Now()))
		if _, err := h.svc.SetAddress(ctx, u.ID, storage.AddressRegistration, "г. Москва, ул. Арбат, д. 1", "msk/cao"); err != nil {
			t.Fatalf("change after 3 months: %v", err)
		}
	})
}

func TestDuplicateDocument(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		c := h.people[0]
		// The same person registers with two phones; both reach L1.
		a, b := h.citizen(t, 0), h.citizen(t, 0)
		for _, u := range []int64{a.ID, b.ID} {
			decided(t, h, u, func() (citizens.Request, error) {
				return h.svc.SubmitPerson(ctx, u, citizens.PersonSubmission{Level: 1})
			})
		}
		series, number := passportFields(c.Passport)
		l2 := citizens.PersonSubmission{Level: 2, PassportSeries: series, PassportNumber: number}
		// Both submit before either is checked: the first decided wins, the other is rejected.
		for _, u := range []int64{a.ID, b.ID} {
			if _, err := h.svc.SubmitPerson(ctx, u, l2); err != nil {
				t.Fatal(err)
			}
		}
		h.drain(t)
		if r := h.request(t, a.ID); r.Status != storage.VerificationVerified {
			t.Fatalf("first: %+v", r)
		}
		if r := h.request(t, b.ID); r.Status != storage.VerificationRejected || r.Reason != citizens.ReasonDocumentTaken {
			t.Fatalf("second: %+v", r)
		}
		// Once verified, the passport is refused at submission.
		before := h.counts(t)
		if _, err := h.svc.SubmitPerson(ctx, b.ID, l2); !errors.Is(err, citizens.ErrDocumentTaken) {
			t.Fatalf("submit a taken passport: err = %v", err)
		}
		if after := h.counts(t); after != before {
			t.Errorf("rows %+v → %+v", before, after)
		}
	})
}

// Two workers work one queue: each request is decided and checked once.
func TestJobConcurrency(t *testing.T) {
	t.Parallel()
	forEach(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		const n = 30
		reg := &countingRegistry{Registry: h.reg, calls: map[string]int{}}
		var jobs []*citizens.Job
		for range 2 {
			cfg := citizens.DefaultJobConfig()
			cfg.Interval, cfg.Batch = time.Millisecond, 4
			j, err := h.svc.NewJob(reg, h.notifier, cfg)
			if err != nil {
				t.Fatal(err)
			}
			jobs = append(jobs, j)
		}
		users := make([]int64, n)
		for i := range n {
			users[i] = h.citizen(t, i).ID
			if _, err := h.svc.SubmitPerson(ctx, users[i], citizens.PersonSubmission{Level: 1}); err != nil {
				t.Fatal(err)
			}
		}
		runCtx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		for _, j := range jobs {
			wg.Go(func() {
				if err := j.Run(runCtx); err != nil {
					t.Errorf("Run: %v", err)
				}
			})
		}
		// Wait for every notice and every decision's log line: a notice may go out (from the
		// other worker's notify pass) before the deciding worker has logged its decision, and
		// cancelling then would cut the log line, not a decision.
		decided := func() int { return strings.Count(h.logs.String(), `"msg":"verification decided"`) }
		deadline := time.Now().Add(time.Minute)
		for (len(h.notifier.byRequest()) < n || decided() < n) && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		wg.Wait()
		for _, u := range users {
			if r := h.request(t, u); r.Status != storage.VerificationVerified {
				t.Errorf("user %d: %+v", u, r)
			}
		}
		if got := decided(); got != n {
			t.Errorf("%d decisions logged, want %d", got, n)
		}
		for who, calls := range reg.snapshot() {
			if calls != 1 {
				t.Errorf("person %s checked %d times", who, calls)
			}
		}
	})
}

func TestDueDateAcrossHoliday(t *testing.T) {
	t.Parallel()
	cal, err := workdays.ParseCalendar(strings.NewReader("2026-03-04 holiday\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := citizens.DefaultConfig()
	cfg.Calendar = cal
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, driver, 10, cfg)
			ctx := t.Context()
			u := h.citizen(t, 0)
			// Submitted Monday 2 March; Wednesday 4 March is a holiday: Tue 3, Thu 5, Fri 6, Mon 9.
			r, err := h.svc.SubmitPerson(ctx, u.ID, citizens.PersonSubmission{Level: 1})
			if err != nil {
				t.Fatal(err)
			}
			want := time.Date(2026, 3, 9, 20, 59, 59, 999999000, time.UTC) // end of 9 March, Moscow
			if !r.DueAt.Equal(want) || !h.request(t, u.ID).DueAt.Equal(want) {
				t.Fatalf("DueAt = %v, want %v", r.DueAt, want)
			}
			if n, _, err := h.svc.Overdue(ctx, 10); err != nil || n != 0 {
				t.Fatalf("Overdue before the due date = %d, %v", n, err)
			}
			h.clock.Advance(want.Sub(h.clock.Now()) + time.Second)
			n, list, err := h.svc.Overdue(ctx, 10)
			if err != nil || n != 1 || len(list) != 1 || list[0].ID != r.ID {
				t.Fatalf("Overdue after the due date = %d, %+v, %v", n, list, err)
			}
		})
	}
}
