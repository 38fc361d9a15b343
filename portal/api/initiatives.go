package api

import (
	"errors"
	"fmt"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/initiatives"
)

// initiativeRoutes are the citizens' initiatives: submission with photos, the expert
// review, publication into a budget round or for support, support votes, the funding outcome,
// progress posts and photos. Each endpoint checks the caller's role here and its territory in
// the service.
func (s *server) initiativeRoutes(v1 *gin.RouterGroup) {
	me := s.signedIn()
	moderator := s.requireAnywhere(access.RoleModerator)
	v1.GET("/initiatives", public, s.listProposals)
	v1.POST("/initiatives", me, s.asUser, s.submitProposal)
	v1.GET("/initiatives/categories", public, s.proposalCategories)
	v1.GET("/initiatives/review", moderator, s.reviewQueue)
	v1.GET("/me/initiatives", me, s.asUser, s.myProposals)
	v1.GET("/initiatives/:initiative", public, s.getProposal)
	v1.POST("/initiatives/:initiative/review", moderator, s.startReview)
	v1.POST("/initiatives/:initiative/accept", moderator, s.acceptProposal)
	v1.POST("/initiatives/:initiative/reject", moderator, s.rejectProposal)
	v1.POST("/initiatives/:initiative/publish", s.anywhere(access.RoleModerator, access.RoleTreasury), s.publishProposal)
	v1.POST("/initiatives/:initiative/settle", s.anywhere(access.RoleModerator, access.RoleTreasury), s.settleProposal)
	v1.POST("/initiatives/:initiative/support", me, s.asUser, s.support)
	v1.DELETE("/initiatives/:initiative/support", me, s.asUser, s.unsupport)
	v1.GET("/initiatives/:initiative/posts", public, s.listPosts)
	v1.POST("/initiatives/:initiative/posts", me, s.asUser, s.addPost)
	v1.POST("/initiatives/:initiative/done", s.anywhere(access.RoleDepartment, access.RoleModerator), s.completeProposal)
	v1.GET("/photos/:sha256", public, s.photo)
}

// anywhere lets through callers holding one of roles in some territory or city-wide; the
// service checks the territory of the initiative.
func (s *server) anywhere(roles ...access.Role) gin.HandlerFunc {
	return s.gate(func(p access.Principal) bool { return slices.ContainsFunc(roles, p.HasAnywhere) }, roles)
}

// actor is the caller as the initiatives area sees it; anonymous callers hold no grant.
func actor(c *gin.Context) initiatives.Actor {
	p, _ := principal(c)
	return initiatives.Actor{User: p.ID, Grants: p.Roles}
}

func (s *server) proposalID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("initiative"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: initiative id must be a positive integer", initiatives.ErrInvalid))
		return 0, false
	}
	return id, true
}

func (s *server) listProposals(c *gin.Context) {
	f, err := listFilterOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.initiatives.List(c.Request.Context(), f)
	s.renderProposals(c, list, err)
}

func listFilterOf(c *gin.Context) (initiatives.ListFilter, error) {
	f := initiatives.ListFilter{Status: initiatives.Status(c.Query("status"))}
	var err error
	if v := c.Query("after"); v != "" {
		if f.After, err = strconv.ParseInt(v, 10, 64); err != nil || f.After < 0 {
			return f, fmt.Errorf("%w: after must be a non-negative integer", initiatives.ErrInvalid)
		}
	}
	if v := c.Query("limit"); v != "" {
		if f.Limit, err = strconv.Atoi(v); err != nil || f.Limit < 1 {
			return f, fmt.Errorf("%w: limit must be 1 to 500", initiatives.ErrInvalid)
		}
	}
	return f, nil
}

func (s *server) renderProposals(c *gin.Context, list []initiatives.Initiative, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]proposalJSON, len(list))
	for i, in := range list {
		out[i] = proposalOf(in, actor(c))
	}
	c.JSON(http.StatusOK, gin.H{"initiatives": out})
}

