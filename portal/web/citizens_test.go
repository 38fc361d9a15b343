package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestCitizenPagesNeedSignIn: a visitor without a session is sent to /login, from a page or a
// form, and nothing is written.
func TestCitizenPagesNeedSignIn(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	before := storagetest.DumpText(t, s.Storage)
	tests := []struct {
		method, path string
		form         url.Values
		want         string
	}{
		{"GET", "/profile", nil, "/login?next=%2Fprofile"},
		{"GET", "/verification", nil, "/login?next=%2Fverification"},
		{"GET", "/wallet", nil, "/login?next=%2Fwallet"},
		{"POST", "/profile", url.Values{"full_name": {"Иванов Иван"}}, "/login"},
		{"POST", "/profile/address", url.Values{"kind": {"work"}, "text": {"Москва, Тверская, 1"}}, "/login"},
		{"POST", "/verification/person", url.Values{"level": {"1"}}, "/login"},
		{"POST", "/verification/flat", url.Values{"level": {"1"}, "fls": {"1234567890"}}, "/login"},
		{"POST", "/logout", url.Values{}, "/login"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := c.do(tt.method, tt.path, tt.form)
			if r.Status != http.StatusSeeOther || r.Location != tt.want {
				t.Errorf("got %d → %q, want 303 → %q", r.Status, r.Location, tt.want)
			}
		})
	}
	if after := storagetest.DumpText(t, s.Storage); after != before {
		t.Error("an anonymous request wrote to the database")
	}
	r := c.get("/login")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `id="login-link"`) || strings.Contains(r.Body, "Выйти") {
		t.Errorf("GET /login: %d, the navigation should offer «Войти» only", r.Status)
	}
}

// TestCitizenFormsNeedCSRF: a form sent with the session but without its CSRF token, or with
// another one, gets the 403 page, and nothing is written.
func TestCitizenFormsNeedCSRF(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	s.signIn(c, "+7 916 000-00-01")
	other := newFormClient(t, s.URL)
	s.signIn(other, "+7 916 000-00-02")
	otherToken := other.csrf("/profile")
	forms := []struct {
		path string
		form url.Values
	}{
		{"/profile", url.Values{"full_name": {"Иванов Иван Иванович"}, "birth_date": {"01.02.1980"}}},
		{"/profile/address", url.Values{"kind": {"registration"}, "text": {"Москва, ул. Тверская, д. 1"}}},
		{"/verification/person", url.Values{"level": {"2"}, "passport_series": {"4508"}, "passport_number": {"123456"}}},
		{"/verification/flat", url.Values{"level": {"1"}, "fls": {"1234567890"}, "building": {"Москва, ул. Тверская, д. 1"}, "flat_number": {"5"}}},
		{"/logout", url.Values{}},
	}
	tokens := []struct{ name, token string }{{"missing", ""}, {"wrong", "pbc_" + strings.Repeat("A", 43)}, {"another session's", otherToken}}
	before := storagetest.DumpText(t, s.Storage)
	for _, f := range forms {
		for _, tok := range tokens {
			t.Run(f.path+" "+tok.name, func(t *testing.T) {
				form := url.Values{}
				for k, v := range f.form {
					form[k] = v
				}
				if tok.token != "" {
					form.Set("csrf_token", tok.token)
				}
				r := c.post(f.path, form)
				if r.Status != http.StatusForbidden || !strings.Contains(r.Body, "Форма устарела") {
					t.Errorf("got %d → %q, want the 403 page", r.Status, r.Location)
				}
			})
		}
	}
	if after := storagetest.DumpText(t, s.Storage); after != before {
		t.Error("a form without its CSRF token wrote to the database")
	}
	// The login forms have their own token.
	r := c.post("/login", url.Values{"phone": {"+7 916 000-00-03"}})
	if r.Status != http.StatusForbidden {
		t.Errorf("login without its token: %d, want 403", r.Status)
	}
	// The session still works: the refusals did not end it.
	if r := c.get("/profile"); r.Status != http.StatusOK {
		t.Errorf("GET /profile after the refusals: %d", r.Status)
	}
}

