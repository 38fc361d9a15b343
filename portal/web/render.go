package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"
)

//go:embed templates
var templateFS embed.FS

// templates are the parsed pages by file name ("home.html"), each joined with the layout.
type templates map[string]*template.Template

// parseTemplates parses every page under templates/ with layout.html and the shared parts of
// fields.html (form fields, a piggy bank). A broken template is a programming error, caught by any test that builds the
// site, so it panics.
func parseTemplates(funcs template.FuncMap) templates {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := templates{}
	for _, path := range names {
		name := path[len("templates/"):]
		if name == "layout.html" || name == "fields.html" {
			continue
		}
		out[name] = template.Must(template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/fields.html", path))
	}
	return out
}

// view is what the layout receives: the page's title and its own data in Data.
type view struct {
	Title  string
	Path   string // the request path, to mark the current navigation link
	Data   any
	SignIn bool   // the node signs citizens in: the navigation offers it
	User   string // the signed-in user's unique user ID; "" for a visitor
	CSRF   string // the session's CSRF token, for the sign-out form
	Notice string // a note above the page (the home page's after an account ended)
}

// page renders the template name inside the layout with status. It renders into a buffer
// first, so a template error becomes the 500 page rather than half a page.
func (s *site) page(c *gin.Context, status int, name, title string, data any) {
	var buf bytes.Buffer
	v := view{Title: title, Path: c.Request.URL.Path, Data: data, SignIn: s.ids != nil, CSRF: csrfToken(c)}
	if v.Path == "/" {
		v.Notice = accountNote(c.Query("account"))
	}
	if p, ok := principal(c); ok {
		v.User = p.UserID
	}
	if err := s.execute(&buf, name, v); err != nil {
		s.log.Error("render template", "template", name, "err", err)
		buf.Reset()
		status = http.StatusInternalServerError
		p := problemOf(err)
		if err := s.execute(&buf, "error.html", view{Title: p.Title, Data: p}); err != nil {
			c.String(status, "500 internal error")
			return
		}
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

func (s *site) execute(buf *bytes.Buffer, name string, v view) error {
	t, ok := s.tmpl[name]
	if !ok {
		return fmt.Errorf("no template %q", name)
	}
	return t.ExecuteTemplate(buf, "layout", v)
}

// funcs are the helpers templates may call.
func (s *site) funcs() template.FuncMap {
	return template.FuncMap{
		"rub":      Rubles,
		"when":     func(t time.Time) string { return Deadline(t, s.loc) },
		"iso":      func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"percent":  Percent,
		"status":   statusLabel,
		"asset":    s.assetURL,
		"contains": slices.Contains[[]int, int],
		"field":    fieldOf,
		"date":     func(t time.Time) string { return Date(t, s.loc) },
		"birth":    func(t time.Time) string { return Date(t, time.UTC) },
		"userID":   UserID,
		"sexLabel": sexLabel,
		"flatRole": flatRole,
		"basis":    basisLabel,
	}
}
