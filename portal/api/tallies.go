package api

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/tally"
)

// tallyRoutes serves published off-chain tallies: the treasury publishes a .pb file, anyone
// reads the result, its anchor and the file itself (open data, R-1.5).
func (s *server) tallyRoutes(v1 *gin.RouterGroup) {
	v1.POST("/tallies", s.require(access.RoleTreasury), s.publishTally)
	v1.GET("/tallies", public, s.listTallies)
	v1.GET("/tallies/:tally", public, s.getTally)
	v1.GET("/tallies/:tally/input", public, s.tallyInput)
}

// tallyJSON is a published tally.
type tallyJSON struct {
	ID        int64     `json:"id"`
	SHA256    string    `json:"sha256"`
	Rule      string    `json:"rule"`
	Selected  []string  `json:"selected"`
	Cost      string    `json:"cost"`
	Root      string    `json:"root"`
	Kind      string    `json:"kind"`
	Operation opJSON    `json:"operation"`
	CreatedAt time.Time `json:"created_at"`
}

// opJSON is the anchoring operation's progress.
type opJSON struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	TxHash string `json:"tx_hash,omitempty"`
}

func tallyOf(t tallies.Tally) tallyJSON {
	return tallyJSON{ID: t.ID, SHA256: t.SHA256, Rule: string(t.Rule), Selected: t.Selected,
		Cost: strconv.FormatInt(t.Cost, 10), Root: t.Root.Hex(), Kind: tallies.Kind.Hex(),
		Operation: opJSON{ID: t.OpID, Status: t.Status, TxHash: t.TxHash}, CreatedAt: t.CreatedAt}
}

// publishTally takes a .pb file as the body (any content type), tallies it under ?rule= or the
// file's own rule, and queues its anchor: 202 with the result.
func (s *server) publishTally(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, tallies.MaxInput)
	input, err := readBody(c.Request.Body)
	if err != nil {
		s.fail(c, err)
		return
	}
	if len(input) == 0 {
		s.fail(c, fmt.Errorf("%w: the body must be a pabulib .pb file", tallies.ErrInvalid))
		return
	}
	p, _ := principal(c)
	t, err := s.tallies.Publish(c.Request.Context(), input, tally.Rule(c.Query("rule")), p.ID)
	s.render(c, http.StatusAccepted, tallyOf(t), err)
}

func (s *server) listTallies(c *gin.Context) {
	ts, err := s.tallies.Tallies(c.Request.Context())
	out := make([]tallyJSON, len(ts))
	for i, t := range ts {
		out[i] = tallyOf(t)
	}
	s.render(c, http.StatusOK, gin.H{"tallies": out}, err)
}

func (s *server) getTally(c *gin.Context) {
	id, ok := s.tallyID(c)
	if !ok {
		return
	}
	t, err := s.tallies.Tally(c.Request.Context(), id)
	s.render(c, http.StatusOK, tallyOf(t), err)
}

// tallyInput serves the published .pb file byte for byte, so that its SHA-256 is the anchored one.
func (s *server) tallyInput(c *gin.Context) {
	id, ok := s.tallyID(c)
	if !ok {
		return
	}
	input, err := s.tallies.Input(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="tally-%d.pb"`, id))
	c.Header("X-Content-Type-Options", "nosniff")
	c.Data(http.StatusOK, "text/plain; charset=utf-8", input)
}

func (s *server) tallyID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("tally"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: tally id must be a positive integer", tallies.ErrNotFound))
		return 0, false
	}
	return id, true
}
