package citizens

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Subject is what a verification checks: the person or a flat.
type Subject = storage.VerificationSubject

// Status is where a verification request is: queued, checking, verified or rejected.
type Status = storage.VerificationStatus

// Request is a verification request as the citizen sees it.
type Request struct {
	ID          int64
	Subject     Subject
	Level       int
	Status      Status
	Reason      string // the registry's reason code once decided (registry.Reason, or ReasonDocumentTaken)
	SubmittedAt time.Time
	DueAt       time.Time // the citizen is told by then
	DecidedAt   time.Time // zero while open
	NotifiedAt  time.Time // zero until told
}

func requestOf(r storage.VerificationRequest) Request {
	return Request{ID: r.ID, Subject: r.Subject, Level: r.Level, Status: r.Status, Reason: r.Reason,
		SubmittedAt: r.SubmittedAt, DueAt: r.DueAt, DecidedAt: r.DecidedAt, NotifiedAt: r.NotifiedAt}
}

// PersonSubmission asks for one level of person verification: level 1 checks the
// profile's full name and birth date, level 2 adds the passport, level 3 the SNILS.
type PersonSubmission struct {
	Level          int
	PassportSeries string // level 2: 4 digits
	PassportNumber string // level 2: 6 digits
	SNILS          string // level 3: 11 digits with valid check digits
}

// personDoc is a parsed document of a person submission.
type personDoc struct {
	kind  pii.Kind
	doc   storage.DocumentKind
	value string // normalized, for sealing and indexing only
}

// parse validates the submission's document without touching the database.
func (p PersonSubmission) parse() (personDoc, error) {
	switch p.Level {
	case 1:
		return personDoc{}, nil
	case 2:
		pass, err := pii.ParsePassport(p.PassportSeries, p.PassportNumber)
		if err != nil {
			return personDoc{}, fmt.Errorf("%w: %w", ErrInvalidPassport, err)
		}
		return personDoc{pii.KindPassport, storage.DocPassport, pass.Reveal()}, nil
	case 3:
		snils, err := pii.ParseSNILS(p.SNILS)
		if err != nil {
			return personDoc{}, fmt.Errorf("%w: %w", ErrInvalidSNILS, err)
		}
		return personDoc{pii.KindSNILS, storage.DocSNILS, snils.Reveal()}, nil
	}
	return personDoc{}, ErrInvalidLevel
}

// SubmitPerson queues a check of the next level of the user's person verification, due in
// Config.DueWorkingDays working days. Refusals, with nothing written: a malformed document
// (ErrInvalidPassport, ErrInvalidSNILS, wrapping the pii error), ErrInvalidLevel,
// ErrProfileIncomplete, ErrAlreadyVerified, ErrLevelOrder (each level needs the previous one),
// ErrVerificationPending, ErrDocumentTaken (verified for another user).
func (s *Service) SubmitPerson(ctx context.Context, user int64, in PersonSubmission) (Request, error) {
	r, err := s.submitPerson(ctx, user, in)
	if err != nil {
		return Request{}, fmt.Errorf("submit person verification: %w", err)
	}
	s.log.Info("verification queued", "request", r.ID, "subject", r.Subject, "level", r.Level)
	return r, nil
}

func (s *Service) submitPerson(ctx context.Context, user int64, in PersonSubmission) (Request, error) {
	doc, err := in.parse()
	if err != nil {
		return Request{}, err
	}
	if _, err := s.activeUser(ctx, s.db.Repo, user); err != nil {
		return Request{}, err
	}
	if err := s.checkPersonLevel(ctx, user, in.Level); err != nil {
		return Request{}, err
	}
	req := storage.VerificationRequest{UserRef: user, Subject: storage.SubjectPerson, Level: in.Level}
	if doc.value != "" {
		if req.DocIndex, req.DocCipher, err = s.sealDocument(ctx, user, doc.kind, doc.doc, doc.value); err != nil {
			return Request{}, err
		}
	}
	return s.queue(ctx, req)
}

// checkPersonLevel refuses a person check the user may not ask for now.
func (s *Service) checkPersonLevel(ctx context.Context, user int64, level int) error {
	p, err := s.db.Profile(ctx, user)
	if errors.Is(err, storage.ErrNotFound) || err == nil && (p.FullName == "" || p.BirthDate.IsZero()) {
		return ErrProfileIncomplete
	}
	if err != nil {
		return err
	}
	current, err := personLevel(ctx, s.db.Repo, user)
	switch {
	case err != nil:
		return err
	case level <= current:
		return ErrAlreadyVerified
	case level > current+1:
		return ErrLevelOrder
	}
	return nil
}

