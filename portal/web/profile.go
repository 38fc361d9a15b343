package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Citizens is what the pages need of the citizens area; *citizens.Service implements it.
type Citizens interface {
	Profile(ctx context.Context, user int64) (citizens.Profile, error)
	UpdateProfile(ctx context.Context, user int64, in citizens.ProfileInput) (citizens.Profile, error)
	Addresses(ctx context.Context, user int64) ([]citizens.Address, error)
	SetAddress(ctx context.Context, user int64, kind storage.AddressKind, text, territory string) (citizens.Address, error)
	SubmitPerson(ctx context.Context, user int64, in citizens.PersonSubmission) (citizens.Request, error)
	SubmitFlat(ctx context.Context, user int64, in citizens.FlatSubmission) (citizens.Request, error)
	Requests(ctx context.Context, user int64) ([]citizens.Request, error)
	Verification(ctx context.Context, user int64) (citizens.Verification, error)
	Documents(ctx context.Context, user int64) (citizens.Documents, error)
	Minors(ctx context.Context, user int64) ([]citizens.Minor, error)
	AddMinor(ctx context.Context, user int64, fullName, birthDate, basis string) (citizens.Minor, error)
	Deactivate(ctx context.Context, user int64) error
	ErasePersonalData(ctx context.Context, user int64) error
}

// addressKinds are the addresses of a profile in the order the page shows them.
var addressKinds = []storage.AddressKind{storage.AddressRegistration, storage.AddressResidence, storage.AddressWork}

// addressView is one address of the profile page with its own form.
type addressView struct {
	Kind       string
	Label      string
	Text       string
	NextChange time.Time // zero when it may change now
	Form       *form
}

// profileView is the profile page.
type profileView struct {
	UserID    string
	Profile   citizens.Profile
	Children  string
	Addresses []addressView
	Form      *form
	Welcome   bool
	Saved     string // what was just saved: "profile", "minor", or an address kind
	Minors    []minorView
	MinorForm *form
}

// profile shows the profile with its forms.
func (s *site) profile(c *gin.Context) {
	p, _ := principal(c)
	v, err := s.profileView(c, p.ID, nil, "", nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	v.Welcome, v.Saved = c.Query("welcome") == "1", c.Query("saved")
	s.page(c, http.StatusOK, "profile.html", "Профиль", v)
}

// profileView loads the page. pf is the profile form as sent (nil: filled from the
// profile); kind and af an address form as sent.
func (s *site) profileView(c *gin.Context, user int64, pf *form, kind string, af *form) (profileView, error) {
	ctx := c.Request.Context()
	p, _ := principal(c)
	prof, err := s.citizens.Profile(ctx, user)
	if err != nil {
		return profileView{}, err
	}
	addrs, err := s.citizens.Addresses(ctx, user)
	if err != nil {
		return profileView{}, err
	}
	minors, err := s.citizens.Minors(ctx, user)
	if err != nil {
		return profileView{}, err
	}
	csrf := csrfToken(c)
	v := profileView{UserID: p.UserID, Profile: prof, Children: yearsText(prof.Children), Form: pf,
		MinorForm: newForm(csrf, url.Values{"basis": {"parent"}})}
	for _, m := range minors {
		v.Minors = append(v.Minors, minorView{Minor: m, BasisLabel: basisLabel(m.Basis)})
	}
	if v.Form == nil {
		v.Form = newForm(csrf, url.Values{"full_name": {prof.FullName}, "sex": {string(prof.Sex)},
			"birth_date": {dateInput(prof.BirthDate)}, "email": {prof.Email}, "children": {v.Children}})
	}
	now := time.Now()
	for _, k := range addressKinds {
		av := addressView{Kind: string(k), Label: addressLabel(k)}
		for _, a := range addrs {
			if a.Kind == k {
				av.Text = a.Text
				if a.NextChange.After(now) {
					av.NextChange = a.NextChange
				}
			}
		}
		av.Form = newForm(csrf, url.Values{"kind": {string(k)}, "text": {av.Text}})
		if string(k) == kind && af != nil {
			av.Form = af
		}
		v.Addresses = append(v.Addresses, av)
	}
	return v, nil
}

// saveProfile stores the profile form, or shows it again with the errors.
func (s *site) saveProfile(c *gin.Context) {
	p, _ := principal(c)
	f := newForm(csrfToken(c), url.Values{})
	for _, k := range []string{"full_name", "sex", "birth_date", "email", "children"} {
		f.set(k, c.PostForm(k))
	}
	children, ok := parseYears(f.Value("children"))
	if !ok {
		f.fail("children", "Укажите годы рождения детей через запятую, например: 2012, 2016.")
	} else {
		in := citizens.ProfileInput{FullName: f.Value("full_name"), Sex: f.Value("sex"), BirthDate: f.Value("birth_date"),
			Email: f.Value("email"), Children: children}
		_, err := s.citizens.UpdateProfile(c.Request.Context(), p.ID, in)
		if err != nil {
			field, msg, ok := profileProblem(err)
			if !ok {
				s.fail(c, err)
				return
			}
			f.fail(field, msg)
		}
	}
	if !f.HasErrors() {
		c.Redirect(http.StatusSeeOther, "/profile?saved=profile")
		return
	}
	v, err := s.profileView(c, p.ID, f, "", nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusUnprocessableEntity, "profile.html", "Профиль", v)
}

// saveAddress stores one address, or shows its form again with the error.
func (s *site) saveAddress(c *gin.Context) {
	p, _ := principal(c)
	kind := c.PostForm("kind")
	f := newForm(csrfToken(c), url.Values{"kind": {kind}, "text": {c.PostForm("text")}})
	if !storage.AddressKind(kind).Valid() {
		s.fail(c, fmt.Errorf("%w: address kind", errBadForm))
		return
	}
	_, err := s.citizens.SetAddress(c.Request.Context(), p.ID, storage.AddressKind(kind), f.Value("text"), "")
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/profile?saved="+kind+"#address-"+kind)
		return
	}
	var soon *citizens.AddressTooSoonError
	switch {
	case errors.As(err, &soon):
		f.fail("text", fmt.Sprintf("Адрес можно менять не чаще раза в 3 месяца. Этот адрес можно будет изменить с %s.", Date(soon.NextAllowed, s.loc)))
	case errors.Is(err, citizens.ErrInvalidAddress):
		f.fail("text", "Укажите адрес: город, улицу, дом (до 500 символов).")
	default:
		s.fail(c, err)
		return
	}
	v, err := s.profileView(c, p.ID, nil, kind, f)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusUnprocessableEntity, "profile.html", "Профиль", v)
}

