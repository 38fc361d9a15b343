package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/pii"
)

// loginView is the sign-in page: the phone step, or the code step of a challenge.
type loginView struct {
	Form       *form
	CodeStep   bool
	Challenge  string
	Next       string
	CodeLength int
	OIDCURL    string // the login through the state identity provider; "" when it is off
}

// oidcLoginPath is the API's login through the OpenID provider (portal/api/oidc.go): it
// comes back to the page named by next, or to /login?oidc_error=<code>.
const oidcLoginPath = "/api/v1/auth/oidc/login"

// login shows the phone form, and the button of the state identity provider when the node
// has one; a signed-in visitor goes on to their profile.
func (s *site) login(c *gin.Context) {
	next := safeNext(c.Query("next"))
	if _, ok := principal(c); ok {
		c.Redirect(http.StatusSeeOther, s.afterLogin(next, false))
		return
	}
	f := newForm(s.loginToken(c), nil)
	if code := c.Query("oidc_error"); code != "" {
		f.fail(formError, oidcProblem(code))
	}
	s.page(c, http.StatusOK, "login.html", "Вход", s.loginView(f, next))
}

// loginView is the phone step of the sign-in page.
func (s *site) loginView(f *form, next string) loginView {
	v := loginView{Form: f, Next: next}
	if s.oidc {
		v.OIDCURL = oidcLoginPath
		if next != "" {
			v.OIDCURL += "?" + url.Values{"next": {next}}.Encode()
		}
	}
	return v
}

// oidcProblem says why a login through the identity provider did not sign the visitor in,
// from the API's error code.
func oidcProblem(code string) string {
	switch code {
	case "oidc_denied":
		return "Вход через Госуслуги отменён: вы не дали согласие на передачу данных. Попробуйте ещё раз или войдите по номеру телефона."
	case "oidc_state_invalid":
		return "Вход через Госуслуги не завершён: он начат в другом окне или слишком давно. Нажмите «Войти через Госуслуги» ещё раз."
	case "user_deactivated":
		return "Учётная запись отключена. Обратитесь в службу поддержки."
	case "rate_limited":
		return "Сейчас слишком много входов через Госуслуги. Попробуйте через несколько минут."
	}
	return "Не удалось войти через Госуслуги: сервис не ответил. Попробуйте позже или войдите по номеру телефона."
}

// sendCode sends a sign-in code to the phone and goes on to the code form.
func (s *site) sendCode(c *gin.Context) {
	if !loginTokenOK(c) {
		s.fail(c, errCSRF)
		return
	}
	next := safeNext(c.PostForm("next"))
	f := newForm(s.loginToken(c), url.Values{"phone": {c.PostForm("phone")}})
	id, err := s.ids.StartSMS(c.Request.Context(), f.Value("phone"), s.proxies.ClientIP(c.Request))
	if err != nil {
		status, field, msg, ok := signInProblem(err, s.ids.Config().CodeLength)
		if !ok {
			s.fail(c, err)
			return
		}
		f.fail(field, msg)
		s.page(c, status, "login.html", "Вход", s.loginView(f, next))
		return
	}
	q := url.Values{"challenge": {string(id)}}
	if next != "" {
		q.Set("next", next)
	}
	c.Redirect(http.StatusSeeOther, "/login/code?"+q.Encode())
}

// codeForm shows the form for the code of a challenge.
func (s *site) codeForm(c *gin.Context) {
	challenge := c.Query("challenge")
	if challenge == "" || len(challenge) > 100 {
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	f := newForm(s.loginToken(c), nil)
	s.page(c, http.StatusOK, "login.html", "Код из SMS", s.codeView(f, challenge, safeNext(c.Query("next"))))
}

func (s *site) codeView(f *form, challenge, next string) loginView {
	return loginView{Form: f, CodeStep: true, Challenge: challenge, Next: next, CodeLength: s.ids.Config().CodeLength}
}

// verifyCode signs the visitor in with the code: a cookie session shared with the API.
func (s *site) verifyCode(c *gin.Context) {
	if !loginTokenOK(c) {
		s.fail(c, errCSRF)
		return
	}
	challenge, next := c.PostForm("challenge"), safeNext(c.PostForm("next"))
	code := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, c.PostForm("code"))
	sess, _, created, err := s.ids.VerifySMS(c.Request.Context(), identity.ChallengeID(challenge), code, s.proxies.ClientIP(c.Request), identity.Cookie)
	if err != nil {
		status, field, msg, ok := signInProblem(err, s.ids.Config().CodeLength)
		if !ok {
			s.fail(c, err)
			return
		}
		f := newForm(s.loginToken(c), url.Values{"code": {c.PostForm("code")}})
		f.fail(field, msg)
		s.page(c, status, "login.html", "Код из SMS", s.codeView(f, challenge, next))
		return
	}
	s.setSession(c, sess)
	c.Redirect(http.StatusSeeOther, s.afterLogin(next, created))
}

