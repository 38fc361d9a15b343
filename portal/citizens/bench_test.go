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
// person level 3 against an extract of as many people, by two job workers. One iteration
// is the whole city; run it with -benchtime=1x. It reports citizens/s.
func BenchmarkRegisterAndVerify(b *testing.B) {
	n := benchCitizens()
	for _, driver := range storagetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			for b.Loop() {
				h := newHarness(b, driver, n, citizens.DefaultConfig())
				runCity(b, h)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "citizens/s")
		})
	}
}

// runCity registers every person of h's extract and verifies them to level 3.
func runCity(b *testing.B, h *harness) {
	ctx := b.Context()
	users := make([]int64, len(h.people))
	parallel(len(h.people), func(i int) {
		u, _ := h.register(b, newPhone())
		if _, err := h.svc.UpdateProfile(ctx, u.ID, profileOf(h.people[i])); err != nil {
			b.Error(err)
		}
		users[i] = u.ID
	})
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
