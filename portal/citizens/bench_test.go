package citizens_test

import (
	"os"
	"strconv"
	"sync"
	"testing"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// benchCitizens is the number of citizens BenchmarkRegisterAndVerify registers;
// PBNODE_BENCH_CITIZENS overrides it.
func benchCitizens() int {
	if n, err := strconv.Atoi(os.Getenv("PBNODE_BENCH_CITIZENS")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

// BenchmarkRegisterAndVerify measures a city's worth of citizens: each signs in by SMS for
// the first time (identity.StartSMS and VerifySMS), fills in the profile, and is verified to
// person level 3 against an extract of as many people, by two job workers (op=verify).
//
// op=register is the baseline, run just before on a fresh database of the same driver: the
// same citizens sign in and fill in their profiles, with no verification. The ratio of the
// two is what verification adds, in units of a first sign-in, which holds on a shared, noisy
// machine better than either time. One iteration is the whole city; run it with
// -benchtime=1x (scripts/bench-citizens.sh does). It reports citizens/s.
func BenchmarkRegisterAndVerify(b *testing.B) {
	n := benchCitizens()
	for _, driver := range storagetest.Drivers {
		for _, op := range []string{"register", "verify"} {
			b.Run("db="+driver+"/op="+op, func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					h := newHarness(b, driver, n, citizens.DefaultConfig())
					b.StartTimer()
					users := registerCity(b, h)
					if op == "verify" {
						verifyCity(b, h, users)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "citizens/s")
			})
		}
	}
}

// registerCity signs every person of h's extract in for the first time and saves their
// profile; it returns their user IDs in the extract's order.
func registerCity(b *testing.B, h *harness) []int64 {
	ctx := b.Context()
	users := make([]int64, len(h.people))
	parallel(len(h.people), func(i int) {
		u, _ := h.register(b, newPhone())
		if _, err := h.svc.UpdateProfile(ctx, u.ID, profileOf(h.people[i])); err != nil {
			b.Error(err)
		}
		users[i] = u.ID
	})
	return users
}

// verifyCity takes every user to person level 3, one level at a time, and checks that all
// of them are eligible for a level-3 round.
func verifyCity(b *testing.B, h *harness, users []int64) {
	ctx := b.Context()
	for level := 1; level <= 3; level++ {
		parallel(len(users), func(i int) {
			in := citizens.PersonSubmission{Level: level, SNILS: h.people[i].SNILS.Reveal()}
			in.PassportSeries, in.PassportNumber = passportFields(h.people[i].Passport)
			if _, err := h.svc.SubmitPerson(ctx, users[i], in); err != nil {
				b.Error(err)
			}
		})
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { h.drain(b) })
		}
		wg.Wait()
	}
	list, _, err := h.svc.EligibleUsers(ctx, citizens.RoundRules{MinPersonLevel: 3}, citizens.Page{Limit: 10_000})
	if err != nil || len(list) != min(len(users), 10_000) {
		b.Fatalf("%d citizens at level 3 of %d, %v", len(list), len(users), err)
	}
}

// parallel runs fn(0..n-1) on four goroutines.
func parallel(n int, fn func(i int)) {
	const workers = 4
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				fn(i)
			}
		})
	}
	wg.Wait()
}
