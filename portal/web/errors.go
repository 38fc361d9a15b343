package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
)

// Errors of the pages themselves; the areas' errors are mapped beside them in problemOf.
var (
	errPageNotFound = errors.New("page not found")
	errMethod       = errors.New("method not allowed")
	errPanic        = errors.New("handler panicked")
	errBadForm      = errors.New("malformed form")
)

// forbiddenError is a page the visitor may not see; its text says who may.
type forbiddenError struct{ msg string }

func (e *forbiddenError) Error() string { return "forbidden: " + e.msg }

// forbidden is the 403 of a page, with msg for the visitor.
func forbidden(msg string) error { return &forbiddenError{msg} }

// problem is what the error page tells the visitor.
type problem struct {
	Status  int
	Title   string
	Message string
}

// problemOf is the one mapping from an error to the page a visitor sees. Unknown errors are
// a 500 whose details stay in the log.
func problemOf(err error) problem {
	switch {
	case errors.Is(err, errPageNotFound):
		return problem{http.StatusNotFound, "Страница не найдена", "Такой страницы нет. Проверьте адрес или начните с главной."}
	case errors.Is(err, budget.ErrRoundNotFound):
		return problem{http.StatusNotFound, "Голосование не найдено", "Голосования с таким номером нет. Список всех голосований — на главной странице."}
	case errors.Is(err, budget.ErrInvalid):
		return problem{http.StatusBadRequest, "Неверный запрос", "Адрес страницы указан неверно."}
	case errors.Is(err, errCSRF):
		return problem{http.StatusForbidden, "Форма устарела", "Форма была открыта в другом сеансе или слишком давно, поэтому ничего не сохранено. Откройте страницу заново и отправьте форму ещё раз."}
	case errors.Is(err, errBadForm):
		return problem{http.StatusBadRequest, "Неверный запрос", "Форма заполнена не так, как ожидалось. Откройте страницу заново и отправьте форму ещё раз."}
	case errors.Is(err, errMethod):
		return methodProblem(err)
	}
	if fe, ok := errors.AsType[*forbiddenError](err); ok {
		return problem{http.StatusForbidden, "Нет доступа", fe.msg}
	}
	if p, ok := initiativeProblem(err); ok {
		return p
	}
	return problem{http.StatusInternalServerError, "Ошибка на сервере", "Не удалось показать страницу. Попробуйте обновить её через минуту."}
}

// fail renders the error page for err and stops the handler chain. Server errors are logged
// here, once; a visitor's mistakes are not.
func (s *site) fail(c *gin.Context, err error) {
	p := problemOf(err)
	if p.Status >= http.StatusInternalServerError {
		s.log.Error("render page", "path", c.Request.URL.Path, "err", err)
	}
	if me, ok := errors.AsType[*methodError](err); ok && len(me.allow) > 0 {
		c.Header("Allow", strings.Join(me.allow, ", "))
	}
	s.page(c, p.Status, "error.html", p.Title, p)
	c.Abort()
}
