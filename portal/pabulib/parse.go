package pabulib

import (
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The sections of a .pb file, in the order they must appear.
const (
	secMeta     = "META"
	secProjects = "PROJECTS"
	secVotes    = "VOTES"
)

// Parse reads a .pb file. Fields are `;`-separated; a field in double quotes may hold `;`,
// doubled quotes and line breaks. CRLF and LF line ends and a leading byte-order mark are
// accepted; the text must be UTF-8. Parse never panics: bad input gives an *Error naming the
// line (errors.Is matches its kind, e.g. ErrUnknownProject).
func Parse(r io.Reader) (*Election, error) {
	cr := csv.NewReader(r)
	cr.Comma = ';'
	cr.FieldsPerRecord = -1
	p := &parser{e: &Election{}, projects: map[string]int{}, voters: map[string]bool{}, metaLine: map[string]int{}}
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if first {
			rec[0] = strings.TrimPrefix(rec[0], "\uFEFF")
		}
		if err := p.record(line, rec); err != nil {
			return nil, err
		}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.e, nil
}

// csvError turns an error of encoding/csv into an *Error at its line.
func csvError(err error) error {
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		return errorf(pe.StartLine, ErrSyntax, "%v", pe.Err)
	}
	return errorf(0, ErrSyntax, "read: %v", err)
}

// parser holds the state of one Parse.
type parser struct {
	e        *Election
	section  string         // current section, "" before META
	columns  bool           // the current section's column line has been read
	seen     []string       // sections met so far, in order
	projects map[string]int // project id → index in e.Projects
	voters   map[string]bool
	metaLine map[string]int // META key → its line, for errors found later
	cols     map[string]int // column name → index in the current section's column line
}

func (p *parser) record(line int, rec []string) error {
	for _, f := range rec {
		if !utf8.ValidString(f) {
			return errorf(line, ErrSyntax, "text is not valid UTF-8")
		}
	}
	if len(rec) == 1 {
		if name := strings.TrimSpace(rec[0]); name == secMeta || name == secProjects || name == secVotes {
			return p.header(line, name)
		}
	}
	switch {
	case p.section == "":
		return errorf(line, ErrSection, "a row before the META section")
	case !p.columns:
		return p.columnLine(line, rec)
	case p.section == secMeta:
		return p.metaRow(line, rec)
	case p.section == secProjects:
		return p.projectRow(line, rec)
	default:
		return p.voteRow(line, rec)
	}
}

// header starts section name, which must come next in META, PROJECTS, VOTES order.
func (p *parser) header(line int, name string) error {
	order := []string{secMeta, secProjects, secVotes}
	if want := order[len(p.seen)%len(order)]; len(p.seen) == len(order) || name != want {
		if slices.Contains(p.seen, name) {
			return errorf(line, ErrSection, "a second %s section", name)
		}
		return errorf(line, ErrSection, "%s section where %s is expected", name, want)
	}
	if p.section != "" && !p.columns {
		return errorf(line, ErrSection, "the %s section has no column line", p.section)
	}
	p.seen = append(p.seen, name)
	p.section, p.columns = name, false
	return nil
}

// columnLine reads the line naming the current section's columns.
func (p *parser) columnLine(line int, rec []string) error {
	p.columns = true
	if p.section == secMeta {
		if len(rec) != 2 {
			return errorf(line, ErrColumn, "META column line has %d fields, want key;value", len(rec))
		}
		return nil
	}
	cols := make([]string, len(rec))
	p.cols = make(map[string]int, len(rec))
	for i, c := range rec {
		cols[i] = strings.TrimSpace(c)
		if cols[i] == "" {
			return errorf(line, ErrColumn, "column %d has no name", i+1)
		}
		if _, dup := p.cols[cols[i]]; dup {
			return errorf(line, ErrColumn, "column %q appears twice", cols[i])
		}
		p.cols[cols[i]] = i
	}
	required := []string{ColProjectID, ColCost}
	if p.section == secVotes {
		required = []string{ColVoterID, ColVote}
		p.e.VoteColumns = cols
	} else {
		p.e.ProjectColumns = cols
	}
	for _, c := range required {
		if _, ok := p.cols[c]; !ok {
			return errorf(line, ErrColumn, "%s has no %s column", p.section, c)
		}
	}
	return nil
}

