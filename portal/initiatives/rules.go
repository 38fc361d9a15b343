package initiatives

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/workdays"
)

// Status is where an initiative stands.
type Status string

// The statuses, in the order an initiative goes through them. Publishing is held only while
// an initiative is being registered in a round.
const (
	StatusSubmitted      Status = "submitted"
	StatusInReview       Status = "in_review"
	StatusAccepted       Status = "accepted"
	StatusRejected       Status = "rejected"
	StatusPublishing     Status = "publishing"
	StatusPublished      Status = "published"
	StatusFunded         Status = "funded"
	StatusNotFunded      Status = "not_funded"
	StatusImplementation Status = "implementation"
	StatusDone           Status = "done"
)

// Public reports whether anyone may see an initiative in status s: from publication on.
func (s Status) Public() bool {
	switch s {
	case StatusPublished, StatusFunded, StatusNotFunded, StatusImplementation, StatusDone:
		return true
	}
	return false
}

// Action is what someone does to an initiative.
type Action string

// The actions of the state machine.
const (
	ActionReview   Action = "review"   // a moderator takes it into review
	ActionAccept   Action = "accept"   // the expert review accepts it
	ActionReject   Action = "reject"   // the expert review rejects it, with a reason
	ActionPublish  Action = "publish"  // into a round, or for support
	ActionRegister Action = "register" // the round registered it
	ActionRevert   Action = "revert"   // the round refused it: back to accepted
	ActionFund     Action = "fund"     // funded by the round, or reached the support threshold
	ActionUnfund   Action = "unfund"   // not funded, or short of the threshold
	ActionProgress Action = "progress" // a progress post
	ActionComplete Action = "complete" // an official marks it done
)

// transitions is the state machine of: from a status, an action leads to a status.
var transitions = map[Status]map[Action]Status{
	StatusSubmitted:      {ActionReview: StatusInReview},
	StatusInReview:       {ActionAccept: StatusAccepted, ActionReject: StatusRejected},
	StatusAccepted:       {ActionPublish: StatusPublishing},
	StatusPublishing:     {ActionRegister: StatusPublished, ActionRevert: StatusAccepted},
	StatusPublished:      {ActionFund: StatusFunded, ActionUnfund: StatusNotFunded},
	StatusFunded:         {ActionProgress: StatusImplementation},
	StatusImplementation: {ActionProgress: StatusImplementation, ActionComplete: StatusDone},
}

// Next returns the status action leads to from status from, or ErrTransition.
func Next(from Status, action Action) (Status, error) {
	to, ok := transitions[from][action]
	if !ok {
		return "", fmt.Errorf("%w: cannot %s an initiative that is %s", ErrTransition, action, from)
	}
	return to, nil
}

// Limits of the text fields, in characters.
const (
	MaxTitleLen   = budget.MaxTitleLen // it becomes the round's initiative title
	MaxProblemLen = 5000
	MaxResultLen  = 2000
	MaxReasonLen  = 1000
	MaxPostLen    = 5000
	// MaxCost is the largest cost accepted, in kopecks: ten billion roubles.
	MaxCost int64 = 10_000_000_000_00
)

// Submission is what a citizen submits. Cost is in kopecks.
type Submission struct {
	Title          string
	Problem        string
	ExpectedResult string
	Category       string
	Subcategory    string
	Territory      string
	Cost           int64
}

// Normalize returns s with surrounding space trimmed from its text.
func (s Submission) Normalize() Submission {
	for _, f := range []*string{&s.Title, &s.Problem, &s.ExpectedResult, &s.Category, &s.Subcategory, &s.Territory} {
		*f = strings.TrimSpace(*f)
	}
	return s
}

// Validate checks a normalized submission against the rules of and the categories;
// errors wrap ErrInvalid or ErrUnknownCategory.
func (s Submission) Validate(categories []Category) error {
	for _, f := range []struct {
		name  string
		value string
		limit int
	}{{"title", s.Title, MaxTitleLen}, {"problem", s.Problem, MaxProblemLen}, {"expected result", s.ExpectedResult, MaxResultLen}} {
		if err := text(f.name, f.value, f.limit); err != nil {
			return err
		}
	}
	switch {
	case !citizens.ValidTerritory(s.Territory):
		return fmt.Errorf("%w: territory must be a territory code (lowercase letters, digits, '-', '_', '.', '/'), or empty for the city", ErrInvalid)
	case s.Cost <= 0 || s.Cost > MaxCost:
		return fmt.Errorf("%w: cost must be 1 to %d kopecks", ErrInvalid, MaxCost)
	}
	return checkCategory(categories, s.Category, s.Subcategory)
}

// text checks a required text field: valid UTF-8, 1 to limit characters, no control
// characters other than line breaks and tabs.
func text(name, v string, limit int) error {
	if v == "" || !utf8.ValidString(v) || utf8.RuneCountInString(v) > limit || hasControl(v) {
		return fmt.Errorf("%w: %s must have 1 to %d characters", ErrInvalid, name, limit)
	}
	return nil
}

func hasControl(v string) bool {
	return strings.ContainsFunc(v, func(r rune) bool { return (r < 0x20 && r != '\n' && r != '\r' && r != '\t') || r == 0x7f })
}

// checkCategory reports whether category and subcategory ("" allowed) are in categories.
func checkCategory(categories []Category, category, sub string) error {
	i := slices.IndexFunc(categories, func(c Category) bool { return c.Code == category })
	if i < 0 {
		return fmt.Errorf("%w: no category with that code", ErrUnknownCategory)
	}
	if sub != "" && !slices.ContainsFunc(categories[i].Subcategories, func(s Subcategory) bool { return s.Code == sub }) {
		return fmt.Errorf("%w: no such subcategory in the category", ErrUnknownCategory)
	}
	return nil
}

// CheckReason checks a rejection reason (R-2.2: a rejection has one).
func CheckReason(reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return ErrReasonRequired
	}
	return text("reason", reason, MaxReasonLen)
}

// CheckPost checks the text of a progress post.
func CheckPost(body string) error { return text("post", strings.TrimSpace(body), MaxPostLen) }

// SupportDeadline is when an initiative published for support at published stops collecting
// votes: the end of the days-th calendar day after publication in loc.
func SupportDeadline(published time.Time, days int, loc *time.Location) time.Time {
	y, m, d := published.In(loc).Date()
	return time.Date(y, m, d+days+1, 0, 0, 0, 0, loc).Add(-time.Nanosecond)
}

// SupportOpen reports whether a support vote at now is in time: not after the deadline.
func SupportOpen(deadline, now time.Time) bool { return !now.After(deadline) }

// ReachedThreshold reports whether supporters suffice: at least the threshold.
func ReachedThreshold(supporters, threshold int) bool {
	return threshold > 0 && supporters >= threshold
}

// MeasuresDue is the date by which measures are due for an initiative that reached the
// threshold: the end of the n-th working day after the support deadline.
func MeasuresDue(cal *workdays.Calendar, deadline time.Time, n int, loc *time.Location) time.Time {
	return cal.AddWorkingDays(deadline, n, loc)
}
