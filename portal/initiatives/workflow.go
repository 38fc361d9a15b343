package initiatives

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage"
)

func mkdirPhotos(dir string) error {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("%w: photos directory: %w", ErrConfig, err)
	}
	return nil
}

// change moves initiative rec by action, with the fields of c, guarded by its status:
// ErrTransition when the state machine or a concurrent change refuses it.
func (s *Service) change(ctx context.Context, r storage.Repo, rec storage.Proposal, action Action, c storage.ProposalChange) (storage.Proposal, error) {
	to, err := Next(Status(rec.Status), action)
	if err != nil {
		return rec, fmt.Errorf("initiative %d: %w", rec.ID, err)
	}
	c.Status = string(to)
	out, err := r.ChangeProposal(ctx, rec.ID, rec.Status, c)
	if errors.Is(err, storage.ErrConflict) {
		return rec, fmt.Errorf("initiative %d changed meanwhile: %w", rec.ID, ErrTransition)
	}
	return out, err
}

// moderate loads initiative id for an action of a moderator of its territory.
func (s *Service) moderate(ctx context.Context, by Actor, id int64, roles ...identity.Role) (storage.Proposal, error) {
	rec, err := s.load(ctx, by, id)
	if err != nil {
		return rec, err
	}
	if !by.has(rec.Territory, roles...) {
		return rec, fmt.Errorf("%w: this needs the role %v in the initiative's territory", ErrForbidden, roles)
	}
	return rec, nil
}

// StartReview takes a submitted initiative into the expert review.
func (s *Service) StartReview(ctx context.Context, by Actor, id int64) (Initiative, error) {
	return s.review(ctx, by, id, ActionReview, "")
}

// Accept accepts an initiative under review.
func (s *Service) Accept(ctx context.Context, by Actor, id int64) (Initiative, error) {
	return s.review(ctx, by, id, ActionAccept, "")
}

// Reject rejects an initiative under review with a reason (R-2.2: ErrReasonRequired without).
func (s *Service) Reject(ctx context.Context, by Actor, id int64, reason string) (Initiative, error) {
	if err := CheckReason(reason); err != nil {
		return Initiative{}, err
	}
	return s.review(ctx, by, id, ActionReject, strings.TrimSpace(reason))
}

func (s *Service) review(ctx context.Context, by Actor, id int64, action Action, reason string) (Initiative, error) {
	rec, err := s.moderate(ctx, by, id, identity.RoleModerator)
	if err != nil {
		return Initiative{}, err
	}
	if by.User == 0 {
		return Initiative{}, fmt.Errorf("%w: a review is a signed-in moderator's", ErrForbidden)
	}
	c := storage.ProposalChange{ReviewerRef: &by.User}
	if action == ActionReject {
		c.RejectReason = &reason
	}
	rec, err = s.change(ctx, s.db.Repo, rec, action, c)
	if err != nil {
		return Initiative{}, err
	}
	s.log.Info("initiative reviewed", "initiative", id, "action", action, "moderator", by.User)
	return s.view(ctx, rec)
}

