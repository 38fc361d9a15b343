package initiatives

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage"
)

// Rounds is what the service needs of the budget area; *budget.Service implements it.
type Rounds interface {
	AddInitiative(ctx context.Context, roundID int64, in budget.NewInitiative) (budget.Initiative, error)
	Round(ctx context.Context, id int64) (budget.Round, error)
}

// Verifier tells verified citizens; *citizens.Service implements it.
type Verifier interface {
	Eligible(ctx context.Context, user int64, rules citizens.RoundRules) (bool, error)
}

// Actor is who acts: a signed-in user (User is the internal key, 0 for a service token) with
// role grants.
type Actor struct {
	User   int64
	Grants []identity.RoleGrant
}

// has reports whether a holds one of roles in territory (a city-wide grant covers every one).
func (a Actor) has(territory string, roles ...identity.Role) bool {
	return slices.ContainsFunc(a.Grants, func(g identity.RoleGrant) bool {
		return slices.ContainsFunc(roles, func(r identity.Role) bool { return g.Covers(r, territory) })
	})
}

// Service runs initiatives from submission to implementation.
type Service struct {
	db     *storage.DB
	rounds Rounds
	verify Verifier
	photos *photoStore
	cfg    Config
	log    *slog.Logger
	now    func() time.Time
}

// Option changes a Service.
type Option func(*Service)

// WithClock sets the service's clock (tests).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns the service; it creates cfg.PhotosDir when missing.
func New(db *storage.DB, rounds Rounds, verify Verifier, cfg Config, log *slog.Logger, opts ...Option) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := mkdirPhotos(cfg.PhotosDir); err != nil {
		return nil, err
	}
	s := &Service{db: db, rounds: rounds, verify: verify, photos: newPhotoStore(cfg.PhotosDir), cfg: cfg, log: log, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Config returns the rules the service runs with (the pages show categories and caps).
func (s *Service) Config() Config { return s.cfg }

// Initiative is an initiative as the area shows it. Author is the author's internal key:
// personal data stays in the citizens area.
type Initiative struct {
	ID               int64
	Author           int64
	Submission       Submission
	Status           Status
	Track            string // "round" or "support" once published
	RejectReason     string
	RoundID          int64 // the budget round it was published into; 0: none
	RoundNumber      int   // its on-chain number in that round
	Supporters       int
	SupportThreshold int
	SupportDeadline  time.Time // zero unless published for support
	MeasuresDue      time.Time // when measures are due; projected while support is open
	Photos           []PhotoRef
	Created, Updated time.Time
}

// PhotoRef names a stored photo.
type PhotoRef struct {
	SHA256      string
	ContentType string
	Size        int64
	PostID      int64 // 0: the initiative's own photo
}

// Post is a progress post.
type Post struct {
	ID       int64
	Author   int64
	Official bool
	Body     string
	Photos   []PhotoRef
	Created  time.Time
}

// Submit records a verified citizen's initiative with its photos, in status
// submitted. Nothing is stored when any field or photo is refused.
func (s *Service) Submit(ctx context.Context, by Actor, in Submission, photos [][]byte) (Initiative, error) {
	in = in.Normalize()
	if err := in.Validate(s.cfg.Categories); err != nil {
		return Initiative{}, err
	}
	sniffed, err := s.sniffAll(photos)
	if err != nil {
		return Initiative{}, err
	}
	if err := s.checkVerified(ctx, by); err != nil {
		return Initiative{}, err
	}
	refs, err := s.storePhotos(sniffed)
	if err != nil {
		return Initiative{}, err
	}
	defer func() { s.releasePhotos(ctx, refs, err) }()
	rec := storage.Proposal{AuthorRef: by.User, Title: in.Title, Problem: in.Problem, ExpectedResult: in.ExpectedResult,
		Category: in.Category, Subcategory: in.Subcategory, Territory: in.Territory, Cost: in.Cost, Status: string(StatusSubmitted)}
	err = s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.CreateProposal(ctx, &rec); err != nil {
			return err
		}
		return tx.AddProposalPhotos(ctx, photoRows(rec.ID, nil, refs))
	})
	if err != nil {
		return Initiative{}, fmt.Errorf("submit initiative: %w", err)
	}
	s.log.Info("initiative submitted", "initiative", rec.ID, "author", by.User, "photos", len(refs))
	return s.view(ctx, rec)
}

func (s *Service) sniffAll(photos [][]byte) ([]Photo, error) {
	if len(photos) > s.cfg.MaxPhotos {
		return nil, fmt.Errorf("%w: at most %d", ErrTooManyPhotos, s.cfg.MaxPhotos)
	}
	out := make([]Photo, len(photos))
	for i, data := range photos {
		p, err := Sniff(data, s.cfg.MaxPhotoBytes)
		if err != nil {
			return nil, fmt.Errorf("photo %d: %w", i+1, err)
		}
		out[i] = p
	}
	return out, nil
}

