package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

//go:embed static
var staticFS embed.FS

// asset is one embedded static file.
type asset struct {
	body    []byte
	version string // the first bytes of its SHA-256, for cache busting
	ctype   string
}

// assets are the static files by name ("style.css").
type assets map[string]asset

func loadAssets() assets {
	out := assets{}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ctype := mime.TypeByExtension(path.Ext(p))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		out[strings.TrimPrefix(p, "static/")] = asset{body: body, version: hex.EncodeToString(sum[:6]), ctype: ctype}
		return nil
	})
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return out
}

// assetURL is the URL of a static file with its version, so browsers may cache it for good.
// An unknown name fails the template, which every page test catches.
func (s *site) assetURL(name string) (string, error) {
	a, ok := s.assets[name]
	if !ok {
		return "", fmt.Errorf("no static asset %q", name)
	}
	return "/static/" + name + "?v=" + a.version, nil
}

// static serves an embedded asset: cached for a year when asked for by its current version,
// revalidated otherwise.
func (s *site) static(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("file"), "/")
	a, ok := s.assets[name]
	if !ok {
		s.fail(c, errPageNotFound)
		return
	}
	cache := "no-cache"
	if c.Query("v") == a.version {
		cache = "public, max-age=31536000, immutable"
	}
	c.Header("Cache-Control", cache)
	c.Header("ETag", `"`+a.version+`"`)
	if match := c.GetHeader("If-None-Match"); match == `"`+a.version+`"` {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, a.ctype, a.body)
}
