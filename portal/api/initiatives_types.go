package api

import (
	"time"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// submissionRequest is a submission without photos, as JSON.
type submissionRequest struct {
	Title          string `json:"title"`
	Problem        string `json:"problem"`
	ExpectedResult string `json:"expected_result"`
	Category       string `json:"category"`
	Subcategory    string `json:"subcategory"`
	Territory      string `json:"territory"`
	CostKopecks    int64  `json:"cost_kopecks"`
}

func (r submissionRequest) submission() initiatives.Submission {
	return initiatives.Submission{Title: r.Title, Problem: r.Problem, ExpectedResult: r.ExpectedResult,
		Category: r.Category, Subcategory: r.Subcategory, Territory: r.Territory, Cost: r.CostKopecks}
}

type rejectRequest struct {
	Reason string `json:"reason"`
}

// publishRequest publishes into round RoundID (track "round") or for support ("support").
type publishRequest struct {
	Track   string `json:"track"`
	RoundID int64  `json:"round_id"`
}

// proposalJSON is an initiative as the API shows it. The author is not shown, only whether
// the caller is the author (mine).
type proposalJSON struct {
	ID               int64       `json:"id"`
	Title            string      `json:"title"`
	Problem          string      `json:"problem"`
	ExpectedResult   string      `json:"expected_result"`
	Category         string      `json:"category"`
	Subcategory      string      `json:"subcategory,omitempty"`
	Territory        string      `json:"territory,omitempty"`
	CostKopecks      int64       `json:"cost_kopecks"`
	Status           string      `json:"status"`
	Track            string      `json:"track,omitempty"`
	RejectReason     string      `json:"reject_reason,omitempty"`
	RoundID          int64       `json:"round_id,omitempty"`
	RoundNumber      int         `json:"round_number,omitempty"`
	Supporters       int         `json:"supporters"`
	SupportThreshold int         `json:"support_threshold,omitempty"`
	SupportDeadline  *time.Time  `json:"support_deadline,omitempty"`
	MeasuresDue      *time.Time  `json:"measures_due,omitempty"`
	Photos           []photoJSON `json:"photos"`
	Mine             bool        `json:"mine"`
	Supported        bool        `json:"supported"`
	CreatedAt        time.Time   `json:"created_at"`
	UpdatedAt        time.Time   `json:"updated_at"`
}

type photoJSON struct {
	SHA256      string `json:"sha256"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	URL         string `json:"url"`
}

type postJSON struct {
	ID        int64       `json:"id"`
	Official  bool        `json:"official"`
	Body      string      `json:"body"`
	Photos    []photoJSON `json:"photos"`
	CreatedAt time.Time   `json:"created_at"`
}

type categoryJSON struct {
	Code          string         `json:"code"`
	Name          string         `json:"name"`
	Subcategories []categoryJSON `json:"subcategories,omitempty"`
}

func proposalOf(in initiatives.Initiative, by initiatives.Actor) proposalJSON {
	s := in.Submission
	out := proposalJSON{ID: in.ID, Title: s.Title, Problem: s.Problem, ExpectedResult: s.ExpectedResult, Category: s.Category,
		Subcategory: s.Subcategory, Territory: s.Territory, CostKopecks: s.Cost, Status: string(in.Status), Track: in.Track,
		RejectReason: in.RejectReason, RoundID: in.RoundID, RoundNumber: in.RoundNumber, Supporters: in.Supporters,
		SupportThreshold: in.SupportThreshold, SupportDeadline: timePtr(in.SupportDeadline), MeasuresDue: timePtr(in.MeasuresDue),
		Photos: photosOf(in.Photos), Mine: by.User != 0 && by.User == in.Author, CreatedAt: in.Created, UpdatedAt: in.Updated}
	return out
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func photosOf(refs []initiatives.PhotoRef) []photoJSON {
	out := make([]photoJSON, len(refs))
	for i, r := range refs {
		out[i] = photoJSON{SHA256: r.SHA256, ContentType: r.ContentType, Size: r.Size, URL: "/api/v1/photos/" + r.SHA256}
	}
	return out
}

func postOf(p initiatives.Post) postJSON {
	return postJSON{ID: p.ID, Official: p.Official, Body: p.Body, Photos: photosOf(p.Photos), CreatedAt: p.Created}
}

func categoriesOf(cats []initiatives.Category) []categoryJSON {
	out := make([]categoryJSON, len(cats))
	for i, c := range cats {
		out[i] = categoryJSON{Code: c.Code, Name: c.Name}
		for _, sub := range c.Subcategories {
			out[i].Subcategories = append(out[i].Subcategories, categoryJSON{Code: sub.Code, Name: sub.Name})
		}
	}
	return out
}