// storePhotos writes the photos' files before the rows that name them; the caller then
// releases them with releasePhotos, which takes the files back when the rows failed.
func (s *Service) storePhotos(photos []Photo) ([]PhotoRef, error) {
	refs := make([]PhotoRef, 0, len(photos))
	for _, p := range photos {
		hash, err := s.photos.put(p)
		if err != nil {
			s.releasePhotos(context.Background(), refs, err)
			return nil, err
		}
		refs = append(refs, PhotoRef{SHA256: hash, ContentType: p.ContentType, Size: int64(len(p.Data))})
	}
	return refs, nil
}

// releasePhotos ends a request's hold on its photo files; when its rows failed (failed is
// not nil), the files no row names are removed, so the refused request leaves none behind.
func (s *Service) releasePhotos(ctx context.Context, refs []PhotoRef, failed error) {
	hashes := make([]string, len(refs))
	for i, r := range refs {
		hashes[i] = r.SHA256
	}
	var named func(context.Context, string) (bool, error)
	if failed != nil {
		named = s.photoNamed
	}
	if err := s.photos.release(context.WithoutCancel(ctx), hashes, named); err != nil {
		s.log.Error("photo files of a failed request were not taken back; SweepPhotos will", "err", err)
	}
}

// photoNamed reports whether a row names the photo file of hash.
func (s *Service) photoNamed(ctx context.Context, hash string) (bool, error) {
	_, err := s.db.PhotoByHash(ctx, hash)
	if errors.Is(err, storage.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// PhotoSweepAge is how old a photo file must be before SweepPhotos may remove it: far longer
// than any request takes between writing a file and its rows.
const PhotoSweepAge = time.Hour

// SweepPhotos removes photo files that no row names, older than PhotoSweepAge, and
// temporary files as old: what a crash between a photo's file and its rows (or a database
// failure while a refused request took its files back) left behind. The node runs it at
// start; it is safe while requests run.
func (s *Service) SweepPhotos(ctx context.Context) (int, error) {
	n, err := s.photos.sweep(ctx, PhotoSweepAge, s.photoNamed)
	if err != nil {
		return n, fmt.Errorf("sweep photo files: %w", err)
	}
	if n > 0 {
		s.log.Info("orphaned photo files removed", "files", n)
	}
	return n, nil
}

func photoRows(id int64, post *int64, refs []PhotoRef) []storage.ProposalPhoto {
	rows := make([]storage.ProposalPhoto, len(refs))
	for i, r := range refs {
		rows[i] = storage.ProposalPhoto{ProposalID: id, PostID: post, SHA256: r.SHA256, ContentType: r.ContentType, Size: r.Size}
	}
	return rows
}

// checkVerified refuses a caller who is not a signed-in citizen verified to MinPersonLevel.
func (s *Service) checkVerified(ctx context.Context, by Actor) error {
	if by.User == 0 {
		return fmt.Errorf("%w: only a signed-in citizen may do this", ErrForbidden)
	}
	ok, err := s.verify.Eligible(ctx, by.User, citizens.RoundRules{MinPersonLevel: s.cfg.MinPersonLevel})
	if err != nil {
		return fmt.Errorf("check verification: %w", err)
	}
	if !ok {
		return fmt.Errorf("%w: person verification of level %d is needed", ErrNotVerified, s.cfg.MinPersonLevel)
	}
	return nil
}

// Get returns initiative id as by may see it: a public one to anyone, an unpublished one to
// its author, and the moderators, auditors and treasury of its territory (ErrNotFound to
// others).
func (s *Service) Get(ctx context.Context, by Actor, id int64) (Initiative, error) {
	rec, err := s.load(ctx, by, id)
	if err != nil {
		return Initiative{}, err
	}
	return s.view(ctx, rec)
}

func (s *Service) load(ctx context.Context, by Actor, id int64) (storage.Proposal, error) {
	rec, err := s.db.Proposal(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		return rec, fmt.Errorf("initiative %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return rec, err
	}
	if !s.visible(by, rec) {
		return rec, fmt.Errorf("initiative %d: %w", id, ErrNotFound)
	}
	return rec, nil
}

func (s *Service) visible(by Actor, rec storage.Proposal) bool {
	return Status(rec.Status).Public() || (by.User != 0 && by.User == rec.AuthorRef) ||
		by.has(rec.Territory, identity.RoleModerator, identity.RoleAuditor, identity.RoleTreasury)
}

func (s *Service) view(ctx context.Context, rec storage.Proposal) (Initiative, error) {
	in := Initiative{ID: rec.ID, Author: rec.AuthorRef, Status: Status(rec.Status), Track: rec.Track, RejectReason: rec.RejectReason,
		Supporters: rec.Supporters, SupportThreshold: rec.SupportThreshold, Created: rec.CreatedAt, Updated: rec.UpdatedAt,
		Submission: Submission{Title: rec.Title, Problem: rec.Problem, ExpectedResult: rec.ExpectedResult, Category: rec.Category,
			Subcategory: rec.Subcategory, Territory: rec.Territory, Cost: rec.Cost}}
	if rec.RoundID != nil {
		in.RoundID = *rec.RoundID
	}
	if rec.RoundNumber != nil {
		in.RoundNumber = *rec.RoundNumber
	}
	if rec.SupportDeadline != nil {
		in.SupportDeadline = *rec.SupportDeadline
		// Projected until settled; in UTC at the database's precision, as it will be stored.
		in.MeasuresDue = MeasuresDue(s.cfg.Calendar, in.SupportDeadline, s.cfg.MeasuresWorkingDays, s.cfg.Location).UTC().Truncate(time.Microsecond)
	}
	if rec.MeasuresDue != nil {
		in.MeasuresDue = *rec.MeasuresDue
	}
	photos, err := s.db.ProposalPhotos(ctx, rec.ID)
	if err != nil {
		return Initiative{}, err
	}
	for _, p := range photos {
		if p.PostID == nil {
			in.Photos = append(in.Photos, refOf(p))
		}
	}
	return in, nil
}

func refOf(p storage.ProposalPhoto) PhotoRef {
	r := PhotoRef{SHA256: p.SHA256, ContentType: p.ContentType, Size: p.Size}
	if p.PostID != nil {
		r.PostID = *p.PostID
	}
	return r
}

// ListFilter selects initiatives of a listing: by Status ("" any public one), after ID After,
// at most Limit (0: 100).
type ListFilter struct {
	Status Status
	After  int64
	Limit  int
}

var publicStatuses = []string{string(StatusPublished), string(StatusFunded), string(StatusNotFunded), string(StatusImplementation), string(StatusDone)}

// List returns public initiatives (R-2.1: anyone sees them, their votes and deadlines).
func (s *Service) List(ctx context.Context, f ListFilter) ([]Initiative, error) {
	statuses := publicStatuses
	if f.Status != "" {
		if !f.Status.Public() {
			return nil, fmt.Errorf("%w: status %q is not public", ErrInvalid, f.Status)
		}
		statuses = []string{string(f.Status)}
	}
	return s.list(ctx, storage.ProposalFilter{Statuses: statuses, After: f.After, Limit: f.Limit}, nil)
}

// Queue returns what waits for the expert review (submitted, in review) in the territories
// where by is a moderator. The page of limit is taken before the territory filter, so a
// territorial moderator may get fewer than limit and page on with after.
func (s *Service) Queue(ctx context.Context, by Actor, after int64, limit int) ([]Initiative, error) {
	if !slices.ContainsFunc(by.Grants, func(g identity.RoleGrant) bool { return g.Role == identity.RoleModerator }) {
		return nil, fmt.Errorf("%w: the review queue is the moderators'", ErrForbidden)
	}
	f := storage.ProposalFilter{Statuses: []string{string(StatusSubmitted), string(StatusInReview)}, After: after, Limit: limit}
	return s.list(ctx, f, func(p storage.Proposal) bool { return by.has(p.Territory, identity.RoleModerator) })
}

// Mine returns by's own initiatives, whatever their status.
func (s *Service) Mine(ctx context.Context, by Actor) ([]Initiative, error) {
	if by.User == 0 {
		return nil, fmt.Errorf("%w: only a signed-in user has initiatives", ErrForbidden)
	}
	return s.list(ctx, storage.ProposalFilter{AuthorRef: by.User, Limit: 500}, nil)
}

func (s *Service) list(ctx context.Context, f storage.ProposalFilter, keep func(storage.Proposal) bool) ([]Initiative, error) {
	if f.Limit < 0 || f.Limit > 500 {
		return nil, fmt.Errorf("%w: limit must be 1 to 500", ErrInvalid)
	}
	recs, err := s.db.Proposals(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list initiatives: %w", err)
	}
	out := []Initiative{}
	for _, rec := range recs {
		if keep != nil && !keep(rec) {
			continue
		}
		in, err := s.view(ctx, rec)
		if err != nil {
			return nil, fmt.Errorf("list initiatives: %w", err)
		}
		out = append(out, in)
	}
	return out, nil
}

// OpenPhoto returns a stored photo's bytes and type, when by may see an initiative holding it.
func (s *Service) OpenPhoto(ctx context.Context, by Actor, hash string) (io.ReadSeekCloser, PhotoRef, error) {
	if !ValidHash(hash) {
		return nil, PhotoRef{}, fmt.Errorf("photo: %w", ErrNotFound)
	}
	p, err := s.db.PhotoByHash(ctx, hash)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, PhotoRef{}, fmt.Errorf("photo: %w", ErrNotFound)
	}
	if err != nil {
		return nil, PhotoRef{}, err
	}
	if _, err := s.load(ctx, by, p.ProposalID); err != nil {
		return nil, PhotoRef{}, err
	}
	f, err := s.photos.open(hash)
	if err != nil {
		return nil, PhotoRef{}, err
	}
	return f, refOf(p), nil
}
