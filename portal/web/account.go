package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
)

// The citizen's account on the profile page: minors they represent, and ending
// the account, by deactivating it or erasing the personal data. Each end is confirmed on a
// page of its own; then every session ends and the visitor is on the home page with a note.

// minorView is one minor the user represents.
type minorView struct {
	citizens.Minor
	BasisLabel string
}

// basisLabel names the ground of a representation.
func basisLabel(basis string) string {
	switch basis {
	case "parent":
		return "родитель"
	case "guardian":
		return "опекун или попечитель"
	}
	return basis
}

// addMinor records a minor the user represents, or shows the form again with the error.
func (s *site) addMinor(c *gin.Context) {
	p, _ := principal(c)
	f := newForm(csrfToken(c), url.Values{})
	for _, k := range []string{"minor_name", "minor_birth_date", "basis"} {
		f.set(k, c.PostForm(k))
	}
	if b := f.Value("basis"); b != "parent" && b != "guardian" {
		f.fail("basis", "Укажите, кем вы приходитесь ребёнку: родитель или опекун (попечитель).")
	} else if _, err := s.citizens.AddMinor(c.Request.Context(), p.ID, f.Value("minor_name"), f.Value("minor_birth_date"), b); err != nil {
		field, msg, ok := minorProblem(err)
		if !ok {
			s.fail(c, err)
			return
		}
		f.fail(field, msg)
	}
	if !f.HasErrors() {
		c.Redirect(http.StatusSeeOther, "/profile?saved=minor#minors")
		return
	}
	v, err := s.profileView(c, p.ID, nil, "", nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	v.MinorForm = f
	s.page(c, http.StatusUnprocessableEntity, "profile.html", "Профиль", v)
}

// minorProblem is the field and message of a refused minor; ok is false for an error that is
// not the visitor's.
func minorProblem(err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, citizens.ErrInvalidName):
		return "minor_name", "Укажите фамилию, имя и отчество (если есть) ребёнка буквами, через пробел.", true
	case errors.Is(err, pii.ErrBirthDateFuture):
		return "minor_birth_date", "Дата рождения не может быть в будущем.", true
	case errors.Is(err, citizens.ErrInvalidBirthDate):
		return "minor_birth_date", "Укажите дату рождения в виде ДД.ММ.ГГГГ, например 01.04.2015.", true
	case errors.Is(err, citizens.ErrInvalidMinor):
		return "minor_birth_date", "Представлять можно только ребёнка младше 18 лет.", true
	}
	return "", "", false
}

// accountAction is a way to end the account, confirmed on its own page.
type accountAction struct {
	Path    string // the confirmation page and where its form goes
	Title   string
	Erase   bool // erase the personal data, not only deactivate
	Form    *form
	Confirm string // the label of the checkbox that confirms
	Button  string
}

var (
	deactivateAction = accountAction{Path: "/profile/deactivate", Title: "Отключение учётной записи",
		Confirm: "Я понимаю, что не смогу войти в эту учётную запись", Button: "Отключить учётную запись"}
	eraseAction = accountAction{Path: "/profile/erase", Title: "Удаление личных данных", Erase: true,
		Confirm: "Я понимаю, что личные данные будут удалены без возможности восстановления", Button: "Удалить личные данные"}
)

// confirmAccount shows the confirmation form of an action.
func (s *site) confirmAccount(a accountAction) gin.HandlerFunc {
	return func(c *gin.Context) {
		a.Form = newForm(csrfToken(c), nil)
		s.page(c, http.StatusOK, "account.html", a.Title, a)
	}
}

// endAccount deactivates the account or erases its personal data once confirmed; the
// service ends every session, and the browser's cookies go too.
func (s *site) endAccount(a accountAction) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.PostForm("confirm") != "yes" {
			a.Form = newForm(csrfToken(c), nil)
			a.Form.fail("confirm", "Отметьте, что вы понимаете последствия.")
			s.page(c, http.StatusUnprocessableEntity, "account.html", a.Title, a)
			return
		}
		p, _ := principal(c)
		end, note := s.citizens.Deactivate, "deactivated"
		if a.Erase {
			end, note = s.citizens.ErasePersonalData, "erased"
		}
		if err := end(c.Request.Context(), p.ID); err != nil {
			s.fail(c, err)
			return
		}
		s.clearSession(c)
		c.Redirect(http.StatusSeeOther, "/?account="+note)
	}
}

// accountNote is the note the home page shows after an account ended; "" for none.
func accountNote(v string) string {
	switch v {
	case "deactivated":
		return "Учётная запись отключена, вы вышли из неё на всех устройствах."
	case "erased":
		return "Личные данные удалены, учётная запись отключена. Хранятся только уникальный номер участника и итоги проверки засчитанных голосов — их требует хранить закон."
	}
	return ""
}