// personLevel is the user's verified person level, 0 when never verified.
func personLevel(ctx context.Context, r storage.Repo, user int64) (int, error) {
	pv, err := r.PersonVerification(ctx, user)
	if errors.Is(err, storage.ErrNotFound) {
		return 0, nil
	}
	return pv.Level, err
}

// sealDocument indexes a document, refuses it when it is verified for another user, and
// seals it.
func (s *Service) sealDocument(ctx context.Context, user int64, kind pii.Kind, doc storage.DocumentKind, value string) (string, []byte, error) {
	index := s.vault.Index(kind, value)
	holder, err := s.db.DocumentHolder(ctx, doc, index)
	switch {
	case err == nil && holder != user:
		return "", nil, ErrDocumentTaken
	case err == nil:
		return "", nil, ErrAlreadyVerified
	case !errors.Is(err, storage.ErrNotFound):
		return "", nil, err
	}
	cipher, err := s.vault.Seal(kind, []byte(value))
	if err != nil {
		return "", nil, err
	}
	return index, cipher, nil
}

// queue stores a request due DueWorkingDays working days from now.
func (s *Service) queue(ctx context.Context, req storage.VerificationRequest) (Request, error) {
	now := s.clock()
	req.SubmittedAt, req.DueAt = now, s.DueDate(now)
	err := s.db.CreateVerificationRequest(ctx, &req)
	if errors.Is(err, storage.ErrConflict) {
		return Request{}, ErrVerificationPending
	}
	if err != nil {
		return Request{}, err
	}
	return requestOf(req), nil
}

// DueDate is when a citizen who submits at the given time must be told the outcome: the end
// of the DueWorkingDays-th working day after it, in the city's zone.
func (s *Service) DueDate(submitted time.Time) time.Time {
	return s.cfg.Calendar.AddWorkingDays(submitted, s.cfg.DueWorkingDays, s.cfg.Location).UTC()
}

// FlatSubmission asks for one level of a flat's verification: level 1 checks the
// personal account number (FLS) against the flat's address, level 2 the user's right to the
// flat: an owner's property certificate, or social tenancy.
type FlatSubmission struct {
	Level        int
	FLS          string // 10 digits
	Building     string // level 1: the building's address
	FlatNumber   string // level 1
	PropertyCert string // level 2, an owner: "77-АБ 123456"
	SocialTenant bool   // level 2: a social tenant, who has no certificate
}

// flatDoc is a parsed flat submission.
type flatDoc struct {
	fls        pii.FLS
	cert       pii.PropertyCert
	building   string
	flatNumber string
}

func (f FlatSubmission) parse() (flatDoc, error) {
	if f.Level != 1 && f.Level != 2 {
		return flatDoc{}, ErrInvalidLevel
	}
	fls, err := pii.ParseFLS(f.FLS)
	if err != nil {
		return flatDoc{}, fmt.Errorf("%w: %w", ErrInvalidFLS, err)
	}
	d := flatDoc{fls: fls}
	if f.Level == 1 {
		if d.building, err = normalizeAddressText(f.Building); err != nil {
			return flatDoc{}, ErrInvalidFlat
		}
		if d.flatNumber, err = normalizeAddressText(f.FlatNumber); err != nil || len(d.flatNumber) > maxFlatNumber {
			return flatDoc{}, ErrInvalidFlat
		}
		return d, nil
	}
	switch {
	case f.SocialTenant && f.PropertyCert != "":
		return flatDoc{}, fmt.Errorf("%w: a social tenant gives no certificate", ErrInvalidPropertyCert)
	case f.SocialTenant:
		return d, nil
	}
	if d.cert, err = pii.ParsePropertyCert(f.PropertyCert); err != nil {
		return flatDoc{}, fmt.Errorf("%w: %w", ErrInvalidPropertyCert, err)
	}
	return d, nil
}

// SubmitFlat queues a check of a flat, due in Config.DueWorkingDays working days. Refusals,
// with nothing written: a malformed FLS, address or certificate (ErrInvalidFLS, ErrInvalidFlat,
// ErrInvalidPropertyCert, wrapping the pii error), ErrInvalidLevel, ErrAlreadyVerified,
// ErrLevelOrder (level 2 needs the flat at level 1 and the person at level 1),
// ErrTooManyFlats, ErrVerificationPending, ErrDocumentTaken.
func (s *Service) SubmitFlat(ctx context.Context, user int64, in FlatSubmission) (Request, error) {
	r, err := s.submitFlat(ctx, user, in)
	if err != nil {
		return Request{}, fmt.Errorf("submit flat verification: %w", err)
	}
	s.log.Info("verification queued", "request", r.ID, "subject", r.Subject, "level", r.Level)
	return r, nil
}