func (p *parser) metaRow(line int, rec []string) error {
	if len(rec) != 2 {
		return errorf(line, ErrSyntax, "META row has %d fields, want key;value", len(rec))
	}
	key, value := strings.TrimSpace(rec[0]), rec[1]
	if key == "" {
		return errorf(line, ErrMissing, "META row has no key")
	}
	if _, dup := p.metaLine[key]; dup {
		return errorf(line, ErrDuplicate, "META key %q appears twice (first on line %d)", key, p.metaLine[key])
	}
	p.metaLine[key] = line
	value, err := p.metaValue(line, key, value)
	if err != nil {
		return err
	}
	p.e.Meta = append(p.e.Meta, MetaField{Key: key, Value: value})
	return nil
}

// metaValue reads the typed META keys into the election and returns the value to keep in
// Meta: canonical for budget, vote_type and rule, as written for every other key.
func (p *parser) metaValue(line int, key, value string) (string, error) {
	e := p.e
	var err error
	switch key {
	case KeyBudget:
		if e.Budget, err = nonNegative(line, key, value); err != nil {
			return "", err
		}
		return strconv.FormatInt(e.Budget, 10), nil
	case KeyVoteType:
		e.VoteType = VoteType(strings.TrimSpace(value))
		switch e.VoteType {
		case Approval, Cumulative, Ordinal, Choose1:
			return string(e.VoteType), nil
		}
		return "", errorf(line, ErrVoteType, "%q (want approval, cumulative, ordinal or choose-1)", e.VoteType)
	case KeyRule:
		e.Rule = strings.TrimSpace(value)
		return e.Rule, nil
	}
	if dst := paramField(&e.Params, key); dst != nil {
		*dst, err = nonNegative(line, key, value)
	} else if key == KeyNumProjects || key == KeyNumVotes {
		_, err = nonNegative(line, key, value)
	}
	return value, err
}

// paramField is where key is kept in ps, or nil when it is not a parameter.
func paramField(ps *Params, key string) *int64 {
	switch key {
	case "min_length":
		return &ps.MinLength
	case "max_length":
		return &ps.MaxLength
	case "min_sum_points":
		return &ps.MinSumPoints
	case "max_sum_points":
		return &ps.MaxSumPoints
	case "min_project_score_threshold":
		return &ps.MinProjectScoreThreshold
	case "max_sum_cost":
		return &ps.MaxSumCost
	}
	return nil
}

func (p *parser) projectRow(line int, rec []string) error {
	if len(rec) != len(p.e.ProjectColumns) {
		return errorf(line, ErrSyntax, "project row has %d fields, the column line %d", len(rec), len(p.e.ProjectColumns))
	}
	var pr Project
	for i, col := range p.e.ProjectColumns {
		if err := p.projectField(line, &pr, col, rec[i]); err != nil {
			return err
		}
	}
	if first, dup := p.projects[pr.ID]; dup {
		return errorf(line, ErrDuplicate, "project %q is listed twice (first as project %d)", pr.ID, first+1)
	}
	p.projects[pr.ID] = len(p.e.Projects)
	p.e.Projects = append(p.e.Projects, pr)
	return nil
}

func (p *parser) projectField(line int, pr *Project, col, v string) error {
	var err error
	switch col {
	case ColProjectID:
		pr.ID, err = projectID(line, v)
	case ColCost:
		pr.Cost, err = nonNegative(line, "cost", v)
	case ColVotes:
		pr.Votes, err = optionalInt(line, col, v)
	case ColScore:
		pr.Score, err = optionalInt(line, col, v)
	case ColSelected:
		switch strings.TrimSpace(v) {
		case "1":
			pr.Selected = true
		case "0", "":
		default:
			err = errorf(line, ErrNumber, "selected is %q, want 0 or 1", v)
		}
	default:
		if pr.Extra == nil {
			pr.Extra = map[string]string{}
		}
		pr.Extra[col] = v
	}
	return err
}

// projectID checks a project id: not empty, and no comma (votes list ids with commas).
func projectID(line int, v string) (string, error) {
	id := strings.TrimSpace(v)
	if id == "" {
		return "", errorf(line, ErrMissing, "a project has no project_id")
	}
	if strings.Contains(id, ",") {
		return "", errorf(line, ErrSyntax, "project id %q contains a comma", id)
	}
	return id, nil
}

