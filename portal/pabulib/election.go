// Package pabulib reads and writes participatory-budgeting elections in the .pb format of the
// pabulib collection (https://pabulib.org): a META section of key;value rows, a PROJECTS
// section and a VOTES section, each a header line, a column line and `;`-separated rows.
//
// Parse validates what a tally needs (a budget, known projects in every vote, whole-number
// costs, no duplicates) and reports the line of the first problem; Write writes an election
// back so that Parse reads the same election again.
package pabulib

// VoteType is the ballot format of an election (META vote_type).
type VoteType string

// The vote types pabulib uses and this package supports.
const (
	Approval   VoteType = "approval"   // a set of approved projects
	Cumulative VoteType = "cumulative" // projects with points (the points column)
	Ordinal    VoteType = "ordinal"    // projects ranked, best first
	Choose1    VoteType = "choose-1"   // exactly one project
)

// Standard column and META names.
const (
	ColProjectID = "project_id"
	ColCost      = "cost"
	ColVotes     = "votes"
	ColScore     = "score"
	ColSelected  = "selected"
	ColVoterID   = "voter_id"
	ColVote      = "vote"
	ColPoints    = "points"

	KeyBudget      = "budget"
	KeyVoteType    = "vote_type"
	KeyRule        = "rule"
	KeyNumProjects = "num_projects"
	KeyNumVotes    = "num_votes"
)

// Election is one parsed .pb file.
type Election struct {
	// Meta holds the META rows in file order, the typed ones included. Write takes the
	// values of budget, vote_type and rule from the typed fields below, and every other
	// row as it is.
	Meta []MetaField

	Budget   int64    // META budget, whole currency units (required)
	VoteType VoteType // META vote_type; "" when the file has none (treat as approval)
	Rule     string   // META rule, e.g. "greedy" or "equalshares/add1"; "" when absent
	Params   Params   // rule and ballot parameters read from META

	ProjectColumns []string // the PROJECTS column line, in order
	Projects       []Project
	VoteColumns    []string // the VOTES column line, in order
	Votes          []Vote
}

// MetaField is one key;value row of META.
type MetaField struct {
	Key, Value string
}

// Params are the rule and ballot parameters of META that tallies and checks use. Zero means
// the file does not set the parameter.
type Params struct {
	MinLength                int64 // min_length: fewest projects on a ballot
	MaxLength                int64 // max_length: most projects on a ballot
	MinSumPoints             int64 // min_sum_points (cumulative)
	MaxSumPoints             int64 // max_sum_points (cumulative)
	MinProjectScoreThreshold int64 // min_project_score_threshold (greedy-threshold)
	MaxSumCost               int64 // max_sum_cost: most a ballot's projects may cost together
}

// Project is one row of PROJECTS.
type Project struct {
	ID       string
	Cost     int64
	Votes    *int64 // the votes column; nil when the file has none or the cell is empty
	Score    *int64 // the score column; nil when the file has none or the cell is empty
	Selected bool   // the selected column is 1
	// Extra holds the other columns (name, category, ...) by column name; nil when none.
	Extra map[string]string
}

// Vote is one row of VOTES.
type Vote struct {
	VoterID  string
	Projects []string // the vote column in order (ordinal: best first); nil when empty
	Points   []int64  // the points column, parallel to Projects; nil when the file has none
	// Extra holds the other columns (age, sex, voting_method, ...) by name; nil when none.
	Extra map[string]string
}

// Get returns the value of META key and whether the file has it.
func (e *Election) Get(key string) (string, bool) {
	for _, f := range e.Meta {
		if f.Key == key {
			return f.Value, true
		}
	}
	return "", false
}

// Project returns the project with id, or nil.
func (e *Election) Project(id string) *Project {
	for i := range e.Projects {
		if e.Projects[i].ID == id {
			return &e.Projects[i]
		}
	}
	return nil
}
