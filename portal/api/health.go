package api

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"
)

// readyTimeout bounds each readiness check.
const readyTimeout = 3 * time.Second

// ErrNotConfigured is what a Check returns for an optional part the node runs without (the
// registry extracts of verification): /readyz reports "not configured" and stays ready.
var ErrNotConfigured = errors.New("not configured")

func (s *server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz answers 200 only when every dependency (database, chain) answers; a part that is not
// configured (ErrNotConfigured) is reported and does not count.
func (s *server) readyz(c *gin.Context) {
	names := make([]string, 0, len(s.ready))
	for name := range s.ready {
		names = append(names, name)
	}
	sort.Strings(names)
	checks, status := gin.H{}, http.StatusOK
	for _, name := range names {
		ctx, cancel := context.WithTimeout(c.Request.Context(), readyTimeout)
		err := s.ready[name](ctx)
		cancel()
		if errors.Is(err, ErrNotConfigured) {
			checks[name] = ErrNotConfigured.Error()
			continue
		}
		if err != nil {
			checks[name] = err.Error()
			status = http.StatusServiceUnavailable
			continue
		}
		checks[name] = "ok"
	}
	c.JSON(status, gin.H{"ready": status == http.StatusOK, "checks": checks})
}