// PublishToRound publishes an accepted initiative into open budget round roundID: the budget
// area registers it (queuing its on-chain registration) and the initiative keeps the round
// and its on-chain number. The initiative is claimed (publishing) first, so that two
// publications cannot both register it; if the round refuses it, it goes back to accepted.
// Moderators of its territory and the treasury may publish.
func (s *Service) PublishToRound(ctx context.Context, by Actor, id, roundID int64) (Initiative, error) {
	rec, err := s.moderate(ctx, by, id, identity.RoleModerator, identity.RoleTreasury)
	if err != nil {
		return Initiative{}, err
	}
	if roundID <= 0 {
		return Initiative{}, fmt.Errorf("%w: a round is required", ErrInvalid)
	}
	track := "round"
	rec, err = s.change(ctx, s.db.Repo, rec, ActionPublish, storage.ProposalChange{Track: &track, RoundID: &roundID})
	if errors.Is(err, storage.ErrNotFound) {
		return Initiative{}, fmt.Errorf("publish initiative %d: %w", id, budget.ErrRoundNotFound)
	}
	if err != nil {
		return Initiative{}, err
	}
	ini, err := s.rounds.AddInitiative(ctx, roundID, budget.NewInitiative{Title: rec.Title, Cost: rec.Cost})
	if err != nil {
		if _, rerr := s.change(context.WithoutCancel(ctx), s.db.Repo, rec, ActionRevert, storage.ProposalChange{ClearRound: true}); rerr != nil {
			return Initiative{}, fmt.Errorf("publish initiative %d: %w (and it stays publishing: %w)", id, err, rerr)
		}
		return Initiative{}, fmt.Errorf("publish initiative %d: %w", id, err)
	}
	rec, err = s.change(context.WithoutCancel(ctx), s.db.Repo, rec, ActionRegister, storage.ProposalChange{RoundNumber: &ini.Number})
	if err != nil {
		return Initiative{}, fmt.Errorf("publish initiative %d registered as number %d in round %d: %w", id, ini.Number, roundID, err)
	}
	s.log.Info("initiative published into a round", "initiative", id, "round", roundID, "number", ini.Number, "by", by.User)
	return s.view(ctx, rec)
}

// PublishForSupport publishes an accepted initiative to collect support votes until a
// deadline SupportDays away, with the configured threshold.
func (s *Service) PublishForSupport(ctx context.Context, by Actor, id int64) (Initiative, error) {
	rec, err := s.moderate(ctx, by, id, identity.RoleModerator)
	if err != nil {
		return Initiative{}, err
	}
	track, threshold := "support", s.cfg.SupportThreshold
	deadline := SupportDeadline(s.now(), s.cfg.SupportDays, s.cfg.Location)
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		var err error
		if rec, err = s.change(ctx, tx.Repo, rec, ActionPublish, storage.ProposalChange{Track: &track, SupportDeadline: &deadline, SupportThreshold: &threshold}); err != nil {
			return err
		}
		rec, err = s.change(ctx, tx.Repo, rec, ActionRegister, storage.ProposalChange{})
		return err
	})
	if err != nil {
		return Initiative{}, fmt.Errorf("publish initiative %d for support: %w", id, err)
	}
	s.log.Info("initiative published for support", "initiative", id, "deadline", deadline, "by", by.User)
	return s.view(ctx, rec)
}

// Support records a verified citizen's support vote, one per citizen, until the deadline
//
func (s *Service) Support(ctx context.Context, by Actor, id int64) (Initiative, error) {
	return s.vote(ctx, by, id, true)
}

// Unsupport withdraws a citizen's support vote, until the deadline.
func (s *Service) Unsupport(ctx context.Context, by Actor, id int64) (Initiative, error) {
	return s.vote(ctx, by, id, false)
}

func (s *Service) vote(ctx context.Context, by Actor, id int64, add bool) (Initiative, error) {
	rec, err := s.load(ctx, by, id)
	if err != nil {
		return Initiative{}, err
	}
	if rec.Track != "support" || Status(rec.Status) != StatusPublished || rec.SupportDeadline == nil {
		return Initiative{}, fmt.Errorf("initiative %d does not collect support: %w", id, ErrTransition)
	}
	if !SupportOpen(*rec.SupportDeadline, s.now()) {
		return Initiative{}, fmt.Errorf("initiative %d: %w", id, ErrSupportClosed)
	}
	if err := s.checkVerified(ctx, by); err != nil {
		return Initiative{}, err
	}
	if add {
		_, err = s.db.AddSupport(ctx, id, by.User, rec.Status)
	} else {
		_, err = s.db.RemoveSupport(ctx, id, by.User, rec.Status)
	}
	switch {
	case add && errors.Is(err, storage.ErrConflict) && s.supports(ctx, id, by.User):
		return Initiative{}, fmt.Errorf("initiative %d: %w", id, ErrAlreadySupported)
	case errors.Is(err, storage.ErrConflict):
		return Initiative{}, fmt.Errorf("initiative %d changed meanwhile: %w", id, ErrTransition)
	case !add && errors.Is(err, storage.ErrNotFound):
		return Initiative{}, fmt.Errorf("initiative %d: %w", id, ErrNotSupported)
	case err != nil:
		return Initiative{}, err
	}
	return s.Get(ctx, by, id)
}

