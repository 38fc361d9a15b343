// Package export writes a node's budget round as a pabulib election (https://pabulib.org), so
// that outsiders can recount it with their own tools.
//
// Election is a pure function of what the budget service reads: the round, its initiatives
// and its ballots. Amounts stay in kopecks (1 token unit = 1 kopeck = 1/100 RUB): the budget,
// the costs, the scores and the points are all whole kopecks, so nothing is rounded.
package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/pabulib"
)

// ErrNotFinalized is returned by Election for a round whose funded set is not yet on chain,
// unless the caller allows an open round.
var ErrNotFinalized = errors.New("round is not finalized")

// statusFinalized is budget.Round.Status once the funded set is on chain.
const statusFinalized = "finalized"

// Options change what Election accepts.
type Options struct {
	// AllowOpen exports a round that is not finalized: the file then has no selected column
	// and its META status says so.
	AllowOpen bool
}

// Election converts a round into a pabulib election with vote_type cumulative (citizens
// spread their tokens) and the round's rule: greedy (BudgetRound v1, and BudgetRoundV2's
// default), greedy-no-skip, greedy-threshold with min_project_score_threshold, or
// piggy-bank (BudgetRoundV2's rule 3: fund those whose piggy bank reached their cost; no
// pabulib rule, so package tally does not recount it).
//
// PROJECTS: project_id is the initiative's on-chain number, cost its cost, votes the number
// of citizens who put tokens in its piggy bank, score the tokens it received, name its
// title, selected whether the chain funded it (finalized rounds only). VOTES: one row per
// citizen with tokens in at least one piggy bank; voter_id is a number from 1 in the order of
// the ballots' content, so it says nothing about who voted; vote and points are the
// initiatives and the amounts.
//
// In ties BudgetRoundV2 ranks equal scores by lower cost, then lower id, as pabulib's greedy
// does; BudgetRound v1 ranked them by lower initiative number only.
func Election(r budget.Round, inis []budget.Initiative, ballots [][]budget.Allocation, o Options) (*pabulib.Election, error) {
	finalized := r.Status == statusFinalized
	if !finalized && !o.AllowOpen {
		return nil, fmt.Errorf("export round %d: %w (status %q)", r.ID, ErrNotFinalized, r.Status)
	}
	known := make(map[int]bool, len(inis))
	for _, ini := range inis {
		known[ini.Number] = true
	}
	ballots = sortedBallots(ballots)
	votes := make(map[int]int64, len(inis))
	e := &pabulib.Election{
		Budget:   r.Budget,
		VoteType: pabulib.Cumulative,
		Rule:     pabulibRule(r.Rule),
		Votes:    make([]pabulib.Vote, 0, len(ballots)),
	}
	for i, b := range ballots {
		v := pabulib.Vote{VoterID: strconv.Itoa(i + 1)}
		for _, a := range b {
			if !known[a.Initiative] {
				return nil, fmt.Errorf("export round %d: a ballot names initiative %d, which the round lacks", r.ID, a.Initiative)
			}
			if a.Amount <= 0 {
				continue
			}
			v.Projects = append(v.Projects, strconv.Itoa(a.Initiative))
			v.Points = append(v.Points, a.Amount)
			votes[a.Initiative]++
		}
		if len(v.Projects) > 0 {
			e.Votes = append(e.Votes, v)
		}
	}
	for i := range e.Votes {
		e.Votes[i].VoterID = strconv.Itoa(i + 1) // dense after empty ballots were dropped
	}
	e.ProjectColumns = []string{pabulib.ColProjectID, pabulib.ColCost, pabulib.ColVotes, pabulib.ColScore, "name"}
	if finalized {
		e.ProjectColumns = append(e.ProjectColumns, pabulib.ColSelected)
	}
	e.VoteColumns = []string{pabulib.ColVoterID, pabulib.ColVote, pabulib.ColPoints}
	for _, ini := range inis {
		n, score := votes[ini.Number], ini.Received
		e.Projects = append(e.Projects, pabulib.Project{
			ID: strconv.Itoa(ini.Number), Cost: ini.Cost, Votes: &n, Score: &score,
			Selected: finalized && ini.Funded, Extra: map[string]string{"name": ini.Title},
		})
	}
	status := "finalized: selected is the funded set on chain"
	if !finalized {
		status = r.Status + ": not finalized, no selected column; scores are a snapshot"
	}
	e.Meta = []pabulib.MetaField{
		{Key: "description", Value: fmt.Sprintf("pbnode budget round %d: %s", r.ID, r.Name)},
		{Key: "country", Value: "Russia"},
		{Key: "unit", Value: r.Name},
		{Key: "instance", Value: strconv.Itoa(r.Deadline.UTC().Year())},
		{Key: pabulib.KeyNumProjects, Value: strconv.Itoa(len(e.Projects))},
		{Key: pabulib.KeyNumVotes, Value: strconv.Itoa(len(e.Votes))},
		{Key: pabulib.KeyBudget},
		{Key: pabulib.KeyVoteType},
		{Key: pabulib.KeyRule},
	}
	if r.Rule == roundv2.RuleGreedyThreshold {
		e.Params.MinProjectScoreThreshold = r.Threshold
		e.Meta = append(e.Meta, pabulib.MetaField{Key: "min_project_score_threshold", Value: strconv.FormatInt(r.Threshold, 10)})
	}
	e.Meta = append(e.Meta, []pabulib.MetaField{
		{Key: "currency", Value: "RUB"},
		{Key: "amounts", Value: "kopecks (1/100 RUB): budget, cost, score and points"},
		{Key: "date_begin", Value: pbDate(r.Created)},
		{Key: "date_end", Value: pbDate(r.Deadline)},
		{Key: "status", Value: status},
	}...)
	return e, nil
}