func (s *Service) submitFlat(ctx context.Context, user int64, in FlatSubmission) (Request, error) {
	d, err := in.parse()
	if err != nil {
		return Request{}, err
	}
	if _, err := s.activeUser(ctx, s.db.Repo, user); err != nil {
		return Request{}, err
	}
	flsIndex := s.vault.Index(pii.KindFLS, d.fls.Reveal())
	if err := s.checkFlatLevel(ctx, user, flsIndex, in.Level); err != nil {
		return Request{}, err
	}
	flsCipher, err := s.vault.Seal(pii.KindFLS, []byte(d.fls.Reveal()))
	if err != nil {
		return Request{}, err
	}
	req := storage.VerificationRequest{UserRef: user, Subject: storage.SubjectFlat, Level: in.Level,
		FLSIndex: flsIndex, FLSCipher: flsCipher, Building: d.building, FlatNumber: d.flatNumber}
	if !d.cert.IsZero() {
		if req.DocIndex, req.DocCipher, err = s.sealDocument(ctx, user, pii.KindPropertyCert, storage.DocPropertyCert, d.cert.Reveal()); err != nil {
			return Request{}, err
		}
	}
	return s.queue(ctx, req)
}

// maxFlats is how many flats a citizen verifies online.
const maxFlats = 2

// checkFlatLevel refuses a flat check the user may not ask for now.
func (s *Service) checkFlatLevel(ctx context.Context, user int64, flsIndex string, level int) error {
	links, err := s.db.FlatLinks(ctx, user)
	if err != nil {
		return err
	}
	current := 0
	for _, l := range links {
		if l.FLSIndex == flsIndex {
			current = l.Level
		}
	}
	if _, err := s.db.OpenVerification(ctx, user, storage.SubjectFlat, flsIndex); err == nil {
		return ErrVerificationPending
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	switch {
	case level <= current:
		return ErrAlreadyVerified
	case level > current+1:
		return ErrLevelOrder
	case level == 1:
		return s.checkFlatCount(ctx, user, len(links))
	}
	personal, err := personLevel(ctx, s.db.Repo, user)
	if err != nil {
		return err
	}
	if personal < 1 {
		return ErrLevelOrder
	}
	return nil
}

// checkFlatCount refuses a new flat when the user has maxFlats verified or queued.
func (s *Service) checkFlatCount(ctx context.Context, user int64, verified int) error {
	reqs, err := s.db.VerificationRequests(ctx, user)
	if err != nil {
		return err
	}
	n := verified
	for _, r := range reqs {
		if r.Subject == storage.SubjectFlat && r.Level == 1 && (r.Status == storage.VerificationQueued || r.Status == storage.VerificationChecking) {
			n++
		}
	}
	if n >= maxFlats {
		return ErrTooManyFlats
	}
	return nil
}

// Requests returns the user's verification requests, newest first.
func (s *Service) Requests(ctx context.Context, user int64) ([]Request, error) {
	list, err := s.db.VerificationRequests(ctx, user)
	if err != nil {
		return nil, fmt.Errorf("list verification requests: %w", err)
	}
	out := make([]Request, len(list))
	for i, r := range list {
		out[i] = requestOf(r)
	}
	return out, nil
}

// Flat is a verified flat as its citizen sees it; the FLS and certificate are not shown.
type Flat struct {
	Building   string
	FlatNumber string
	Level      int
	Role       string // "owner" or "social_tenant" at level 2
}

// Verification is where a citizen's verification stands.
type Verification struct {
	PersonLevel int
	LastReason  string // of the last person decision
	Flats       []Flat
}

// Verification returns the user's verified levels.
func (s *Service) Verification(ctx context.Context, user int64) (Verification, error) {
	var v Verification
	pv, err := s.db.PersonVerification(ctx, user)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return v, fmt.Errorf("load verification: %w", err)
	}
	v.PersonLevel, v.LastReason = pv.Level, pv.Reason
	links, err := s.db.FlatLinks(ctx, user)
	if err != nil {
		return v, fmt.Errorf("load verification: %w", err)
	}
	for _, l := range links {
		v.Flats = append(v.Flats, Flat{Building: l.Building, FlatNumber: l.FlatNumber, Level: l.Level, Role: l.Role})
	}
	return v, nil
}

// Overdue reports the open requests past their due date, for dashboards and metrics: how many
// there are and up to limit of them, the most overdue first.
func (s *Service) Overdue(ctx context.Context, limit int) (int64, []Request, error) {
	n, list, err := s.db.OverdueVerifications(ctx, s.clock(), max(limit, 1))
	if err != nil {
		return 0, nil, fmt.Errorf("list overdue verifications: %w", err)
	}
	out := make([]Request, len(list))
	for i, r := range list {
		out[i] = requestOf(r)
	}
	return n, out, nil
}
