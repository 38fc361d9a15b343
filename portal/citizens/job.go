package citizens

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/storage"
)

// Reason codes the job records besides the registry's (registry.Reason).
const (
	// ReasonDocumentTaken: the registry matched, but the document was verified for another
	// user meanwhile.
	ReasonDocumentTaken = "document_taken"
	// ReasonProfileMissing: the profile was erased before the check.
	ReasonProfileMissing = "profile_missing"
)

// Job works the verification queue: it claims queued requests, checks them against the
// registries, records the decision and tells the citizen. Several Jobs, in one process or
// several, may work one queue: each request is decided once. The caller owns the goroutine
// that calls Run.
type Job struct {
	svc      *Service
	reg      registry.Registry
	notifier Notifier
	cfg      JobConfig
}

// NewJob returns a Job that checks with reg and tells citizens through n.
func (s *Service) NewJob(reg registry.Registry, n Notifier, cfg JobConfig) (*Job, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if reg == nil || n == nil {
		return nil, fmt.Errorf("%w: registry and notifier are required", ErrConfig)
	}
	return &Job{svc: s, reg: reg, notifier: n, cfg: cfg}, nil
}

// Pass counts what one pass of the job did.
type Pass struct {
	Decided  int // requests verified or rejected
	Retried  int // requests put back because the registry could not answer
	Notified int // citizens told
}

