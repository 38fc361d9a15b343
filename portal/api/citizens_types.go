package api

import (
	"time"

	"github.com/pbnode/pbnode/portal/citizens"
)

// Request and response types of citizens' profiles and verification. Documents appear
// only as masks ("***-***-*** 95"), and only to their citizen.

type profileRequest struct {
	FullName  string `json:"full_name"`
	Sex       string `json:"sex"`        // "m", "f" or ""
	BirthDate string `json:"birth_date"` // "1985-03-17" or "17.03.1985"
	Email     string `json:"email"`
	Children  []int  `json:"children"` // birth years
}

type profileJSON struct {
	UserID    string `json:"user_id"` // the twelve-digit unique user ID
	FullName  string `json:"full_name"`
	Sex       string `json:"sex"`
	BirthDate string `json:"birth_date"` // "YYYY-MM-DD"; "" when not given
	Email     string `json:"email"`
	Children  []int  `json:"children"`
}

func profileOf(userID string, p citizens.Profile) profileJSON {
	out := profileJSON{UserID: userID, FullName: p.FullName, Sex: string(p.Sex), Email: p.Email, Children: p.Children}
	if !p.BirthDate.IsZero() {
		out.BirthDate = p.BirthDate.Format(time.DateOnly)
	}
	if out.Children == nil {
		out.Children = []int{}
	}
	return out
}

type addressRequest struct {
	Text      string `json:"text"`
	Territory string `json:"territory"`
}

type addressJSON struct {
	Kind       string    `json:"kind"`
	Text       string    `json:"text"`
	Territory  string    `json:"territory"`
	ChangedAt  time.Time `json:"changed_at"`
	NextChange time.Time `json:"next_change"` // the first instant it may change again
}

type addressesJSON struct {
	Addresses []addressJSON `json:"addresses"`
}

func addressOf(a citizens.Address) addressJSON {
	return addressJSON{Kind: string(a.Kind), Text: a.Text, Territory: a.Territory, ChangedAt: a.ChangedAt, NextChange: a.NextChange}
}

type passportRequest struct {
	Series string `json:"series"`
	Number string `json:"number"`
}

type personRequest struct {
	Level    int              `json:"level"`
	Passport *passportRequest `json:"passport"` // level 2
	SNILS    string           `json:"snils"`    // level 3
}

func (r personRequest) submission() citizens.PersonSubmission {
	out := citizens.PersonSubmission{Level: r.Level, SNILS: r.SNILS}
	if r.Passport != nil {
		out.PassportSeries, out.PassportNumber = r.Passport.Series, r.Passport.Number
	}
	return out
}

type flatRequest struct {
	Level        int    `json:"level"` // 0: 2 with a certificate or social_tenant, else 1
	FLS          string `json:"fls"`
	Building     string `json:"building"`
	Flat         string `json:"flat"`
	PropertyCert string `json:"property_cert"`
	SocialTenant bool   `json:"social_tenant"`
}

func (r flatRequest) submission() citizens.FlatSubmission {
	level := r.Level
	if level == 0 {
		level = 1
		if r.PropertyCert != "" || r.SocialTenant {
			level = 2
		}
	}
	return citizens.FlatSubmission{Level: level, FLS: r.FLS, Building: r.Building, FlatNumber: r.Flat,
		PropertyCert: r.PropertyCert, SocialTenant: r.SocialTenant}
}

type requestJSON struct {
	ID          int64      `json:"id"`
	Subject     string     `json:"subject"` // "person" or "flat"
	Level       int        `json:"level"`
	Status      string     `json:"status"` // queued, checking, verified, rejected
	Reason      string     `json:"reason,omitempty"`
	SubmittedAt time.Time  `json:"submitted_at"`
	DueAt       time.Time  `json:"due_at"` // the citizen is told by then
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	NotifiedAt  *time.Time `json:"notified_at,omitempty"`
}

func requestOf(r citizens.Request) requestJSON {
	return requestJSON{ID: r.ID, Subject: string(r.Subject), Level: r.Level, Status: string(r.Status), Reason: r.Reason,
		SubmittedAt: r.SubmittedAt, DueAt: r.DueAt, DecidedAt: timeOrNil(r.DecidedAt), NotifiedAt: timeOrNil(r.NotifiedAt)}
}

func requestsOf(list []citizens.Request) []requestJSON {
	out := make([]requestJSON, len(list))
	for i, r := range list {
		out[i] = requestOf(r)
	}
	return out
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

type flatJSON struct {
	Building     string `json:"building"`
	Flat         string `json:"flat"`
	Level        int    `json:"level"`
	Role         string `json:"role,omitempty"`          // owner or social_tenant at level 2
	FLS          string `json:"fls"`                     // masked: "********90"
	PropertyCert string `json:"property_cert,omitempty"` // masked: "**-** ****73"
}

type verificationJSON struct {
	UserID      string        `json:"user_id"`
	PersonLevel int           `json:"person_level"`
	LastReason  string        `json:"last_reason,omitempty"`
	Passport    string        `json:"passport,omitempty"` // masked: "**** ****56"
	SNILS       string        `json:"snils,omitempty"`    // masked: "***-***-*** 95"
	Flats       []flatJSON    `json:"flats"`
	Requests    []requestJSON `json:"requests"` // newest first
}

func verificationOf(userID string, v citizens.Verification, d citizens.Documents, reqs []citizens.Request) verificationJSON {
	out := verificationJSON{UserID: userID, PersonLevel: v.PersonLevel, LastReason: v.LastReason, Passport: d.Passport,
		SNILS: d.SNILS, Flats: make([]flatJSON, len(d.Flats)), Requests: requestsOf(reqs)}
	for i, f := range d.Flats {
		out.Flats[i] = flatJSON{Building: f.Building, Flat: f.FlatNumber, Level: f.Level, Role: f.Role, FLS: f.FLS, PropertyCert: f.PropertyCert}
	}
	return out
}

type minorRequest struct {
	FullName  string `json:"full_name"`
	BirthDate string `json:"birth_date"`
	Basis     string `json:"basis"` // "parent" or "guardian"
}

type minorJSON struct {
	ID           int64  `json:"id"`
	FullName     string `json:"full_name"`
	BirthDate    string `json:"birth_date"`
	Basis        string `json:"basis"`
	InPersonOnly bool   `json:"in_person_only"` // always true: a representative votes in person
}

type minorsJSON struct {
	Minors []minorJSON `json:"minors"`
}

func minorOf(m citizens.Minor) minorJSON {
	return minorJSON{ID: m.ID, FullName: m.FullName, BirthDate: m.BirthDate.Format(time.DateOnly), Basis: m.Basis, InPersonOnly: m.InPersonOnly}
}

type overdueJSON struct {
	Count    int64         `json:"count"`    // every open request past its due date
	Requests []requestJSON `json:"requests"` // the most overdue first, at most limit
}

// tooSoonBody is the error of an address changed too soon, with when it may change.
type tooSoonBody struct {
	Error tooSoonDetail `json:"error"`
}

type tooSoonDetail struct {
	Code        string    `json:"code"`
	Message     string    `json:"message"`
	NextAllowed time.Time `json:"next_allowed"`
}
