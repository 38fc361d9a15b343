package web

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"
)

// allowed are the methods of each route pattern of the pages, to answer a request with a
// method the route lacks: a 405 whose Allow header lists the real ones.
type allowed map[string][]string

func allowedOf(routes gin.RoutesInfo) allowed {
	a := allowed{}
	for _, r := range routes {
		if !slices.Contains(a[r.Path], r.Method) {
			a[r.Path] = append(a[r.Path], r.Method)
		}
	}
	for _, methods := range a {
		slices.Sort(methods)
	}
	return a
}

// of is the methods of the route path matches ("/rounds/7" matches "/rounds/:round").
func (a allowed) of(path string) []string {
	var out []string
	for pattern, methods := range a {
		if matchRoute(pattern, path) {
			for _, m := range methods {
				if !slices.Contains(out, m) {
					out = append(out, m)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// matchRoute reports whether path matches a gin pattern with :param and *wildcard segments.
func matchRoute(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		if strings.HasPrefix(p, "*") {
			return true
		}
		if i >= len(xs) || (p != xs[i] && !(strings.HasPrefix(p, ":") && xs[i] != "")) {
			return false
		}
	}
	return len(ps) == len(xs)
}

// methodError is a request with a method its page does not take.
type methodError struct {
	allow []string // the route's methods
}

func (e *methodError) Error() string {
	return "method not allowed; allowed: " + strings.Join(e.allow, ", ")
}

func (e *methodError) Is(target error) bool { return target == errMethod }

// readOnly reports whether the page only shows (GET, HEAD), so that the 405 page says so; a
// route that takes a form says it is sent from its page.
func (e *methodError) readOnly() bool {
	return !slices.ContainsFunc(e.allow, func(m string) bool { return m != http.MethodGet && m != http.MethodHead })
}

// methodProblem is what the 405 page says about err.
func methodProblem(err error) problem {
	var me *methodError
	if errors.As(err, &me) && !me.readOnly() {
		return problem{http.StatusMethodNotAllowed, "Действие недоступно",
			"Этот адрес принимает только отправку формы. Вернитесь на страницу с формой и нажмите кнопку на ней."}
	}
	return problem{http.StatusMethodNotAllowed, "Действие недоступно", "Эта страница только для просмотра."}
}
