package tally

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/pbnode/pbnode/portal/pabulib"
)

// Rule names a tally rule as pabulib's META rule does.
type Rule string

// The rules this package implements.
const (
	RuleGreedy          Rule = "greedy"
	RuleGreedyNoSkip    Rule = "greedy-no-skip"
	RuleGreedyThreshold Rule = "greedy-threshold"
	RuleEqualSharesAdd1 Rule = "equalshares/add1"
)

// Rules lists the rules Run accepts.
var Rules = []Rule{RuleGreedy, RuleGreedyNoSkip, RuleGreedyThreshold, RuleEqualSharesAdd1}

// ErrUnknownRule is returned by Run for a rule it does not implement, or when neither the
// caller nor the file names one.
var ErrUnknownRule = errors.New("unknown rule")

// Result is the outcome of Run with the rule that produced it.
type Result struct {
	Rule Rule
	Outcome
}

// resultJSON is the canonical JSON form of a Result; cost is a decimal string.
type resultJSON struct {
	Rule     Rule     `json:"rule"`
	Selected []string `json:"selected"`
	Cost     string   `json:"cost"`
}

// JSON is the canonical form of r, `{"rule":"greedy","selected":["c1","c7"],"cost":"123000"}`:
// what `pbnode tally pb --json` prints and what a tally anchor's root hashes (portal/tallies).
func (r Result) JSON() []byte {
	sel := r.Selected
	if sel == nil {
		sel = []string{}
	}
	b, err := json.Marshal(resultJSON{Rule: r.Rule, Selected: sel, Cost: strconv.FormatInt(r.Cost, 10)})
	if err != nil {
		panic(fmt.Sprintf("tally: encode result: %v", err)) // strings and a string slice always encode
	}
	return b
}

// Run tallies election e under rule, or under the file's own rule when rule is "".
func Run(e *pabulib.Election, rule Rule) (Result, error) {
	if rule == "" {
		rule = Rule(e.Rule)
	}
	cs := Candidates(e)
	var out Outcome
	switch rule {
	case RuleGreedy:
		out = Greedy(e.Budget, cs)
	case RuleGreedyNoSkip:
		out = GreedyNoSkip(e.Budget, cs)
	case RuleGreedyThreshold:
		out = GreedyThreshold(e.Budget, e.Params.MinProjectScoreThreshold, cs)
	case RuleEqualSharesAdd1:
		out = EqualShares(e.Budget, cs, Ballots(e))
	case "":
		return Result{}, fmt.Errorf("%w: the file names no rule", ErrUnknownRule)
	default:
		return Result{}, fmt.Errorf("%w %q (want one of %v)", ErrUnknownRule, rule, Rules)
	}
	return Result{Rule: rule, Outcome: out}, nil
}

// Candidates are e's projects in file order with their support counted from the votes as
// the vote type says: approval and choose-1, the number of votes; cumulative, the total
// points; ordinal, the file's score column when the project has one, else the number of
// votes.
func Candidates(e *pabulib.Election) []Candidate {
	votes := make(map[string]int64, len(e.Projects))
	points := make(map[string]int64, len(e.Projects))
	for _, v := range e.Votes {
		for i, id := range v.Projects {
			votes[id]++
			if i < len(v.Points) {
				points[id] += v.Points[i]
			}
		}
	}
	cs := make([]Candidate, len(e.Projects))
	for i, p := range e.Projects {
		support := votes[p.ID]
		switch {
		case e.VoteType == pabulib.Cumulative:
			support = points[p.ID]
		case e.VoteType == pabulib.Ordinal && p.Score != nil:
			support = *p.Score
		}
		cs[i] = Candidate{ID: p.ID, Cost: p.Cost, Support: support}
	}
	return cs
}

// Ballots are e's votes as the Method of Equal Shares reads them: every listed project
// supported with utility 1, or with its points for cumulative votes.
func Ballots(e *pabulib.Election) []Ballot {
	bs := make([]Ballot, len(e.Votes))
	for i, v := range e.Votes {
		bs[i].Projects = v.Projects
		if e.VoteType == pabulib.Cumulative {
			bs[i].Weights = v.Points
		}
	}
	return bs
}
