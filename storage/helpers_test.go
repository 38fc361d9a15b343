package storage_test

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pbnode/pbnode/storage"
)

// seq makes distinct addresses and names within a test binary.
var seq atomic.Int64

// addr returns a fresh lowercase Ethereum address.
func addr() string { return fmt.Sprintf("0x%040x", seq.Add(1)) }

// txHash returns a fresh lowercase transaction hash.
func txHash() string { return fmt.Sprintf("0x%064x", seq.Add(1)) }

// tokenHash returns a fresh hex SHA-256-shaped token hash.
func tokenHash() string { return fmt.Sprintf("%064x", seq.Add(1)) }

func newRound(t *testing.T, db *storage.DB) storage.Round {
	t.Helper()
	rd := storage.Round{
		Name: fmt.Sprintf("round %d", seq.Add(1)), Symbol: "PB", Budget: 100_000_000,
		Deadline: time.Now().Add(time.Hour), Treasury: addr(),
	}
	if err := db.CreateRound(t.Context(), &rd); err != nil {
		t.Fatal(err)
	}
	return rd
}

func newCitizen(t *testing.T, db *storage.DB) storage.Citizen {
	t.Helper()
	c := storage.Citizen{Address: addr()}
	if err := db.CreateCitizen(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func newInitiative(t *testing.T, db *storage.DB, roundID, cost int64) storage.Initiative {
	t.Helper()
	in := storage.Initiative{RoundID: roundID, Title: "playground", Cost: cost}
	if err := db.CreateInitiative(t.Context(), &in); err != nil {
		t.Fatal(err)
	}
	return in
}

// newQuota grants a new citizen amount in round and returns the citizen's ID.
func newQuota(t *testing.T, db *storage.DB, roundID, amount int64) int64 {
	t.Helper()
	c := newCitizen(t, db)
	if err := db.CreateQuotas(t.Context(), []storage.Quota{{RoundID: roundID, CitizenID: c.ID, Amount: amount}}); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// hammer runs fn workers×times from concurrent goroutines and returns how many calls
// succeeded; an error other than allowed fails the test.
func hammer(t *testing.T, workers, times int, allowed error, fn func(worker, i int) error) int {
	t.Helper()
	var ok atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range times {
				err := fn(w, i)
				switch {
				case err == nil:
					ok.Add(1)
				case allowed == nil || !errors.Is(err, allowed):
					t.Errorf("worker %d call %d: %v", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	return int(ok.Load())
}
