package storage

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// photoTypes are the content types a proposal photo may have (the table's CHECK).
var photoTypes = []string{"image/jpeg", "image/png", "image/webp"}

// ProposalPost is a progress report on a proposal being implemented, by an official
// or a citizen.
type ProposalPost struct {
	ID         int64
	ProposalID int64
	AuthorRef  int64
	Official   bool // written by an official of the city, not a citizen
	Body       string
	CreatedAt  time.Time
}

type proposalPostRow struct {
	ID         int64 `gorm:"primaryKey"`
	ProposalID int64
	AuthorRef  int64
	Official   bool
	Body       string
	CreatedAt  time.Time
}

func (proposalPostRow) TableName() string { return "proposal_posts" }

// ProposalPhoto is a photo of a proposal (PostID nil) or of one of its posts. The file is
// kept outside the database under its SHA-256 (hex); the row says what it is.
type ProposalPhoto struct {
	ID          int64
	ProposalID  int64
	PostID      *int64
	SHA256      string
	ContentType string
	Size        int64
	CreatedAt   time.Time
}

type proposalPhotoRow struct {
	ID          int64 `gorm:"primaryKey"`
	ProposalID  int64
	PostID      *int64
	SHA256      string `gorm:"column:sha256"`
	ContentType string
	Size        int64
	CreatedAt   time.Time
}

func (proposalPhotoRow) TableName() string { return "proposal_photos" }

// CreateProposalPost inserts post and sets its ID and CreatedAt. ErrInvalid for an empty body;
// ErrNotFound when the proposal or the author does not exist.
func (r Repo) CreateProposalPost(ctx context.Context, post *ProposalPost) error {
	if post.Body == "" {
		return fmt.Errorf("create proposal post: %w: body is required", ErrInvalid)
	}
	row := proposalPostRow{ProposalID: post.ProposalID, AuthorRef: post.AuthorRef, Official: post.Official, Body: post.Body, CreatedAt: now()}
	if err := r.with(ctx).Create(&row).Error; err != nil {
		return fmt.Errorf("create post on proposal %d: %w", post.ProposalID, translate(err))
	}
	*post = ProposalPost(row)
	post.CreatedAt = row.CreatedAt.UTC()
	return nil
}

// ProposalPosts returns the posts on proposal id, oldest first.
func (r Repo) ProposalPosts(ctx context.Context, id int64) ([]ProposalPost, error) {
	var rows []proposalPostRow
	if err := r.with(ctx).Where("proposal_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list posts on proposal %d: %w", id, translate(err))
	}
	out := make([]ProposalPost, len(rows))
	for i, row := range rows {
		out[i] = ProposalPost(row)
		out[i].CreatedAt = row.CreatedAt.UTC()
	}
	return out, nil
}

// AddProposalPhotos inserts photos and sets their IDs and CreatedAt. ErrInvalid for a
// malformed hash or an unknown content type; ErrNotFound when a proposal or post does not
// exist.
func (r Repo) AddProposalPhotos(ctx context.Context, photos []ProposalPhoto) error {
	if len(photos) == 0 {
		return nil
	}
	rows := make([]proposalPhotoRow, len(photos))
	t := now()
	for i, p := range photos {
		if len(p.SHA256) != 64 || p.Size <= 0 || !slices.Contains(photoTypes, p.ContentType) {
			return fmt.Errorf("add proposal photos: %w: photo %d has a malformed hash, size or type", ErrInvalid, i)
		}
		rows[i] = proposalPhotoRow{ProposalID: p.ProposalID, PostID: p.PostID, SHA256: p.SHA256, ContentType: p.ContentType, Size: p.Size, CreatedAt: t}
	}
	if err := r.with(ctx).Create(&rows).Error; err != nil {
		return fmt.Errorf("add proposal photos: %w", translate(err))
	}
	for i, row := range rows {
		photos[i] = photoOf(row)
	}
	return nil
}

func photoOf(row proposalPhotoRow) ProposalPhoto {
	p := ProposalPhoto(row)
	p.CreatedAt = row.CreatedAt.UTC()
	return p
}

// ProposalPhotos returns the photos of proposal id and of its posts, oldest first.
func (r Repo) ProposalPhotos(ctx context.Context, id int64) ([]ProposalPhoto, error) {
	var rows []proposalPhotoRow
	if err := r.with(ctx).Where("proposal_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("list photos of proposal %d: %w", id, translate(err))
	}
	out := make([]ProposalPhoto, len(rows))
	for i, row := range rows {
		out[i] = photoOf(row)
	}
	return out, nil
}

// PhotoByHash returns a photo stored under hash (the first one, when several proposals hold
// the same file), or ErrNotFound.
func (r Repo) PhotoByHash(ctx context.Context, hash string) (ProposalPhoto, error) {
	var row proposalPhotoRow
	if err := r.with(ctx).Where("sha256 = ?", hash).Order("id").Take(&row).Error; err != nil {
		return ProposalPhoto{}, fmt.Errorf("load photo: %w", translate(err))
	}
	return photoOf(row), nil
}
