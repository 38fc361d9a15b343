package tallies

import (
	"errors"
	"os"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/portal/tally"
)

// TestCountAndRoot: the anchored root is keccak256 of exactly what `pbnode tally pb --json`
// prints (without its newline), so an auditor with the file and any keccak tool can recompute it.
func TestCountAndRoot(t *testing.T) {
	input, err := os.ReadFile("../tally/testdata/pabulib/Netherlands_Assen_2024.pb")
	if err != nil {
		t.Fatal(err)
	}
	res, sum, err := Count(input, "")
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"rule":"equalshares/add1","selected":["3","9","2","11","13","14","5","6","12"],"cost":"76700"}`
	if string(res.JSON()) != want {
		t.Fatalf("JSON = %s, want %s", res.JSON(), want)
	}
	if Root(res) != crypto.Keccak256Hash([]byte(want)) {
		t.Fatalf("Root = %s, want keccak256 of the JSON", Root(res))
	}
	if sum == [32]byte{} {
		t.Fatal("no SHA-256")
	}
	if _, _, err := Count(input, "borda"); !errors.Is(err, ErrInvalid) || !errors.Is(err, tally.ErrUnknownRule) {
		t.Errorf("Count(rule borda) = %v, want ErrInvalid wrapping ErrUnknownRule", err)
	}
	if _, _, err := Count(make([]byte, MaxInput+1), ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Count(too large) = %v, want ErrTooLarge", err)
	}
}

// FuzzCount: any bytes published as an election either tally or fail with ErrInvalid or
// ErrTooLarge; nothing panics.
func FuzzCount(f *testing.F) {
	f.Add([]byte("META\nkey;value\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost\na;60\nVOTES\nvoter_id;vote\n1;a\n"), "")
	f.Add([]byte("META\nkey;value\nbudget;ten\n"), "equalshares/add1")
	f.Fuzz(func(t *testing.T, input []byte, rule string) {
		res, _, err := Count(input, tally.Rule(rule))
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("Count error %v is neither ErrInvalid nor ErrTooLarge", err)
			}
			return
		}
		if len(res.JSON()) == 0 {
			t.Fatal("empty result JSON")
		}
	})
}