// TestCitizenFormsBadInput: a refused form comes back with what was typed and an error at the
// field, and nothing is written.
func TestCitizenFormsBadInput(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	if got := s.signIn(c, "+7 916 000-00-11"); got != "/profile?welcome=1" {
		t.Fatalf("a new user went to %q, want the profile", got)
	}
	token := c.csrf("/profile")
	ok := func(path string, form url.Values) {
		t.Helper()
		form.Set("csrf_token", token)
		if r := c.post(path, form); r.Status != http.StatusSeeOther {
			t.Fatalf("POST %s: %d\n%s", path, r.Status, r.Body)
		}
	}
	ok("/profile", url.Values{"full_name": {"Петрова Анна Сергеевна"}, "sex": {"f"}, "birth_date": {"17.03.1985"}})
	ok("/profile/address", url.Values{"kind": {"residence"}, "text": {"Москва, ул. Лесная, д. 7, кв. 3"}})

	tests := []struct {
		name, path string
		form       url.Values
		field      string // the id of the error paragraph
		message    string
		echo       string // what was typed, shown again
	}{
		{"name", "/profile", url.Values{"full_name": {"Петрова1"}, "birth_date": {"17.03.1985"}}, "full_name-error", "Укажите фамилию, имя", "Петрова1"},
		{"birth date", "/profile", url.Values{"full_name": {"Петрова Анна"}, "birth_date": {"31.02.1985"}}, "birth_date-error", "ДД.ММ.ГГГГ", "31.02.1985"},
		{"children", "/profile", url.Values{"full_name": {"Петрова Анна"}, "children": {"двое"}}, "children-error", "через запятую", "двое"},
		{"e-mail", "/profile", url.Values{"email": {"anna@"}}, "email-error", "электронной почты", "anna@"},
		{"address too soon", "/profile/address", url.Values{"kind": {"residence"}, "text": {"Москва, ул. Новая, д. 1"}}, "address-residence-error", "не чаще раза в 3 месяца", "Москва, ул. Новая, д. 1"},
		{"passport series of 3 digits", "/verification/person", url.Values{"level": {"2"}, "passport_series": {"450"}, "passport_number": {"123456"}}, "passport_series-error", "4 цифры", "450"},
		{"SNILS check digits", "/verification/person", url.Values{"level": {"3"}, "snils": {"112-233-445 96"}}, "snils-error", "Контрольное число", "112-233-445 96"},
		{"SNILS length", "/verification/person", url.Values{"level": {"3"}, "snils": {"1122334459"}}, "snils-error", "11 цифр", "1122334459"},
		{"FLS of 9 digits", "/verification/flat", url.Values{"level": {"1"}, "fls": {"123456789"}, "building": {"Москва, ул. Лесная, д. 7"}, "flat_number": {"3"}}, "fls-error", "10 цифр", "123456789"},
		{"property certificate", "/verification/flat", url.Values{"level": {"2"}, "fls": {"1234567890"}, "property_cert": {"АБ"}}, "property_cert-error", "77-АБ 123456", "АБ"},
	}
	before := storagetest.DumpText(t, s.Storage)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.form.Set("csrf_token", token)
			r := c.post(tt.path, tt.form)
			if r.Status != http.StatusUnprocessableEntity {
				t.Errorf("status %d, want 422", r.Status)
			}
			if !strings.Contains(r.Body, `id="`+tt.field+`"`) || !strings.Contains(r.Body, tt.message) {
				t.Errorf("no error %q at %s:\n%s", tt.message, tt.field, r.Body)
			}
			if !strings.Contains(r.Body, `value="`+tt.echo+`"`) {
				t.Errorf("the form lost what was typed, %q", tt.echo)
			}
		})
	}
	if after := storagetest.DumpText(t, s.Storage); after != before {
		t.Error("a refused form wrote to the database")
	}
}

// TestProfilePage: the profile shows the unique user ID, the saved data and when an address
// may change next.
func TestProfilePage(t *testing.T) {
	s := startCitizenSite(t, nil)
	c := newFormClient(t, s.URL)
	s.signIn(c, "+7 916 000-00-21")
	r := c.get("/profile?welcome=1")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `id="welcome"`) {
		t.Fatalf("GET /profile: %d, no welcome", r.Status)
	}
	id := userIDIn(t, r.Body)
	if !strings.Contains(r.Body, `id="nav-user-id"`) || !strings.Contains(r.Body, ">Выйти<") {
		t.Error("the navigation does not show the user ID and «Выйти»")
	}
	token := c.csrf("/profile")
	form := url.Values{"csrf_token": {token}, "full_name": {"  Сидоров   Пётр Ильич "}, "sex": {"m"}, "birth_date": {"1990-05-04"},
		"email": {"Petr@Example.ru"}, "children": {"2015, 2019"}}
	if r := c.post("/profile", form); r.Status != http.StatusSeeOther || r.Location != "/profile?saved=profile" {
		t.Fatalf("save profile: %d %q\n%s", r.Status, r.Location, r.Body)
	}
	if r := c.post("/profile/address", url.Values{"csrf_token": {token}, "kind": {"work"}, "text": {"Москва, Тверская, 13"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("save address: %d\n%s", r.Status, r.Body)
	}
	r = c.get("/profile")
	for _, want := range []string{"Сидоров Пётр Ильич", "мужской", "4 мая 1990", "2015, 2019", "Москва, Тверская, 13", "Изменить можно с "} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the profile lacks %q", want)
		}
	}
	if got := userIDIn(t, r.Body); got != id {
		t.Errorf("user ID changed from %s to %s", id, got)
	}
	// Signing in again keeps the ID; signing out ends the session.
	if r := c.post("/logout", url.Values{"csrf_token": {token}}); r.Status != http.StatusSeeOther || r.Location != "/" {
		t.Fatalf("logout: %d %q", r.Status, r.Location)
	}
	if r := c.get("/profile"); r.Status != http.StatusSeeOther {
		t.Errorf("GET /profile after logout: %d, want a redirect to /login", r.Status)
	}
	if got := s.signIn(c, "+7 (916) 000-00-21"); got != "/profile" {
		t.Errorf("a returning user went to %q", got)
	}
	if got := userIDIn(t, c.get("/profile").Body); got != id {
		t.Errorf("signing in again gave the ID %s, want %s", got, id)
	}
}

