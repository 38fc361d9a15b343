package api_test

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestInitiativeConcurrency: simultaneous votes of different citizens all count, the same
// citizen's simultaneous votes count once, and simultaneous publications of one
// initiative register it in the round once.
func TestInitiativeConcurrency(t *testing.T) {
	for _, driver := range storagetest.Drivers {
		t.Run(driver, func(t *testing.T) { testInitiativeConcurrency(t, driver) })
	}
}

func testInitiativeConcurrency(t *testing.T, driver string) {
	f := newFixture(t, driver)
	n := f.node
	mod := newMember(t, n, false, identity.RoleModerator, "")
	voters := make([]member, 6)
	for i := range voters {
		voters[i] = newMember(t, n, true, "", "")
	}
	open := proposalIn(t, n, voters[0].ref, "published", forSupport(time.Now().Add(time.Hour)))

	var wg sync.WaitGroup
	var ok atomic.Int64
	for _, v := range voters {
		for range 3 { // each votes three times at once
			wg.Go(func() {
				r := send(t, n, "POST", initiativePath(open, "/support"), v.caller, "")
				switch {
				case r.status == 200:
					ok.Add(1)
				case r.code() != "already_supported":
					t.Errorf("vote = %d %s", r.status, r.body)
				}
			})
		}
	}
	wg.Wait()
	var got proposalView
	expect(t, n, "GET", initiativePath(open, ""), caller{}, "", 200).decode(t, &got)
	if ok.Load() != int64(len(voters)) || got.Supporters != len(voters) {
		t.Fatalf("%d votes accepted, %d supporters; want %d each", ok.Load(), got.Supporters, len(voters))
	}

	accepted := proposalIn(t, n, voters[0].ref, "accepted")
	ok.Store(0)
	for range 4 {
		wg.Go(func() {
			r := send(t, n, "POST", initiativePath(accepted, "/publish"), mod.caller, fmt.Sprintf(`{"track":"round","round_id":%d}`, f.roundID))
			switch {
			case r.status == 200:
				ok.Add(1)
			case r.code() != "invalid_transition":
				t.Errorf("publish = %d %s", r.status, r.body)
			}
		})
	}
	wg.Wait()
	inis, err := n.DB.Initiatives(t.Context(), f.roundID)
	if err != nil {
		t.Fatal(err)
	}
	if ok.Load() != 1 || len(inis) != 3 {
		t.Fatalf("%d publications succeeded, the round has %d initiatives; want 1 and 3", ok.Load(), len(inis))
	}
}