// Run works the queue until ctx is done, then returns nil. A pass that fails is logged and
// retried after the interval.
func (j *Job) Run(ctx context.Context) error {
	t := time.NewTicker(j.cfg.Interval)
	defer t.Stop()
	for {
		p, err := j.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			j.svc.log.Warn("verification pass failed", "err", err)
		}
		if err != nil || p.Decided+p.Retried == 0 {
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// RunOnce claims one batch, decides it, and tells the citizens of every decision not yet told.
func (j *Job) RunOnce(ctx context.Context) (Pass, error) {
	var p Pass
	now := j.svc.clock()
	claimed, err := j.svc.db.ClaimVerificationRequests(ctx, now, now.Add(-j.cfg.ClaimTimeout), j.cfg.Batch)
	if err != nil {
		return p, fmt.Errorf("claim verification requests: %w", err)
	}
	for _, req := range claimed {
		decided, err := j.process(ctx, req)
		if err != nil {
			return p, err
		}
		if decided {
			p.Decided++
		} else {
			p.Retried++
		}
	}
	p.Notified, err = j.notifyPending(ctx)
	return p, err
}

// process checks one claimed request and records the decision; it reports false when the
// check could not be made and the request went back to the queue.
func (j *Job) process(ctx context.Context, req storage.VerificationRequest) (bool, error) {
	res, err := j.check(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		j.svc.log.Warn("registry check failed, request requeued", "request", req.ID, "attempt", req.Attempts, "err", err)
		if err := j.svc.db.ReleaseVerificationRequest(ctx, req.ID, req.Attempts); err != nil && !errors.Is(err, storage.ErrConflict) {
			return false, err
		}
		return false, nil
	}
	return true, j.decide(ctx, req, res)
}

// decide records a check's result. A match whose document was verified for another user
// meanwhile is rejected with ReasonDocumentTaken; a claim lost to another worker is left to it.
func (j *Job) decide(ctx context.Context, req storage.VerificationRequest, res registry.Result) error {
	d := storage.VerificationDecision{RequestID: req.ID, Attempt: req.Attempts, Verified: res.Matched(),
		Reason: string(res.Reason), At: j.svc.clock()}
	if res.Matched() && req.Subject == storage.SubjectFlat && req.Level == 2 {
		d.Role = res.Role.String()
	}
	_, err := j.svc.db.DecideVerification(ctx, d)
	if errors.Is(err, storage.ErrConflict) && d.Verified {
		d.Verified, d.Reason, d.Role = false, ReasonDocumentTaken, ""
		_, err = j.svc.db.DecideVerification(ctx, d)
	}
	if errors.Is(err, storage.ErrConflict) {
		return nil // another worker holds the claim now
	}
	if err != nil {
		return err
	}
	j.svc.log.Info("verification decided", "request", req.ID, "subject", req.Subject, "level", req.Level,
		"verified", d.Verified, "reason", d.Reason)
	return nil
}

// check asks the registry about one request. A missing profile answers a rejection.
func (j *Job) check(ctx context.Context, req storage.VerificationRequest) (registry.Result, error) {
	person, ok, err := j.person(ctx, req.UserRef)
	if err != nil || !ok {
		return registry.Result{Outcome: registry.NotFound, Reason: ReasonProfileMissing}, err
	}
	switch {
	case req.Subject == storage.SubjectPerson && req.Level == 1:
		return j.reg.CheckPerson(ctx, person)
	case req.Subject == storage.SubjectPerson && req.Level == 2:
		v, err := j.open(pii.KindPassport, req.DocCipher)
		if err != nil {
			return registry.Result{}, err
		}
		pass, err := pii.ParsePassport(v[:min(4, len(v))], v[min(4, len(v)):])
		if err != nil {
			return registry.Result{}, fmt.Errorf("stored passport: %w", err)
		}
		return j.reg.CheckPassport(ctx, person, pass)
	case req.Subject == storage.SubjectPerson:
		snils, err := j.openParsed(pii.KindSNILS, req.DocCipher, func(s string) (any, error) { return pii.ParseSNILS(s) })
		if err != nil {
			return registry.Result{}, err
		}
		return j.reg.CheckSNILS(ctx, person, snils.(pii.SNILS))
	}
	fls, err := j.openParsed(pii.KindFLS, req.FLSCipher, func(s string) (any, error) { return pii.ParseFLS(s) })
	if err != nil {
		return registry.Result{}, err
	}
	if req.Level == 1 {
		return j.reg.CheckFlat(ctx, fls.(pii.FLS), registry.Flat{Building: req.Building, Number: req.FlatNumber})
	}
	var cert pii.PropertyCert
	if len(req.DocCipher) > 0 {
		c, err := j.openParsed(pii.KindPropertyCert, req.DocCipher, func(s string) (any, error) { return pii.ParsePropertyCert(s) })
		if err != nil {
			return registry.Result{}, err
		}
		cert = c.(pii.PropertyCert)
	}
	return j.reg.CheckProperty(ctx, person, fls.(pii.FLS), cert)
}

// person is who the user says they are, from the profile and registration address; false
// when the profile is gone.
func (j *Job) person(ctx context.Context, user int64) (registry.Person, bool, error) {
	p, err := j.svc.db.Profile(ctx, user)
	if errors.Is(err, storage.ErrNotFound) {
		return registry.Person{}, false, nil
	}
	if err != nil {
		return registry.Person{}, false, err
	}
	if p.FullName == "" || p.BirthDate.IsZero() {
		return registry.Person{}, false, nil
	}
	a, err := registrationAddress(ctx, j.svc.db.Repo, user)
	if err != nil {
		return registry.Person{}, false, err
	}
	return registry.Person{FullName: p.FullName, BirthDate: p.BirthDate, Address: a.Text}, true, nil
}

func (j *Job) open(kind pii.Kind, cipher []byte) (string, error) {
	b, err := j.svc.vault.Open(kind, cipher)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", kind, err)
	}
	return string(b), nil
}

func (j *Job) openParsed(kind pii.Kind, cipher []byte, parse func(string) (any, error)) (any, error) {
	v, err := j.open(kind, cipher)
	if err != nil {
		return nil, err
	}
	doc, err := parse(v)
	if err != nil {
		return nil, fmt.Errorf("stored %s: %w", kind, err)
	}
	return doc, nil
}

// notifyPending tells the citizens of decided requests not yet told, one batch, and returns
// how many were told. A failed notice is logged and retried on the next pass.
func (j *Job) notifyPending(ctx context.Context) (int, error) {
	reqs, err := j.svc.db.UnnotifiedVerifications(ctx, j.cfg.Batch)
	if err != nil {
		return 0, fmt.Errorf("list unnotified verifications: %w", err)
	}
	n := 0
	for _, r := range reqs {
		u, err := j.svc.db.User(ctx, r.UserRef)
		if err != nil {
			return n, fmt.Errorf("notify verification %d: %w", r.ID, err)
		}
		notice := Notice{UserRef: u.ID, UserID: u.UserID, Request: requestOf(r)}
		if err := j.notifier.Notify(ctx, notice); err != nil {
			j.svc.log.Warn("verification notice failed", "request", r.ID, "err", err)
			continue
		}
		if err := j.svc.db.MarkVerificationNotified(ctx, r.ID, j.svc.clock()); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return n, fmt.Errorf("notify verification %d: %w", r.ID, err)
		}
		n++
	}
	return n, nil
}