func (s *Service) supports(ctx context.Context, id, user int64) bool {
	ok, err := s.db.Supports(ctx, id, user)
	return err == nil && ok
}

// Supports reports whether by supports initiative id.
func (s *Service) Supports(ctx context.Context, by Actor, id int64) (bool, error) {
	if by.User == 0 {
		return false, nil
	}
	return s.db.Supports(ctx, id, by.User)
}

// Settle decides whether a published initiative is funded: in a round, by the
// round's on-chain funded set once it is finalized (ErrRoundNotFinalized before); for
// support, by the threshold once the deadline has passed (ErrSupportOpen before), and then
// measures are due MeasuresWorkingDays after the deadline.
func (s *Service) Settle(ctx context.Context, by Actor, id int64) (Initiative, error) {
	rec, err := s.moderate(ctx, by, id, identity.RoleModerator, identity.RoleTreasury)
	if err != nil {
		return Initiative{}, err
	}
	if rec, err = s.settle(ctx, rec, by.User); err != nil {
		return Initiative{}, err
	}
	return s.view(ctx, rec)
}

// settle decides a published initiative's outcome and records it; by is the user who asked,
// 0 for the node's own SettleDue.
func (s *Service) settle(ctx context.Context, rec storage.Proposal, by int64) (storage.Proposal, error) {
	if Status(rec.Status) != StatusPublished {
		return rec, fmt.Errorf("initiative %d is %s: %w", rec.ID, rec.Status, ErrTransition)
	}
	funded, c, err := s.outcome(ctx, rec)
	if err != nil {
		return rec, err
	}
	action := ActionUnfund
	if funded {
		action = ActionFund
	}
	if rec, err = s.change(ctx, s.db.Repo, rec, action, c); err != nil {
		return rec, err
	}
	s.log.Info("initiative settled", "initiative", rec.ID, "funded", funded, "by", by)
	return rec, nil
}

// SettleDue settles every published initiative whose outcome is known: those
// collecting support once their deadline has passed, and those in a round once the round is
// finalized. Moderators need not do it by hand; Settle stays for them. It returns how many it
// settled; an initiative that cannot be settled yet is left for the next call.
func (s *Service) SettleDue(ctx context.Context) (int, error) {
	settled := 0
	for after := int64(0); ; {
		page, err := s.db.Proposals(ctx, storage.ProposalFilter{Statuses: []string{string(StatusPublished)}, After: after, Limit: 500})
		if err != nil {
			return settled, fmt.Errorf("settle due initiatives: %w", err)
		}
		for _, rec := range page {
			after = rec.ID
			_, err := s.settle(ctx, rec, 0)
			switch {
			case err == nil:
				settled++
			case errors.Is(err, ErrSupportOpen), errors.Is(err, ErrRoundNotFinalized), errors.Is(err, ErrTransition):
				// not yet, or settled meanwhile by a moderator
			default:
				return settled, fmt.Errorf("settle initiative %d: %w", rec.ID, err)
			}
		}
		if len(page) < 500 {
			return settled, nil
		}
	}
}

