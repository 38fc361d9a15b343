package pabulib

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Write writes e in the .pb format, LF line ends, quoting only the fields that need it, so
// that Parse reads back the same election. META is written in e.Meta's order, with budget,
// vote_type and rule taken from the typed fields (and appended when Meta lacks them). The
// columns are e.ProjectColumns and e.VoteColumns; when those are empty, the standard columns
// that e uses followed by its extra columns in name order.
func Write(w io.Writer, e *Election) error {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	rows := [][]string{{secMeta}, {"key", "value"}}
	rows = append(rows, metaRows(e)...)
	pcols := e.ProjectColumns
	if len(pcols) == 0 {
		pcols = defaultProjectColumns(e.Projects)
	}
	if err := requireColumns(secProjects, pcols, ColProjectID, ColCost); err != nil {
		return err
	}
	rows = append(rows, []string{secProjects}, pcols)
	for _, pr := range e.Projects {
		rows = append(rows, projectRecord(pcols, pr))
	}
	vcols := e.VoteColumns
	if len(vcols) == 0 {
		vcols = defaultVoteColumns(e.Votes)
	}
	if err := requireColumns(secVotes, vcols, ColVoterID, ColVote); err != nil {
		return err
	}
	rows = append(rows, []string{secVotes}, vcols)
	for _, v := range e.Votes {
		rows = append(rows, voteRecord(vcols, v))
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write .pb: %w", err)
	}
	return nil
}

func requireColumns(section string, cols []string, required ...string) error {
	for _, c := range required {
		if !slices.Contains(cols, c) {
			return fmt.Errorf("write .pb: the %s columns %v have no %s", section, cols, c)
		}
	}
	return nil
}

// metaRows are e.Meta's rows with the typed values in place, and the typed keys Meta lacks.
func metaRows(e *Election) [][]string {
	typed := map[string]string{KeyBudget: strconv.FormatInt(e.Budget, 10)}
	if e.VoteType != "" {
		typed[KeyVoteType] = string(e.VoteType)
	}
	if e.Rule != "" {
		typed[KeyRule] = e.Rule
	}
	rows := make([][]string, 0, len(e.Meta)+len(typed))
	for _, f := range e.Meta {
		v := f.Value
		if t, ok := typed[f.Key]; ok {
			v = t
			delete(typed, f.Key)
		}
		rows = append(rows, []string{f.Key, v})
	}
	for _, k := range []string{KeyBudget, KeyVoteType, KeyRule} {
		if v, ok := typed[k]; ok {
			rows = append(rows, []string{k, v})
		}
	}
	return rows
}

func projectRecord(cols []string, pr Project) []string {
	rec := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case ColProjectID:
			rec[i] = pr.ID
		case ColCost:
			rec[i] = strconv.FormatInt(pr.Cost, 10)
		case ColVotes:
			rec[i] = optionalText(pr.Votes)
		case ColScore:
			rec[i] = optionalText(pr.Score)
		case ColSelected:
			rec[i] = "0"
			if pr.Selected {
				rec[i] = "1"
			}
		default:
			rec[i] = pr.Extra[c]
		}
	}
	return rec
}

func voteRecord(cols []string, v Vote) []string {
	rec := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case ColVoterID:
			rec[i] = v.VoterID
		case ColVote:
			rec[i] = strings.Join(v.Projects, ",")
		case ColPoints:
			pts := make([]string, len(v.Points))
			for j, p := range v.Points {
				pts[j] = strconv.FormatInt(p, 10)
			}
			rec[i] = strings.Join(pts, ",")
		default:
			rec[i] = v.Extra[c]
		}
	}
	return rec
}

func optionalText(n *int64) string {
	if n == nil {
		return ""
	}
	return strconv.FormatInt(*n, 10)
}

func defaultProjectColumns(ps []Project) []string {
	cols := []string{ColProjectID, ColCost}
	if slices.ContainsFunc(ps, func(p Project) bool { return p.Votes != nil }) {
		cols = append(cols, ColVotes)
	}
	if slices.ContainsFunc(ps, func(p Project) bool { return p.Score != nil }) {
		cols = append(cols, ColScore)
	}
	extra := map[string]bool{}
	for _, p := range ps {
		for k := range p.Extra {
			extra[k] = true
		}
	}
	cols = append(cols, slices.Sorted(maps.Keys(extra))...)
	return append(cols, ColSelected)
}

func defaultVoteColumns(vs []Vote) []string {
	cols := []string{ColVoterID, ColVote}
	if slices.ContainsFunc(vs, func(v Vote) bool { return v.Points != nil }) {
		cols = append(cols, ColPoints)
	}
	extra := map[string]bool{}
	for _, v := range vs {
		for k := range v.Extra {
			extra[k] = true
		}
	}
	return append(cols, slices.Sorted(maps.Keys(extra))...)
}