// TestLoginErrors: each refusal of sign-in is told in Russian at the right field.
func TestLoginErrors(t *testing.T) {
	s := startCitizenSite(t, func(c *identity.Config) { c.SendsPerPhone, c.LockoutFailures, c.MaxAttempts = 3, 3, 5 })
	c := newFormClient(t, s.URL)
	token := c.csrf("/login")
	send := func(phone string) response {
		t.Helper()
		return c.post("/login", url.Values{"csrf_token": {token}, "phone": {phone}})
	}
	verify := func(challenge, code string) response {
		t.Helper()
		return c.post("/login/code", url.Values{"csrf_token": {token}, "challenge": {challenge}, "code": {code}})
	}
	challengeOf := func(r response) string {
		t.Helper()
		u, err := url.Parse(r.Location)
		if r.Status != http.StatusSeeOther || err != nil {
			t.Fatalf("send code: %d %q\n%s", r.Status, r.Location, r.Body)
		}
		return u.Query().Get("challenge")
	}
	check := func(name string, r response, status int, want string) {
		t.Helper()
		if r.Status != status || !strings.Contains(r.Body, want) {
			t.Errorf("%s: %d, want %d with %q\n%s", name, r.Status, status, want, r.Body)
		}
	}
	check("letters", send("позвоните мне"), 422, "Не удалось распознать номер")
	check("landline", send("+7 495 123-45-67"), 422, "Это не номер мобильного телефона")
	check("foreign", send("+44 7700 900123"), 422, "только по российскому номеру")
	if r := send("+7 916 abc"); !strings.Contains(r.Body, `value="&#43;7 916 abc"`) {
		t.Error("the phone form lost what was typed")
	}

	offset := s.Log.Len()
	ch := challengeOf(send("+7 916 000-00-31"))
	code := codeAfter(t, s.Log, offset)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	check("short code", verify(ch, "12"), 422, "Код — это 6 цифр")
	check("wrong code", verify(ch, wrong), 422, "Неверный код")
	check("unknown challenge", verify("otp_AAAAAAAAAAAAAAAAAAAAAA", "123456"), 422, "Срок действия кода истёк")
	if r := verify(ch, code); r.Status != http.StatusSeeOther {
		t.Fatalf("right code: %d\n%s", r.Status, r.Body)
	}
	check("used code", verify(ch, code), 422, "уже использован")

	// The third code in the window is the last (SendsPerPhone 3).
	challengeOf(send("+7 916 000-00-31"))
	ch = challengeOf(send("+7 916 000-00-31"))
	check("rate limited", send("+7 916 000-00-31"), 429, "Новый код можно запросить через ")
	// Three wrong codes lock the phone out (LockoutFailures 3).
	verify(ch, wrong)
	verify(ch, wrong)
	check("locked out", verify(ch, wrong), 429, "временно заблокирован. Попробуйте снова через 30\u00a0минут")
}

// userIDIn is the unique user ID the profile page shows.
func userIDIn(t *testing.T, body string) string {
	t.Helper()
	const attr = `data-user-id="`
	i := strings.Index(body, attr)
	if i < 0 {
		t.Fatalf("no user ID on the page:\n%s", body)
	}
	id := body[i+len(attr) : i+len(attr)+12]
	for _, r := range id {
		if r < '0' || r > '9' {
			t.Fatalf("user ID %q is not 12 digits", id)
		}
	}
	return id
}
