package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// PersonVerification is what the registries confirmed about a person: the level
// reached (0 to 3) with the passport (level 2) and SNILS (level 3) that reached it, each a
// pii.Vault ciphertext and keyed index, and the outcome of the last check.
type PersonVerification struct {
	UserRef        int64
	Level          int
	PassportIndex  string // "" below level 2
	PassportCipher []byte
	SNILSIndex     string // "" below level 3
	SNILSCipher    []byte
	Status         VerificationStatus // of the last decision: VerificationVerified or VerificationRejected
	Reason         string             // the registry's reason code of the last decision
	UpdatedAt      time.Time
}

type personVerificationRow struct {
	UserRef        int64 `gorm:"primaryKey"`
	Level          int
	PassportIndex  *string
	PassportCipher []byte
	SNILSIndex     *string `gorm:"column:snils_index"`
	SNILSCipher    []byte  `gorm:"column:snils_cipher"`
	Status         string
	Reason         string
	UpdatedAt      time.Time
}

func (personVerificationRow) TableName() string { return "person_verifications" }

// PersonVerification returns the user's person verification, or ErrNotFound when no check
// was ever decided (level 0).
func (r Repo) PersonVerification(ctx context.Context, userRef int64) (PersonVerification, error) {
	var row personVerificationRow
	if err := r.with(ctx).Take(&row, "user_ref = ?", userRef).Error; err != nil {
		return PersonVerification{}, fmt.Errorf("load person verification of user %d: %w", userRef, translate(err))
	}
	return PersonVerification{
		UserRef: row.UserRef, Level: row.Level, PassportIndex: deref(row.PassportIndex), PassportCipher: row.PassportCipher,
		SNILSIndex: deref(row.SNILSIndex), SNILSCipher: row.SNILSCipher, Status: VerificationStatus(row.Status),
		Reason: row.Reason, UpdatedAt: row.UpdatedAt.UTC(),
	}, nil
}

