package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage"
)

// citizenRoutes are a signed-in user's profile, addresses, verification and legal
// representation, and the officials' deadline control of verification.
func (s *server) citizenRoutes(v1 *gin.RouterGroup) {
	me := s.signedIn()
	v1.GET("/me/profile", me, s.asUser, s.getProfile)
	v1.PUT("/me/profile", me, s.asUser, s.putProfile)
	v1.GET("/me/addresses", me, s.asUser, s.getAddresses)
	v1.PUT("/me/addresses/:kind", me, s.asUser, s.putAddress)
	v1.GET("/me/verification", me, s.asUser, s.getVerification)
	v1.POST("/me/verification/person", me, s.asUser, s.submitPerson)
	v1.POST("/me/verification/flat", me, s.asUser, s.submitFlat)
	v1.GET("/me/minors", me, s.asUser, s.getMinors)
	v1.POST("/me/minors", me, s.asUser, s.addMinor)
	v1.POST("/me/deactivate", me, s.asUser, s.deactivate)
	v1.POST("/me/erase", me, s.asUser, s.erase)
	v1.GET("/verification/overdue", s.require(access.RoleModerator, access.RoleAdmin), s.overdue)
}

// asUser refuses service tokens: only a signed-in user has a profile.
func (s *server) asUser(c *gin.Context) {
	if p, _ := principal(c); !p.IsUser() {
		s.fail(c, fmt.Errorf("%w: a service token has no profile; sign in", errForbidden))
		return
	}
	c.Next()
}

// user is the signed-in caller that asUser let through.
func user(c *gin.Context) access.Principal {
	p, _ := principal(c)
	return p
}

func (s *server) getProfile(c *gin.Context) {
	p := user(c)
	prof, err := s.people.Profile(c.Request.Context(), p.ID)
	s.render(c, http.StatusOK, profileOf(p.UserID, prof), err)
}

func (s *server) putProfile(c *gin.Context) {
	var req profileRequest
	if !s.bind(c, &req) {
		return
	}
	p := user(c)
	prof, err := s.people.UpdateProfile(c.Request.Context(), p.ID, citizens.ProfileInput(req))
	s.render(c, http.StatusOK, profileOf(p.UserID, prof), err)
}

func (s *server) getAddresses(c *gin.Context) {
	list, err := s.people.Addresses(c.Request.Context(), user(c).ID)
	out := addressesJSON{Addresses: make([]addressJSON, len(list))}
	for i, a := range list {
		out.Addresses[i] = addressOf(a)
	}
	s.render(c, http.StatusOK, out, err)
}

func (s *server) putAddress(c *gin.Context) {
	var req addressRequest
	if !s.bind(c, &req) {
		return
	}
	a, err := s.people.SetAddress(c.Request.Context(), user(c).ID, storage.AddressKind(c.Param("kind")), req.Text, req.Territory)
	s.render(c, http.StatusOK, addressOf(a), err)
}

func (s *server) getVerification(c *gin.Context) {
	ctx, p := c.Request.Context(), user(c)
	// Requests first: a decision commits the request and the level together, so a request
	// read as decided has its outcome in the levels read after it.
	reqs, err := s.people.Requests(ctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	v, err := s.people.Verification(ctx, p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	docs, err := s.people.Documents(ctx, p.ID)
	s.render(c, http.StatusOK, verificationOf(p.UserID, v, docs, reqs), err)
}

func (s *server) submitPerson(c *gin.Context) {
	var req personRequest
	if !s.bind(c, &req) {
		return
	}
	r, err := s.people.SubmitPerson(c.Request.Context(), user(c).ID, req.submission())
	s.render(c, http.StatusAccepted, requestOf(r), err)
}

func (s *server) submitFlat(c *gin.Context) {
	var req flatRequest
	if !s.bind(c, &req) {
		return
	}
	r, err := s.people.SubmitFlat(c.Request.Context(), user(c).ID, req.submission())
	s.render(c, http.StatusAccepted, requestOf(r), err)
}

func (s *server) getMinors(c *gin.Context) {
	list, err := s.people.Minors(c.Request.Context(), user(c).ID)
	out := minorsJSON{Minors: make([]minorJSON, len(list))}
	for i, m := range list {
		out.Minors[i] = minorOf(m)
	}
	s.render(c, http.StatusOK, out, err)
}

func (s *server) addMinor(c *gin.Context) {
	var req minorRequest
	if !s.bind(c, &req) {
		return
	}
	m, err := s.people.AddMinor(c.Request.Context(), user(c).ID, req.FullName, req.BirthDate, req.Basis)
	s.render(c, http.StatusCreated, minorOf(m), err)
}

// deactivate stops the caller's account: every session ends, this one too.
func (s *server) deactivate(c *gin.Context) {
	if err := s.people.Deactivate(c.Request.Context(), user(c).ID); err != nil {
		s.fail(c, err)
		return
	}
	s.signedOut(c)
}

// erase removes the caller's personal data and ends every session, this one too.
func (s *server) erase(c *gin.Context) {
	if err := s.people.ErasePersonalData(c.Request.Context(), user(c).ID); err != nil {
		s.fail(c, err)
		return
	}
	s.signedOut(c)
}

// signedOut answers 204 and deletes the session cookies the request came with.
func (s *server) signedOut(c *gin.Context) {
	if _, err := c.Cookie(sessionCookie); err == nil {
		http.SetCookie(c.Writer, s.cookie(c, sessionCookie, "", "/", -1, true))
		http.SetCookie(c.Writer, s.cookie(c, csrfCookie, "", "/", -1, false))
	}
	c.Status(http.StatusNoContent)
}

// overdueLimit bounds the overdue list (?limit=, default 100).
const overdueLimit = 1000

func (s *server) overdue(c *gin.Context) {
	limit := 100
	if q := c.Query("limit"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > overdueLimit {
			s.fail(c, fmt.Errorf("%w: limit must be 1 to %d", budget.ErrInvalid, overdueLimit))
			return
		}
		limit = n
	}
	n, list, err := s.people.Overdue(c.Request.Context(), limit)
	s.render(c, http.StatusOK, overdueJSON{Count: n, Requests: requestsOf(list)}, err)
}