func (s *server) reviewQueue(c *gin.Context) {
	f, err := listFilterOf(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	list, err := s.initiatives.Queue(c.Request.Context(), actor(c), f.After, f.Limit)
	s.renderProposals(c, list, err)
}

func (s *server) myProposals(c *gin.Context) {
	list, err := s.initiatives.Mine(c.Request.Context(), actor(c))
	s.renderProposals(c, list, err)
}

func (s *server) proposalCategories(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"categories": categoriesOf(s.initiatives.Config().Categories)})
}

func (s *server) submitProposal(c *gin.Context) {
	in, photos, ok := s.bindSubmission(c)
	if !ok {
		return
	}
	got, err := s.initiatives.Submit(c.Request.Context(), actor(c), in, photos)
	s.renderProposal(c, http.StatusCreated, got, err)
}

func (s *server) getProposal(c *gin.Context) {
	id, ok := s.proposalID(c)
	if !ok {
		return
	}
	in, err := s.initiatives.Get(c.Request.Context(), actor(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := proposalOf(in, actor(c))
	if out.Supported, err = s.initiatives.Supports(c.Request.Context(), actor(c), id); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

func (s *server) renderProposal(c *gin.Context, status int, in initiatives.Initiative, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, proposalOf(in, actor(c)))
}

// transition is a handler of an action on an initiative without a body.
func (s *server) transition(c *gin.Context, act func(*gin.Context, int64) (initiatives.Initiative, error)) {
	id, ok := s.proposalID(c)
	if !ok || !s.bindOptional(c, &struct{}{}) {
		return
	}
	in, err := act(c, id)
	s.renderProposal(c, http.StatusOK, in, err)
}

func (s *server) startReview(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.StartReview(c.Request.Context(), actor(c), id)
	})
}

func (s *server) acceptProposal(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.Accept(c.Request.Context(), actor(c), id)
	})
}

func (s *server) settleProposal(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.Settle(c.Request.Context(), actor(c), id)
	})
}

func (s *server) completeProposal(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.Complete(c.Request.Context(), actor(c), id)
	})
}

func (s *server) support(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.Support(c.Request.Context(), actor(c), id)
	})
}

func (s *server) unsupport(c *gin.Context) {
	s.transition(c, func(c *gin.Context, id int64) (initiatives.Initiative, error) {
		return s.initiatives.Unsupport(c.Request.Context(), actor(c), id)
	})
}

func (s *server) rejectProposal(c *gin.Context) {
	id, ok := s.proposalID(c)
	var req rejectRequest
	if !ok || !s.bind(c, &req) {
		return
	}
	in, err := s.initiatives.Reject(c.Request.Context(), actor(c), id, req.Reason)
	s.renderProposal(c, http.StatusOK, in, err)
}

func (s *server) publishProposal(c *gin.Context) {
	id, ok := s.proposalID(c)
	var req publishRequest
	if !ok || !s.bind(c, &req) {
		return
	}
	var (
		in  initiatives.Initiative
		err error
	)
	switch req.Track {
	case "round":
		in, err = s.initiatives.PublishToRound(c.Request.Context(), actor(c), id, req.RoundID)
	case "support":
		in, err = s.initiatives.PublishForSupport(c.Request.Context(), actor(c), id)
	default:
		err = fmt.Errorf("%w: track must be \"round\" or \"support\"", initiatives.ErrInvalid)
	}
	s.renderProposal(c, http.StatusOK, in, err)
}

func (s *server) listPosts(c *gin.Context) {
	id, ok := s.proposalID(c)
	if !ok {
		return
	}
	posts, err := s.initiatives.Posts(c.Request.Context(), actor(c), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]postJSON, len(posts))
	for i, p := range posts {
		out[i] = postOf(p)
	}
	c.JSON(http.StatusOK, gin.H{"posts": out})
}

func (s *server) addPost(c *gin.Context) {
	id, ok := s.proposalID(c)
	if !ok {
		return
	}
	fields, photos, ok := s.bindForm(c, []string{"body"})
	if !ok {
		return
	}
	p, err := s.initiatives.AddPost(c.Request.Context(), actor(c), id, fields["body"], photos)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, postOf(p))
}

