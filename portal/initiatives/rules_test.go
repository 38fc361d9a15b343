package initiatives_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/initiatives"
	"github.com/pbnode/pbnode/portal/workdays"
)

// TestNext walks the state machine of, the allowed moves and a refusal from each state.
func TestNext(t *testing.T) {
	tests := []struct {
		from    initiatives.Status
		action  initiatives.Action
		want    initiatives.Status
		wantErr error
	}{
		// submitted → expert review → accepted or rejected with a reason.
		{initiatives.StatusSubmitted, initiatives.ActionReview, initiatives.StatusInReview, nil},
		{initiatives.StatusSubmitted, initiatives.ActionAccept, "", initiatives.ErrTransition},
		{initiatives.StatusInReview, initiatives.ActionAccept, initiatives.StatusAccepted, nil},
		{initiatives.StatusInReview, initiatives.ActionReject, initiatives.StatusRejected, nil},
		{initiatives.StatusRejected, initiatives.ActionPublish, "", initiatives.ErrTransition},
		{initiatives.StatusRejected, initiatives.ActionReview, "", initiatives.ErrTransition},
		// accepted → open for support or funding (through publishing while registered).
		{initiatives.StatusAccepted, initiatives.ActionPublish, initiatives.StatusPublishing, nil},
		{initiatives.StatusAccepted, initiatives.ActionFund, "", initiatives.ErrTransition},
		{initiatives.StatusPublishing, initiatives.ActionRegister, initiatives.StatusPublished, nil},
		{initiatives.StatusPublishing, initiatives.ActionRevert, initiatives.StatusAccepted, nil},
		{initiatives.StatusPublished, initiatives.ActionPublish, "", initiatives.ErrTransition},
		// funded or not.
		{initiatives.StatusPublished, initiatives.ActionFund, initiatives.StatusFunded, nil},
		{initiatives.StatusPublished, initiatives.ActionUnfund, initiatives.StatusNotFunded, nil},
		{initiatives.StatusPublished, initiatives.ActionProgress, "", initiatives.ErrTransition},
		{initiatives.StatusNotFunded, initiatives.ActionProgress, "", initiatives.ErrTransition},
		// implementation monitored by progress posts until done.
		{initiatives.StatusFunded, initiatives.ActionProgress, initiatives.StatusImplementation, nil},
		{initiatives.StatusFunded, initiatives.ActionComplete, "", initiatives.ErrTransition},
		{initiatives.StatusImplementation, initiatives.ActionProgress, initiatives.StatusImplementation, nil},
		{initiatives.StatusImplementation, initiatives.ActionComplete, initiatives.StatusDone, nil},
		{initiatives.StatusDone, initiatives.ActionProgress, "", initiatives.ErrTransition},
		{initiatives.StatusDone, initiatives.ActionComplete, "", initiatives.ErrTransition},
		{"unknown", initiatives.ActionReview, "", initiatives.ErrTransition},
	}
	for _, tt := range tests {
		t.Run(string(tt.from)+"/"+string(tt.action), func(t *testing.T) {
			got, err := initiatives.Next(tt.from, tt.action)
			if got != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("Next(%s, %s) = %q, %v; want %q, %v", tt.from, tt.action, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestPublic(t *testing.T) {
	for s, want := range map[initiatives.Status]bool{
		initiatives.StatusSubmitted: false, initiatives.StatusInReview: false, initiatives.StatusAccepted: false,
		initiatives.StatusRejected: false, initiatives.StatusPublishing: false, initiatives.StatusPublished: true,
		initiatives.StatusFunded: true, initiatives.StatusNotFunded: true, initiatives.StatusImplementation: true, initiatives.StatusDone: true,
	} {
		if got := s.Public(); got != want {
			t.Errorf("%s.Public() = %v, want %v", s, got, want)
		}
	}
}

// valid is the seed 002 initiative: mobile internet in Khatanga.
func valid() initiatives.Submission {
	return initiatives.Submission{
		Title:          "Обеспечение высокоскоростным мобильным интернетом населения северного поселка Хатанга",
		Problem:        "В поселке отсутствует мобильный интернет, а спутниковый интернет не каждый может себе позволить.",
		ExpectedResult: "Обеспечение высокоскоростным мобильным интернетом населения северного поселка Хатанга",
		Category:       "communications", Subcategory: "mobile", Territory: "taimyr/khatanga", Cost: 150_000_000_00,
	}
}

// TestSubmissionValidate checks the fields of.
func TestSubmissionValidate(t *testing.T) {
	cats := initiatives.DefaultCategories()
	with := func(f func(*initiatives.Submission)) initiatives.Submission { s := valid(); f(&s); return s }
	tests := []struct {
		name    string
		in      initiatives.Submission
		wantErr error
	}{
		{"seed 002", valid(), nil},
		{"no subcategory", with(func(s *initiatives.Submission) { s.Subcategory = "" }), nil},
		{"no territory", with(func(s *initiatives.Submission) { s.Territory = "" }), nil},
		{"no title", with(func(s *initiatives.Submission) { s.Title = "" }), initiatives.ErrInvalid},
		{"title too long", with(func(s *initiatives.Submission) { s.Title = strings.Repeat("я", initiatives.MaxTitleLen+1) }), initiatives.ErrInvalid},
		{"title of max length", with(func(s *initiatives.Submission) { s.Title = strings.Repeat("я", initiatives.MaxTitleLen) }), nil},
		{"no problem", with(func(s *initiatives.Submission) { s.Problem = "" }), initiatives.ErrInvalid},
		{"problem too long", with(func(s *initiatives.Submission) { s.Problem = strings.Repeat("a", initiatives.MaxProblemLen+1) }), initiatives.ErrInvalid},
		{"no expected result", with(func(s *initiatives.Submission) { s.ExpectedResult = "" }), initiatives.ErrInvalid},
		{"control character", with(func(s *initiatives.Submission) { s.Title = "a\x00b" }), initiatives.ErrInvalid},
		{"invalid UTF-8", with(func(s *initiatives.Submission) { s.Problem = "\xff" }), initiatives.ErrInvalid},
		{"zero cost", with(func(s *initiatives.Submission) { s.Cost = 0 }), initiatives.ErrInvalid},
		{"negative cost", with(func(s *initiatives.Submission) { s.Cost = -1 }), initiatives.ErrInvalid},
		{"cost too large", with(func(s *initiatives.Submission) { s.Cost = initiatives.MaxCost + 1 }), initiatives.ErrInvalid},
		{"unknown category", with(func(s *initiatives.Submission) { s.Category = "weather" }), initiatives.ErrUnknownCategory},
		{"subcategory of another category", with(func(s *initiatives.Submission) { s.Subcategory = "playground" }), initiatives.ErrUnknownCategory},
		{"territory too long", with(func(s *initiatives.Submission) { s.Territory = strings.Repeat("t", 65) }), initiatives.ErrInvalid},
		{"territory not a code", with(func(s *initiatives.Submission) { s.Territory = "Таймыр, Хатанга" }), initiatives.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.in.Normalize().Validate(cats); !errors.Is(err, tt.wantErr) {
				t.Errorf("Validate = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestCheckReason(t *testing.T) {
	tests := []struct {
		reason  string
		wantErr error
	}{
		{"Дубликат инициативы №12", nil},
		{"", initiatives.ErrReasonRequired},
		{"  \n ", initiatives.ErrReasonRequired},
		{strings.Repeat("x", initiatives.MaxReasonLen+1), initiatives.ErrInvalid},
	}
	for _, tt := range tests {
		if err := initiatives.CheckReason(tt.reason); !errors.Is(err, tt.wantErr) {
			t.Errorf("CheckReason(%.20q) = %v, want %v", tt.reason, err, tt.wantErr)
		}
	}
}

var msk = time.FixedZone("MSK", 3*60*60)

// TestSupportRules checks: votes until the deadline, the threshold, and the due date of
// measures in working days after the deadline.
func TestSupportRules(t *testing.T) {
	published := time.Date(2027, 2, 1, 15, 0, 0, 0, msk)
	deadline := initiatives.SupportDeadline(published, 60, msk)
	if want := time.Date(2027, 4, 2, 23, 59, 59, 999999999, msk); !deadline.Equal(want) {
		t.Errorf("SupportDeadline = %s, want %s", deadline, want)
	}
	for _, tt := range []struct {
		at   time.Time
		want bool
	}{{deadline.Add(-time.Hour), true}, {deadline, true}, {deadline.Add(time.Nanosecond), false}} {
		if got := initiatives.SupportOpen(deadline, tt.at); got != tt.want {
			t.Errorf("SupportOpen(at %s) = %v, want %v", tt.at, got, tt.want)
		}
	}
	for _, tt := range []struct {
		supporters, threshold int
		want                  bool
	}{{99, 100, false}, {100, 100, true}, {101, 100, true}, {0, 0, false}} {
		if got := initiatives.ReachedThreshold(tt.supporters, tt.threshold); got != tt.want {
			t.Errorf("ReachedThreshold(%d, %d) = %v, want %v", tt.supporters, tt.threshold, got, tt.want)
		}
	}
	cal := workdays.Russia()
	tests := []struct {
		name     string
		deadline time.Time
		days     int
		want     time.Time
	}{
		// A Friday deadline: 5 working days end on the next Friday.
		{"plain week", time.Date(2027, 4, 2, 23, 59, 59, 0, msk), 5, time.Date(2027, 4, 9, 23, 59, 59, 999999999, msk)},
		// 31 December 2026 and the New Year holidays (1–10 January 2027) are not working days.
		{"over the New Year holidays", time.Date(2026, 12, 30, 23, 59, 59, 0, msk), 1, time.Date(2027, 1, 11, 23, 59, 59, 999999999, msk)},
		{"the day before", time.Date(2026, 12, 29, 23, 59, 59, 0, msk), 1, time.Date(2026, 12, 30, 23, 59, 59, 999999999, msk)},
	}
	for _, tt := range tests {
		if got := initiatives.MeasuresDue(cal, tt.deadline, tt.days, msk); !got.Equal(tt.want) {
			t.Errorf("%s: MeasuresDue = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	cfg := initiatives.DefaultConfig()
	cfg.PhotosDir = t.TempDir()
	if err := cfg.Validate(); err != nil {
		t.Fatalf("default config: %v", err)
	}
	for name, f := range map[string]func(*initiatives.Config){
		"no photos dir":   func(c *initiatives.Config) { c.PhotosDir = "" },
		"tiny photo cap":  func(c *initiatives.Config) { c.MaxPhotoBytes = 10 },
		"zero threshold":  func(c *initiatives.Config) { c.SupportThreshold = 0 },
		"zero days":       func(c *initiatives.Config) { c.SupportDays = 0 },
		"level 0":         func(c *initiatives.Config) { c.MinPersonLevel = 0 },
		"no categories":   func(c *initiatives.Config) { c.Categories = nil },
		"no calendar":     func(c *initiatives.Config) { c.Calendar = nil },
		"too many photos": func(c *initiatives.Config) { c.MaxPhotos = 21 },
	} {
		c := cfg
		f(&c)
		if err := c.Validate(); !errors.Is(err, initiatives.ErrConfig) {
			t.Errorf("%s: Validate = %v, want ErrConfig", name, err)
		}
	}
}
