package api_test

import (
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestSettleDue: the node settles by itself every initiative whose outcome is known (R-2.2,
// one whose support deadline passed with the threshold reached is funded with its
// measures due, one without is not funded; one still collecting support, and one in a round
// not finalized yet, stay published. A second pass settles nothing more.
func TestSettleDue(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) {
			f := newFixture(t, driver)
			n := f.node
			ctx := t.Context()
			cit := newMember(t, n, true, "", "")
			past, future := time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
			supported := proposalIn(t, n, cit.ref, "published", forSupport(past))
			unsupported := proposalIn(t, n, cit.ref, "published", forSupport(past))
			open := proposalIn(t, n, cit.ref, "published", forSupport(future))
			supporters := map[int64]int{supported: 2, unsupported: 1, open: 2} // threshold 2
			for id, k := range supporters {
				for range k {
					if _, err := n.DB.AddSupport(ctx, id, newMember(t, n, true, "", "").ref, "published"); err != nil {
						t.Fatal(err)
					}
				}
			}
			round := storage.Round{Name: "Open", Symbol: "OPN", Budget: 100, Deadline: future.UTC(),
				Treasury: "0x0000000000000000000000000000000000000001", Status: storage.RoundOpen}
			if err := n.DB.CreateRound(ctx, &round); err != nil {
				t.Fatal(err)
			}
			inRound := proposalIn(t, n, cit.ref, "published", func(p *storage.Proposal) {
				number := 1
				p.Track, p.RoundID, p.RoundNumber = "round", &round.ID, &number
			})

			settled, err := n.Initiatives.SettleDue(ctx)
			if err != nil || settled != 2 {
				t.Fatalf("SettleDue = %d, %v; want 2", settled, err)
			}
			for id, want := range map[int64]string{supported: "funded", unsupported: "not_funded", open: "published", inRound: "published"} {
				p, err := n.DB.Proposal(ctx, id)
				if err != nil || p.Status != want {
					t.Errorf("initiative %d is %q (%v), want %q", id, p.Status, err, want)
				}
				if id == supported && (p.MeasuresDue == nil || !p.MeasuresDue.After(past)) {
					t.Errorf("the funded initiative's measures are due %v, want a date after its deadline", p.MeasuresDue)
				}
			}
			if again, err := n.Initiatives.SettleDue(ctx); err != nil || again != 0 {
				t.Fatalf("second SettleDue = %d, %v; want 0", again, err)
			}
		})
	}
}