// RunSettler calls SettleDue every interval until ctx ends, logging what it could not do.
func (s *Service) RunSettler(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.SettleDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("settling due initiatives failed; will retry", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *Service) outcome(ctx context.Context, rec storage.Proposal) (bool, storage.ProposalChange, error) {
	var c storage.ProposalChange
	if rec.Track == "support" {
		if SupportOpen(*rec.SupportDeadline, s.now()) {
			return false, c, fmt.Errorf("initiative %d: %w", rec.ID, ErrSupportOpen)
		}
		if !ReachedThreshold(rec.Supporters, rec.SupportThreshold) {
			return false, c, nil
		}
		due := MeasuresDue(s.cfg.Calendar, *rec.SupportDeadline, s.cfg.MeasuresWorkingDays, s.cfg.Location)
		c.MeasuresDue = &due
		return true, c, nil
	}
	round, err := s.rounds.Round(ctx, *rec.RoundID)
	if err != nil {
		return false, c, fmt.Errorf("settle initiative %d: %w", rec.ID, err)
	}
	if round.Status != string(storage.RoundFinalized) {
		return false, c, fmt.Errorf("round %d is %s: %w", round.ID, round.Status, ErrRoundNotFinalized)
	}
	return slices.Contains(round.Funded, *rec.RoundNumber), c, nil
}

// AddPost records a progress post with photos on a funded initiative (R-2.2: citizens and
// officials monitor the implementation); the first one starts the implementation. Officials
// are moderators and departments of its territory; citizens must be verified.
func (s *Service) AddPost(ctx context.Context, by Actor, id int64, body string, photos [][]byte) (Post, error) {
	if err := CheckPost(body); err != nil {
		return Post{}, err
	}
	sniffed, err := s.sniffAll(photos)
	if err != nil {
		return Post{}, err
	}
	rec, err := s.load(ctx, by, id)
	if err != nil {
		return Post{}, err
	}
	if _, err := Next(Status(rec.Status), ActionProgress); err != nil {
		return Post{}, fmt.Errorf("initiative %d: %w", id, err)
	}
	official := by.has(rec.Territory, identity.RoleModerator, identity.RoleDepartment)
	if !official {
		if err := s.checkVerified(ctx, by); err != nil {
			return Post{}, err
		}
	}
	if by.User == 0 {
		return Post{}, fmt.Errorf("%w: a post is a signed-in user's", ErrForbidden)
	}
	refs, err := s.storePhotos(sniffed)
	if err != nil {
		return Post{}, err
	}
	defer func() { s.releasePhotos(ctx, refs, err) }()
	post := storage.ProposalPost{ProposalID: id, AuthorRef: by.User, Official: official, Body: strings.TrimSpace(body)}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if _, err := s.change(ctx, tx.Repo, rec, ActionProgress, storage.ProposalChange{}); err != nil {
			return err
		}
		if err := tx.CreateProposalPost(ctx, &post); err != nil {
			return err
		}
		return tx.AddProposalPhotos(ctx, photoRows(id, &post.ID, refs))
	})
	if err != nil {
		return Post{}, fmt.Errorf("post on initiative %d: %w", id, err)
	}
	s.log.Info("progress posted", "initiative", id, "post", post.ID, "author", by.User, "official", official)
	return Post{ID: post.ID, Author: post.AuthorRef, Official: official, Body: post.Body, Photos: refs, Created: post.CreatedAt}, nil
}

// Posts returns the progress posts of initiative id, oldest first.
func (s *Service) Posts(ctx context.Context, by Actor, id int64) ([]Post, error) {
	if _, err := s.load(ctx, by, id); err != nil {
		return nil, err
	}
	posts, err := s.db.ProposalPosts(ctx, id)
	if err != nil {
		return nil, err
	}
	photos, err := s.db.ProposalPhotos(ctx, id)
	if err != nil {
		return nil, err
	}
	out := make([]Post, len(posts))
	for i, p := range posts {
		out[i] = Post{ID: p.ID, Author: p.AuthorRef, Official: p.Official, Body: p.Body, Created: p.CreatedAt}
		for _, ph := range photos {
			if ph.PostID != nil && *ph.PostID == p.ID {
				out[i].Photos = append(out[i].Photos, refOf(ph))
			}
		}
	}
	return out, nil
}

// Complete marks an initiative under implementation done: an official's (a department or
// moderator of its territory) decision.
func (s *Service) Complete(ctx context.Context, by Actor, id int64) (Initiative, error) {
	rec, err := s.moderate(ctx, by, id, identity.RoleDepartment, identity.RoleModerator)
	if err != nil {
		return Initiative{}, err
	}
	if rec, err = s.change(ctx, s.db.Repo, rec, ActionComplete, storage.ProposalChange{}); err != nil {
		return Initiative{}, err
	}
	s.log.Info("initiative done", "initiative", id, "by", by.User)
	return s.view(ctx, rec)
}
