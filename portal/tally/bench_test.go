package tally_test

import (
	"testing"

	"github.com/pbnode/pbnode/portal/tally"
)

// BenchmarkRules runs each rule on the same election: the largest approval file (1335
// voters, 18 projects) and the Assen file, the one that uses equalshares/add1. Greedy is
// the baseline: it only sorts the projects.
func BenchmarkRules(b *testing.B) {
	for _, file := range []string{"Poland_Warszawa_2017_Stare_Bielany.pb", "Netherlands_Assen_2024.pb"} {
		e := parseFile(b, file)
		cs, ballots := tally.Candidates(e), tally.Ballots(e)
		b.Run("file="+file[:6]+"/rule=greedy", func(b *testing.B) {
			for b.Loop() {
				tally.Greedy(e.Budget, cs)
			}
		})
		b.Run("file="+file[:6]+"/rule=candidates+greedy", func(b *testing.B) {
			for b.Loop() {
				tally.Greedy(e.Budget, tally.Candidates(e))
			}
		})
		b.Run("file="+file[:6]+"/rule=equalshares-add1", func(b *testing.B) {
			for b.Loop() {
				tally.EqualShares(e.Budget, cs, ballots)
			}
		})
	}
}