// pabulibRule names a round's funded-set rule as pabulib's META rule does.
func pabulibRule(r roundv2.Rule) string {
	switch r {
	case roundv2.RuleGreedyNoSkip:
		return "greedy-no-skip"
	case roundv2.RuleGreedyThreshold:
		return "greedy-threshold"
	case roundv2.RulePiggyBank:
		return "piggy-bank"
	}
	return "greedy"
}

// pbDate is pabulib's date format, dd.mm.yyyy, in UTC; "" for the zero time.
func pbDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("02.01.2006")
}

// sortedBallots orders copies of the ballots by their content (initiative, then amount,
// element by element; a shorter prefix first), so that the order, and the voter ids drawn
// from it, carry nothing of the database's citizen order.
func sortedBallots(ballots [][]budget.Allocation) [][]budget.Allocation {
	out := make([][]budget.Allocation, len(ballots))
	for i, b := range ballots {
		out[i] = slices.Clone(b)
		slices.SortFunc(out[i], func(x, y budget.Allocation) int { return cmp.Compare(x.Initiative, y.Initiative) })
	}
	slices.SortStableFunc(out, func(a, b []budget.Allocation) int {
		for i := range min(len(a), len(b)) {
			if c := cmp.Compare(a[i].Initiative, b[i].Initiative); c != 0 {
				return c
			}
			if c := cmp.Compare(a[i].Amount, b[i].Amount); c != 0 {
				return c
			}
		}
		return cmp.Compare(len(a), len(b))
	})
	return out
}

// Round reads round id through svc (the round, its initiatives, its ballots) and converts it
// with Election.
func Round(ctx context.Context, svc *budget.Service, id int64, o Options) (*pabulib.Election, error) {
	r, err := svc.Round(ctx, id)
	if err != nil {
		return nil, err
	}
	inis, err := svc.Initiatives(ctx, id)
	if err != nil {
		return nil, err
	}
	ballots, err := svc.Ballots(ctx, id)
	if err != nil {
		return nil, err
	}
	return Election(r, inis, ballots, o)
}