// photo serves a stored photo with its own type, never sniffed by the browser, and with a
// policy that lets it run nothing.
func (s *server) photo(c *gin.Context) {
	f, ref, err := s.initiatives.OpenPhoto(c.Request.Context(), actor(c), c.Param("sha256"))
	if err != nil {
		s.fail(c, err)
		return
	}
	defer f.Close()
	h := c.Writer.Header()
	h.Set("Content-Type", ref.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Content-Disposition", "inline")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", `"`+ref.SHA256+`"`)
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, f) // the hash is the ETag: no modification time
}

// submissionFields are the form fields of a submission (JSON keys alike).
var submissionFields = []string{"title", "problem", "expected_result", "category", "subcategory", "territory", "cost_kopecks"}

// bindSubmission reads a submission: multipart/form-data with photos in "photos", or a JSON
// object without photos.
func (s *server) bindSubmission(c *gin.Context) (initiatives.Submission, [][]byte, bool) {
	if !isMultipart(c) {
		var req submissionRequest
		if !s.bind(c, &req) {
			return initiatives.Submission{}, nil, false
		}
		return req.submission(), nil, true
	}
	fields, photos, ok := s.bindForm(c, submissionFields)
	if !ok {
		return initiatives.Submission{}, nil, false
	}
	in := initiatives.Submission{Title: fields["title"], Problem: fields["problem"], ExpectedResult: fields["expected_result"],
		Category: fields["category"], Subcategory: fields["subcategory"], Territory: fields["territory"]}
	cost, err := strconv.ParseInt(strings.TrimSpace(fields["cost_kopecks"]), 10, 64)
	if err != nil {
		s.fail(c, fmt.Errorf("%w: cost_kopecks must be an integer", initiatives.ErrInvalid))
		return in, nil, false
	}
	in.Cost = cost
	return in, photos, true
}

func isMultipart(c *gin.Context) bool {
	return strings.HasPrefix(c.ContentType(), "multipart/form-data")
}

// bindForm reads a multipart form of the named text fields (each at most once; others are
// refused) and its files in "photos", each read up to one byte over the photo cap so that
// the service can refuse it. A JSON body {"body": …} is accepted too, for posts without photos.
func (s *server) bindForm(c *gin.Context, names []string) (map[string]string, [][]byte, bool) {
	cfg := s.initiatives.Config()
	if !isMultipart(c) {
		var req map[string]string
		if !s.bind(c, &req) {
			return nil, nil, false
		}
		for k := range req {
			if !slices.Contains(names, k) {
				s.fail(c, fmt.Errorf("%w: unknown field %q", errMalformedJSON, k))
				return nil, nil, false
			}
		}
		return req, nil, true
	}
	limit := int64(cfg.MaxPhotos+1)*(cfg.MaxPhotoBytes+1) + maxFormText
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	if err := c.Request.ParseMultipartForm(maxFormMemory); err != nil {
		s.fail(c, formError(err))
		return nil, nil, false
	}
	defer c.Request.MultipartForm.RemoveAll()
	fields, err := formFields(c.Request.MultipartForm, names)
	if err != nil {
		s.fail(c, err)
		return nil, nil, false
	}
	photos, err := initiatives.ReadUploads(c.Request.MultipartForm, cfg)
	if err != nil {
		s.fail(c, err)
		return nil, nil, false
	}
	return fields, photos, true
}

// Caps of a multipart form besides its photos.
const (
	maxFormText   = 64 << 10 // all text fields together, with the parts' headers
	maxFormMemory = 8 << 20  // kept in memory; the rest goes to temporary files
)

func formError(err error) error {
	if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
		return fmt.Errorf("%w: %v", errBodyTooLarge, err)
	}
	return fmt.Errorf("%w: malformed multipart form", initiatives.ErrInvalid)
}

func formFields(form *multipart.Form, names []string) (map[string]string, error) {
	out := map[string]string{}
	for k, v := range form.Value {
		if !slices.Contains(names, k) || len(v) != 1 {
			return nil, fmt.Errorf("%w: unexpected or repeated field %q", initiatives.ErrInvalid, k)
		}
		out[k] = v[0]
	}
	for k := range form.File {
		if k != "photos" {
			return nil, fmt.Errorf("%w: files go in \"photos\"", initiatives.ErrInvalid)
		}
	}
	return out, nil
}