func (p *parser) voteRow(line int, rec []string) error {
	if len(rec) != len(p.e.VoteColumns) {
		return errorf(line, ErrSyntax, "vote row has %d fields, the column line %d", len(rec), len(p.e.VoteColumns))
	}
	var v Vote
	for i, col := range p.e.VoteColumns {
		if err := p.voteField(line, &v, col, rec[i]); err != nil {
			return err
		}
	}
	if p.voters[v.VoterID] {
		return errorf(line, ErrDuplicate, "voter %q votes twice", v.VoterID)
	}
	p.voters[v.VoterID] = true
	if v.Points != nil && len(v.Points) != len(v.Projects) {
		return errorf(line, ErrMismatch, "voter %q: %d projects but %d points", v.VoterID, len(v.Projects), len(v.Points))
	}
	p.e.Votes = append(p.e.Votes, v)
	return nil
}

func (p *parser) voteField(line int, v *Vote, col, s string) error {
	var err error
	switch col {
	case ColVoterID:
		if v.VoterID = strings.TrimSpace(s); v.VoterID == "" {
			err = errorf(line, ErrMissing, "a vote has no voter_id")
		}
	case ColVote:
		v.Projects, err = p.voteList(line, s)
	case ColPoints:
		v.Points, err = pointList(line, s)
		if v.Points == nil {
			v.Points = []int64{}
		}
	default:
		if v.Extra == nil {
			v.Extra = map[string]string{}
		}
		v.Extra[col] = s
	}
	return err
}

// voteList splits a vote's comma list and checks that every project exists, once.
func (p *parser) voteList(line int, s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	ids := strings.Split(s, ",")
	for i, id := range ids {
		ids[i] = strings.TrimSpace(id)
		if _, ok := p.projects[ids[i]]; !ok {
			return nil, errorf(line, ErrUnknownProject, "the vote names project %q, which PROJECTS does not list", ids[i])
		}
		if slices.Contains(ids[:i], ids[i]) {
			return nil, errorf(line, ErrDuplicate, "the vote names project %q twice", ids[i])
		}
	}
	return ids, nil
}

func pointList(line int, s string) ([]int64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	points := make([]int64, len(parts))
	for i, part := range parts {
		n, err := nonNegative(line, "points", part)
		if err != nil {
			return nil, err
		}
		points[i] = n
	}
	return points, nil
}

// finish checks what needs the whole file: the sections, the budget, the counts META
// announces, and the points column of cumulative ballots.
func (p *parser) finish() error {
	e := p.e
	if len(p.seen) < 3 || !p.columns {
		missing := []string{secMeta, secProjects, secVotes}[len(p.seen):]
		if len(missing) == 0 {
			return errorf(0, ErrSection, "the %s section has no column line", p.section)
		}
		return errorf(0, ErrSection, "no %s section", strings.Join(missing, ", "))
	}
	if _, ok := p.metaLine[KeyBudget]; !ok {
		return errorf(0, ErrMissing, "META has no budget")
	}
	if err := p.checkCount(KeyNumProjects, len(e.Projects)); err != nil {
		return err
	}
	if err := p.checkCount(KeyNumVotes, len(e.Votes)); err != nil {
		return err
	}
	if _, ok := p.cols[ColPoints]; e.VoteType == Cumulative && !ok {
		return errorf(0, ErrColumn, "cumulative votes need a points column")
	}
	return nil
}

func (p *parser) checkCount(key string, got int) error {
	v, ok := p.e.Get(key)
	if !ok {
		return nil
	}
	want, _ := parseInt(v) // checked by metaValue
	if want != int64(got) {
		return errorf(p.metaLine[key], ErrMismatch, "%s is %d but the file has %d", key, want, got)
	}
	return nil
}

// nonNegative parses a whole number ≥ 0; "12.0" is accepted as 12.
func nonNegative(line int, what, s string) (int64, error) {
	n, err := parseInt(s)
	if err != nil {
		return 0, errorf(line, ErrNumber, "%s %q is not a whole number", what, s)
	}
	if n < 0 {
		return 0, errorf(line, ErrNumber, "%s %q is negative", what, s)
	}
	return n, nil
}

// optionalInt parses a whole number, or nil for an empty cell.
func optionalInt(line int, what, s string) (*int64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	n, err := parseInt(s)
	if err != nil {
		return nil, errorf(line, ErrNumber, "%s %q is not a whole number", what, s)
	}
	return &n, nil
}

func parseInt(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if whole, frac, ok := strings.Cut(s, "."); ok && frac != "" && strings.Trim(frac, "0") == "" {
		s = whole
	}
	return strconv.ParseInt(s, 10, 64)
}