// afterLogin is where a signed-in visitor goes: back where they were sent from, else to the
// profile (a new user to complete it).
func (s *site) afterLogin(next string, created bool) string {
	switch {
	case s.citizens == nil:
		return "/"
	case created:
		return "/profile?welcome=1"
	case next != "":
		return next
	}
	return "/profile"
}

// logoutPage asks a signed-in visitor to confirm signing out (a GET never ends a session:
// a link from another site could); anyone else goes home.
func (s *site) logoutPage(c *gin.Context) {
	if _, ok := principal(c); !ok {
		c.Redirect(http.StatusSeeOther, "/")
		return
	}
	s.page(c, http.StatusOK, "logout.html", "Выход", newForm(csrfToken(c), nil))
}

// logout ends the session and deletes its cookies.
func (s *site) logout(c *gin.Context) {
	token, _ := c.Cookie(sessionCookie)
	if err := s.ids.Logout(c.Request.Context(), token); err != nil && !errors.Is(err, identity.ErrUnauthenticated) {
		s.fail(c, err)
		return
	}
	s.clearSession(c)
	c.Redirect(http.StatusSeeOther, "/")
}

// signInProblem is what the sign-in forms say about an identity error: the status, the
// field it concerns and the message. ok is false for an error that is not the visitor's.
func signInProblem(err error, codeLength int) (status int, field, msg string, ok bool) {
	var limit *identity.LimitError
	wait := ""
	if errors.As(err, &limit) {
		wait = inMinutes(limit.RetryAfter)
	}
	switch {
	case errors.Is(err, identity.ErrInvalidPhone) && errors.Is(err, pii.ErrForeignPhone):
		return http.StatusUnprocessableEntity, "phone", "Вход возможен только по российскому номеру мобильного телефона (+7).", true
	case errors.Is(err, identity.ErrInvalidPhone) && errors.Is(err, pii.ErrPhoneNotMobile):
		return http.StatusUnprocessableEntity, "phone", "Это не номер мобильного телефона. Укажите мобильный номер: на него придёт SMS с кодом.", true
	case errors.Is(err, identity.ErrInvalidPhone):
		return http.StatusUnprocessableEntity, "phone", "Не удалось распознать номер. Укажите номер мобильного телефона, например +7 916 123-45-67.", true
	case errors.Is(err, identity.ErrLockedOut):
		return http.StatusTooManyRequests, formError, "Слишком много неверных кодов: вход с этого номера временно заблокирован. Попробуйте снова через " + wait + ".", true
	case errors.Is(err, identity.ErrRateLimited) && limit != nil && limit.Scope == "phone":
		return http.StatusTooManyRequests, formError, "На этот номер уже отправлено много кодов. Новый код можно запросить через " + wait + ".", true
	case errors.Is(err, identity.ErrRateLimited):
		return http.StatusTooManyRequests, formError, "Слишком много попыток входа с вашего адреса. Попробуйте снова через " + wait + ".", true
	case errors.Is(err, identity.ErrInvalidCode):
		return http.StatusUnprocessableEntity, "code", fmt.Sprintf("Код — это %d цифр из SMS.", codeLength), true
	case errors.Is(err, identity.ErrCodeWrong):
		return http.StatusUnprocessableEntity, "code", "Неверный код. Проверьте SMS и введите код ещё раз.", true
	case errors.Is(err, identity.ErrCodeExpired):
		return http.StatusUnprocessableEntity, "code", "Срок действия кода истёк. Запросите новый код.", true
	case errors.Is(err, identity.ErrCodeUsed):
		return http.StatusUnprocessableEntity, "code", "Этот код уже использован. Запросите новый код.", true
	case errors.Is(err, identity.ErrTooManyAttempts):
		return http.StatusUnprocessableEntity, "code", "Код введён неверно слишком много раз. Запросите новый код.", true
	case errors.Is(err, identity.ErrDeactivated):
		return http.StatusForbidden, formError, "Учётная запись отключена. Обратитесь в службу поддержки.", true
	}
	return 0, "", "", false
}

// inMinutes says a wait in whole minutes, rounded up: "1 минуту", "3 минуты", "25 минут".
func inMinutes(d time.Duration) string {
	n := int((d + time.Minute - 1) / time.Minute)
	return fmt.Sprintf("%d%s%s", max(n, 1), nbsp, plural(max(n, 1), "минуту", "минуты", "минут"))
}

// plural picks the Russian form of a noun for n: one (1, 21), few (2–4, 22–24), many.
func plural(n int, one, few, many string) string {
	n %= 100
	switch {
	case n >= 11 && n <= 14:
		return many
	case n%10 == 1:
		return one
	case n%10 >= 2 && n%10 <= 4:
		return few
	}
	return many
}