// profileProblem is the field and message of a profile refusal; ok is false for an error
// that is not the visitor's.
func profileProblem(err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, citizens.ErrInvalidName):
		return "full_name", "Укажите фамилию, имя и отчество (если есть) буквами, через пробел.", true
	case errors.Is(err, citizens.ErrInvalidSex):
		return "sex", "Выберите пол.", true
	case errors.Is(err, pii.ErrBirthDateFuture):
		return "birth_date", "Дата рождения не может быть в будущем.", true
	case errors.Is(err, pii.ErrBirthDateTooOld):
		return "birth_date", "Проверьте год рождения: дата больше 130 лет назад.", true
	case errors.Is(err, citizens.ErrInvalidBirthDate):
		return "birth_date", "Укажите дату рождения в виде ДД.ММ.ГГГГ, например 17.03.1985.", true
	case errors.Is(err, citizens.ErrInvalidEmail):
		return "email", "Проверьте адрес электронной почты, например ivanov@example.ru.", true
	case errors.Is(err, citizens.ErrInvalidChildren):
		return "children", "Проверьте годы рождения детей: каждому ребёнку — год не в будущем и не больше 100 лет назад.", true
	case errors.Is(err, citizens.ErrIdentityLocked):
		return "full_name", "ФИО и дату рождения нельзя изменить после подачи на проверку. Чтобы изменить их, обратитесь в центр госуслуг.", true
	}
	return "", "", false
}

// parseYears reads "2012, 2016" (commas or spaces between) into years; "" is none.
func parseYears(s string) ([]int, bool) {
	var out []int
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		y, err := strconv.Atoi(w)
		if err != nil || y < 1000 || y > 9999 {
			return nil, false
		}
		out = append(out, y)
	}
	return out, true
}

// yearsText writes years as the children field shows them.
func yearsText(years []int) string {
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}

// dateInput writes a date as the forms take it, "17.03.1985"; "" for the zero time.
func dateInput(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("02.01.2006")
}

// addressLabel names an address kind.
func addressLabel(k storage.AddressKind) string {
	switch k {
	case storage.AddressRegistration:
		return "Адрес регистрации"
	case storage.AddressResidence:
		return "Адрес проживания"
	case storage.AddressWork:
		return "Адрес работы"
	}
	return string(k)
}