// FlatLink is a flat the registries confirmed for a user: level 1 by its personal account
// number (FLS), level 2 with the user's right to it (owner, with a property certificate, or
// social tenant).
type FlatLink struct {
	ID         int64
	UserRef    int64
	FLSIndex   string
	FLSCipher  []byte
	Building   string
	FlatNumber string
	Level      int
	Role       string // "owner" or "social_tenant" at level 2; "" at level 1
	CertIndex  string // an owner's property certificate; "" otherwise
	CertCipher []byte
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

type flatLinkRow struct {
	ID                 int64 `gorm:"primaryKey"`
	UserRef            int64
	FLSIndex           string `gorm:"column:fls_index"`
	FLSCipher          []byte `gorm:"column:fls_cipher"`
	Building           string
	FlatNumber         string
	Level              int
	Role               *string
	PropertyCertIndex  *string
	PropertyCertCipher []byte
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

func (flatLinkRow) TableName() string { return "flat_links" }

// FlatLinks returns the user's verified flats, oldest first.
func (r Repo) FlatLinks(ctx context.Context, userRef int64) ([]FlatLink, error) {
	var rows []flatLinkRow
	if err := r.with(ctx).Where("user_ref = ?", userRef).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list flats of user %d: %w", userRef, translate(err))
	}
	out := make([]FlatLink, len(rows))
	for i, row := range rows {
		out[i] = FlatLink{
			ID: row.ID, UserRef: row.UserRef, FLSIndex: row.FLSIndex, FLSCipher: row.FLSCipher, Building: row.Building,
			FlatNumber: row.FlatNumber, Level: row.Level, Role: deref(row.Role), CertIndex: deref(row.PropertyCertIndex),
			CertCipher: row.PropertyCertCipher, CreatedAt: row.CreatedAt.UTC(), UpdatedAt: row.UpdatedAt.UTC(),
		}
	}
	return out, nil
}

// DocumentKind names a document that may be verified for one user only.
type DocumentKind string

// Documents whose keyed index is unique among verified users.
const (
	DocPassport     DocumentKind = "passport"
	DocSNILS        DocumentKind = "snils"
	DocPropertyCert DocumentKind = "property_cert"
)

// DocumentHolder returns the user for whom the document with the given keyed index is
// verified, or ErrNotFound when it is verified for nobody.
func (r Repo) DocumentHolder(ctx context.Context, kind DocumentKind, index string) (int64, error) {
	idx, err := normIndex(index)
	if err != nil {
		return 0, fmt.Errorf("find holder of %s: %w", kind, err)
	}
	var q string
	switch kind {
	case DocPassport:
		q = "SELECT user_ref FROM person_verifications WHERE passport_index = ?"
	case DocSNILS:
		q = "SELECT user_ref FROM person_verifications WHERE snils_index = ?"
	case DocPropertyCert:
		q = "SELECT user_ref FROM flat_links WHERE property_cert_index = ?"
	default:
		return 0, fmt.Errorf("find holder of %s: %w: unknown document", kind, ErrInvalid)
	}
	var refs []int64
	if err := r.with(ctx).Raw(q, idx).Scan(&refs).Error; err != nil {
		return 0, fmt.Errorf("find holder of %s: %w", kind, translate(err))
	}
	if len(refs) == 0 {
		return 0, fmt.Errorf("find holder of %s: %w", kind, ErrNotFound)
	}
	return refs[0], nil
}

// VerificationSubject is what a verification request checks.
type VerificationSubject string

// Subjects.
const (
	SubjectPerson VerificationSubject = "person"
	SubjectFlat   VerificationSubject = "flat"
)

// VerificationStatus is where a verification request is.
type VerificationStatus string

// Statuses. A request is queued, claimed by a worker (checking), then decided.
const (
	VerificationQueued   VerificationStatus = "queued"
	VerificationChecking VerificationStatus = "checking"
	VerificationVerified VerificationStatus = "verified"
	VerificationRejected VerificationStatus = "rejected"
)

// VerificationRequest asks for one level of a person's or flat's verification. While it is
// open it holds the document to check (a ciphertext and keyed index); the decision clears it.
type VerificationRequest struct {
	ID          int64
	UserRef     int64
	Subject     VerificationSubject
	Level       int // 1 to 3 for a person, 1 or 2 for a flat
	Status      VerificationStatus
	Reason      string // the reason code of the decision
	DocIndex    string // passport (person 2), SNILS (person 3), property certificate (flat 2)
	DocCipher   []byte
	FLSIndex    string // flat requests
	FLSCipher   []byte
	Building    string // flat 1
	FlatNumber  string // flat 1
	Attempts    int    // claims so far; a decision names the claim it decides
	ClaimedAt   time.Time
	SubmittedAt time.Time
	DueAt       time.Time // when the citizen must have been told
	DecidedAt   time.Time // zero while open
	NotifiedAt  time.Time // zero until the citizen was told
}

type verificationRequestRow struct {
	ID          int64 `gorm:"primaryKey"`
	UserRef     int64
	Subject     string
	Level       int
	Status      string
	Reason      string
	DocIndex    *string
	DocCipher   []byte
	FLSIndex    *string `gorm:"column:fls_index"`
	FLSCipher   []byte  `gorm:"column:fls_cipher"`
	Building    *string
	FlatNumber  *string
	Attempts    int
	ClaimedAt   *time.Time
	SubmittedAt time.Time
	DueAt       time.Time
	DecidedAt   *time.Time
	NotifiedAt  *time.Time
}

func (verificationRequestRow) TableName() string { return "verification_requests" }

func (row verificationRequestRow) request() VerificationRequest {
	return VerificationRequest{
		ID: row.ID, UserRef: row.UserRef, Subject: VerificationSubject(row.Subject), Level: row.Level,
		Status: VerificationStatus(row.Status), Reason: row.Reason, DocIndex: deref(row.DocIndex), DocCipher: row.DocCipher,
		FLSIndex: deref(row.FLSIndex), FLSCipher: row.FLSCipher, Building: deref(row.Building), FlatNumber: deref(row.FlatNumber),
		Attempts: row.Attempts, ClaimedAt: timeOf(row.ClaimedAt), SubmittedAt: row.SubmittedAt.UTC(), DueAt: row.DueAt.UTC(),
		DecidedAt: timeOf(row.DecidedAt), NotifiedAt: timeOf(row.NotifiedAt),
	}
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// CreateVerificationRequest queues req and sets its ID, status and SubmittedAt (default now).
// ErrInvalid for an unknown subject, a level out of range, a missing due date, a malformed
// index or a document without its ciphertext; ErrConflict when the user already has an open
// request for the person, or for the same flat; ErrNotFound for an unknown user. Inside a Tx
// a conflict leaves the transaction usable.
func (r Repo) CreateVerificationRequest(ctx context.Context, req *VerificationRequest) error {
	if err := req.check(); err != nil {
		return fmt.Errorf("queue verification: %w", err)
	}
	at := req.SubmittedAt
	if at.IsZero() {
		at = now()
	}
	row := verificationRequestRow{
		UserRef: req.UserRef, Subject: string(req.Subject), Level: req.Level, Status: string(VerificationQueued),
		DocIndex: nullable(req.DocIndex), DocCipher: req.DocCipher, FLSIndex: nullable(req.FLSIndex), FLSCipher: req.FLSCipher,
		Building: nullable(req.Building), FlatNumber: nullable(req.FlatNumber), SubmittedAt: dbTime(at), DueAt: dbTime(req.DueAt),
	}
	err := r.atomic(ctx, func(r Repo) error { return r.with(ctx).Create(&row).Error })
	if err != nil {
		return fmt.Errorf("queue %s verification of user %d: %w", req.Subject, req.UserRef, translate(err))
	}
	*req = row.request()
	return nil
}

func (req *VerificationRequest) check() (err error) {
	maxLevel := map[VerificationSubject]int{SubjectPerson: 3, SubjectFlat: 2}[req.Subject]
	switch {
	case maxLevel == 0:
		return fmt.Errorf("%w: subject %q", ErrInvalid, req.Subject)
	case req.Level < 1 || req.Level > maxLevel:
		return fmt.Errorf("%w: %s level %d", ErrInvalid, req.Subject, req.Level)
	case req.DueAt.IsZero():
		return fmt.Errorf("%w: due date is not set", ErrInvalid)
	case (req.DocIndex == "") != (len(req.DocCipher) == 0), (req.FLSIndex == "") != (len(req.FLSCipher) == 0):
		return fmt.Errorf("%w: an index and its ciphertext go together", ErrInvalid)
	case req.Subject == SubjectFlat && req.FLSIndex == "":
		return fmt.Errorf("%w: a flat request needs the FLS", ErrInvalid)
	case len(req.Building) > maxProfileText || len(req.FlatNumber) > maxIdentityText:
		return fmt.Errorf("%w: flat address too long", ErrInvalid)
	}
	if req.DocIndex != "" {
		if req.DocIndex, err = normIndex(req.DocIndex); err != nil {
			return err
		}
	}
	if req.FLSIndex != "" {
		req.FLSIndex, err = normIndex(req.FLSIndex)
	}
	return err
}

// VerificationRequest returns the request with the given ID, or ErrNotFound.
func (r Repo) VerificationRequest(ctx context.Context, id int64) (VerificationRequest, error) {
	var row verificationRequestRow
	if err := r.with(ctx).Take(&row, "id = ?", id).Error; err != nil {
		return VerificationRequest{}, fmt.Errorf("load verification request %d: %w", id, translate(err))
	}
	return row.request(), nil
}

// VerificationRequests returns the user's requests, newest first.
func (r Repo) VerificationRequests(ctx context.Context, userRef int64) ([]VerificationRequest, error) {
	return r.findRequests(ctx, fmt.Sprintf("list verification requests of user %d", userRef), "id DESC", 0,
		"user_ref = ?", userRef)
}

func (r Repo) findRequests(ctx context.Context, what, order string, limit int, query string, args ...any) ([]VerificationRequest, error) {
	var rows []verificationRequestRow
	q := r.with(ctx).Where(query, args...).Order(order)
	if limit > 0 {
		q = q.Limit(limit)
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("%s: %w", what, translate(err))
	}
	out := make([]VerificationRequest, len(rows))
	for i, row := range rows {
		out[i] = row.request()
	}
	return out, nil
}

// claimable selects the requests a worker may claim: queued ones, and those whose claim is
// older than staleBefore (a worker that died while checking).
const claimable = "(status = 'queued' OR (status = 'checking' AND claimed_at < ?))"

// ClaimVerificationRequests claims up to limit requests, oldest first, for one worker at time
// at: each moves to VerificationChecking with one more attempt. Requests claimed before
// staleBefore and never decided are claimed again. Each claim is a guarded update, so of
// several workers claiming at once each request goes to exactly one; a worker may get fewer
// than limit while others claim.
func (r Repo) ClaimVerificationRequests(ctx context.Context, at, staleBefore time.Time, limit int) ([]VerificationRequest, error) {
	if limit <= 0 {
		return nil, fmt.Errorf("claim verification requests: %w: limit %d", ErrInvalid, limit)
	}
	at, staleBefore = dbTime(at), dbTime(staleBefore)
	var candidates []struct {
		ID       int64
		Attempts int
	}
	err := r.with(ctx).Raw("SELECT id, attempts FROM verification_requests WHERE "+claimable+" ORDER BY id LIMIT ?",
		staleBefore, limit).Scan(&candidates).Error
	if err != nil {
		return nil, fmt.Errorf("claim verification requests: %w", translate(err))
	}
	var claimed []VerificationRequest
	for _, c := range candidates {
		res := r.with(ctx).Exec(`UPDATE verification_requests SET status = 'checking', attempts = attempts + 1, claimed_at = ?
			WHERE id = ? AND attempts = ? AND `+claimable, at, c.ID, c.Attempts, staleBefore)
		if res.Error != nil {
			return claimed, fmt.Errorf("claim verification request %d: %w", c.ID, translate(res.Error))
		}
		if res.RowsAffected == 0 {
			continue // another worker claimed it
		}
		req, err := r.VerificationRequest(ctx, c.ID)
		if err != nil {
			return claimed, err
		}
		claimed = append(claimed, req)
	}
	return claimed, nil
}

// ReleaseVerificationRequest puts a claimed request back in the queue, for a check that could
// not be made (the registry was unreachable). ErrConflict when the claim is no longer the
// worker's.
func (r Repo) ReleaseVerificationRequest(ctx context.Context, id int64, attempt int) error {
	res := r.with(ctx).Exec(`UPDATE verification_requests SET status = 'queued', claimed_at = NULL
		WHERE id = ? AND status = 'checking' AND attempts = ?`, id, attempt)
	if res.Error != nil {
		return fmt.Errorf("release verification request %d: %w", id, translate(res.Error))
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("release verification request %d: %w: no longer claimed", id, ErrConflict)
	}
	return nil
}

// VerificationDecision is a worker's decision on a claimed request.
type VerificationDecision struct {
	RequestID int64
	Attempt   int // the request's Attempts when the worker claimed it
	Verified  bool
	Reason    string    // the registry's reason code
	Role      string    // flat level 2 when verified: "owner" or "social_tenant"
	At        time.Time // default now
}

// errClaimLost marks a decision on a request the worker no longer holds.
var errClaimLost = errors.New("no longer claimed")

// DecideVerification records a decision and returns the decided request. In one transaction
// it closes the request, clears its document, and on a verified request raises the person's
// level (storing the passport or SNILS) or stores the flat (level 1) or the right to it
// (level 2, with an owner's certificate); a rejected person check records the reason.
// ErrConflict when the claim is no longer the worker's (another worker decided it) or, for a
// verified request, when its document is already verified for another user or the previous
// level is gone: then nothing is written, and the caller decides again as rejected.
func (r Repo) DecideVerification(ctx context.Context, d VerificationDecision) (VerificationRequest, error) {
	if len(d.Reason) > maxIdentityText || (d.Role != "" && d.Role != "owner" && d.Role != "social_tenant") {
		return VerificationRequest{}, fmt.Errorf("decide verification request %d: %w: reason or role", d.RequestID, ErrInvalid)
	}
	at := d.At
	if at.IsZero() {
		at = now()
	}
	at = dbTime(at)
	var out VerificationRequest
	err := r.atomic(ctx, func(r Repo) error {
		var row verificationRequestRow
		if err := r.with(ctx).Take(&row, "id = ?", d.RequestID).Error; err != nil {
			return err
		}
		req := row.request()
		if req.Status != VerificationChecking || req.Attempts != d.Attempt {
			return errClaimLost
		}
		if err := r.applyDecision(ctx, req, d, at); err != nil {
			return err
		}
		status := VerificationRejected
		if d.Verified {
			status = VerificationVerified
		}
		res := r.with(ctx).Exec(`UPDATE verification_requests SET status = ?, reason = ?, decided_at = ?,
			doc_index = NULL, doc_cipher = NULL, fls_index = NULL, fls_cipher = NULL, building = NULL, flat_number = NULL
			WHERE id = ? AND status = 'checking' AND attempts = ?`, string(status), d.Reason, at, d.RequestID, d.Attempt)
		switch {
		case res.Error != nil:
			return res.Error
		case res.RowsAffected == 0:
			return errClaimLost
		}
		req.Status, req.Reason, req.DecidedAt = status, d.Reason, at
		req.DocIndex, req.DocCipher, req.FLSIndex, req.FLSCipher, req.Building, req.FlatNumber = "", nil, "", nil, "", ""
		out = req
		return nil
	})
	if errors.Is(err, errClaimLost) {
		return VerificationRequest{}, fmt.Errorf("decide verification request %d: %w: %w", d.RequestID, ErrConflict, err)
	}
	if err != nil {
		return VerificationRequest{}, fmt.Errorf("decide verification request %d: %w", d.RequestID, translate(err))
	}
	return out, nil
}

// applyDecision writes what a decision changes besides the request.
func (r Repo) applyDecision(ctx context.Context, req VerificationRequest, d VerificationDecision, at time.Time) error {
	g := r.with(ctx)
	switch {
	case !d.Verified && req.Subject == SubjectPerson:
		return g.Exec(`INSERT INTO person_verifications (user_ref, level, status, reason, updated_at) VALUES (?, 0, 'rejected', ?, ?)
			ON CONFLICT (user_ref) DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`,
			req.UserRef, d.Reason, at).Error
	case !d.Verified:
		return nil
	case req.Subject == SubjectPerson && req.Level == 1:
		return g.Exec(`INSERT INTO person_verifications (user_ref, level, status, reason, updated_at) VALUES (?, 1, 'verified', ?, ?)
			ON CONFLICT (user_ref) DO UPDATE SET level = CASE WHEN person_verifications.level < 1 THEN 1 ELSE person_verifications.level END,
				status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at`,
			req.UserRef, d.Reason, at).Error
	case req.Subject == SubjectPerson:
		column := map[int]string{2: "passport", 3: "snils"}[req.Level]
		res := g.Exec(`UPDATE person_verifications SET level = ?, `+column+`_index = ?, `+column+`_cipher = ?,
			status = 'verified', reason = ?, updated_at = ? WHERE user_ref = ? AND level = ?`,
			req.Level, req.DocIndex, req.DocCipher, d.Reason, at, req.UserRef, req.Level-1)
		return guarded(res)
	case req.Level == 1:
		return g.Exec(`INSERT INTO flat_links (user_ref, fls_index, fls_cipher, building, flat_number, level, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (user_ref, fls_index) DO NOTHING`,
			req.UserRef, req.FLSIndex, req.FLSCipher, req.Building, req.FlatNumber, at, at).Error
	default:
		res := g.Exec(`UPDATE flat_links SET level = 2, role = ?, property_cert_index = ?, property_cert_cipher = ?, updated_at = ?
			WHERE user_ref = ? AND fls_index = ? AND level = 1`,
			nullable(d.Role), nullable(req.DocIndex), req.DocCipher, at, req.UserRef, req.FLSIndex)
		return guarded(res)
	}
}

// guarded turns an update that matched nothing into ErrConflict.
func guarded(res *gorm.DB) error {
	if res.Error == nil && res.RowsAffected == 0 {
		return fmt.Errorf("%w: previous level not verified", ErrConflict)
	}
	return res.Error
}

// MarkVerificationNotified records that the citizen was told the decision. ErrNotFound when
// the request is not decided or was already marked.
func (r Repo) MarkVerificationNotified(ctx context.Context, id int64, at time.Time) error {
	res := r.with(ctx).Exec(`UPDATE verification_requests SET notified_at = ?
		WHERE id = ? AND decided_at IS NOT NULL AND notified_at IS NULL`, dbTime(at), id)
	return affected(res.Error, res.RowsAffected, "mark verification request %d notified", id)
}

// UnnotifiedVerifications returns up to limit decided requests whose citizen was not told
// yet, oldest first.
func (r Repo) UnnotifiedVerifications(ctx context.Context, limit int) ([]VerificationRequest, error) {
	return r.findRequests(ctx, "list unnotified verification requests", "id", limit,
		"decided_at IS NOT NULL AND notified_at IS NULL")
}

// OverdueVerifications returns how many open requests were due before at, and up to limit of
// them, the most overdue first.
func (r Repo) OverdueVerifications(ctx context.Context, at time.Time, limit int) (int64, []VerificationRequest, error) {
	at = dbTime(at)
	const open = "status IN ('queued', 'checking') AND due_at < ?"
	var n int64
	if err := r.with(ctx).Raw("SELECT COUNT(*) FROM verification_requests WHERE "+open, at).Scan(&n).Error; err != nil {
		return 0, nil, fmt.Errorf("count overdue verification requests: %w", translate(err))
	}
	reqs, err := r.findRequests(ctx, "list overdue verification requests", "due_at, id", limit, open, at)
	return n, reqs, err
}

// OpenVerification returns the user's open request for the subject (for a flat, the flat with
// the given FLS index), or ErrNotFound.
func (r Repo) OpenVerification(ctx context.Context, userRef int64, subject VerificationSubject, flsIndex string) (VerificationRequest, error) {
	query, args := "user_ref = ? AND subject = ? AND status IN ('queued', 'checking')", []any{userRef, string(subject)}
	if subject == SubjectFlat {
		query, args = query+" AND fls_index = ?", append(args, flsIndex)
	}
	reqs, err := r.findRequests(ctx, "find open verification request", "id", 1, query, args...)
	if err != nil {
		return VerificationRequest{}, err
	}
	if len(reqs) == 0 {
		return VerificationRequest{}, fmt.Errorf("find open %s verification of user %d: %w", subject, userRef, ErrNotFound)
	}
	return reqs[0], nil
}

// EligibleUser is an active user who meets a round's rules.
type EligibleUser struct {
	ID     int64  // users.id
	UserID string // the twelve-digit unique user ID
}

// EligibleUsers returns up to limit active users with users.id greater than afterID, in ID
// order, whose person level is at least minLevel and, when territory is not "", whose
// registration address lies in territory: its territory code is territory or starts with
// territory followed by "/".
func (r Repo) EligibleUsers(ctx context.Context, minLevel int, territory string, afterID int64, limit int) ([]EligibleUser, error) {
	if limit <= 0 || minLevel < 0 || minLevel > 3 {
		return nil, fmt.Errorf("list eligible users: %w: limit %d, level %d", ErrInvalid, limit, minLevel)
	}
	prefix := territory + "/"
	var out []EligibleUser
	err := r.with(ctx).Raw(`SELECT u.id, u.user_id FROM users u
		LEFT JOIN person_verifications pv ON pv.user_ref = u.id
		LEFT JOIN addresses a ON a.user_ref = u.id AND a.kind = 'registration'
		WHERE u.status = 'active' AND u.id > ? AND COALESCE(pv.level, 0) >= ?
			AND (? = '' OR a.territory = ? OR substr(a.territory, 1, ?) = ?)
		ORDER BY u.id LIMIT ?`,
		afterID, minLevel, territory, territory, len(prefix), prefix, limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list eligible users: %w", translate(err))
	}
	return out, nil
}
