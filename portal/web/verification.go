package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// requestView is a verification request as the page lists it.
type requestView struct {
	citizens.Request
	What   string // "Личность, уровень 2: паспорт"
	Label  string // the status in words
	Reason string // why it was rejected, in words
	Open   bool   // queued or being checked
}

// verificationView is the verification page.
type verificationView struct {
	Level         int
	Profile       citizens.Profile
	ProfileReady  bool // the full name and birth date are given (level 1 needs them)
	PersonPending *requestView
	NextLevel     int // the person level the form asks for; 0 when all are reached or one is pending
	Flats         []citizens.Flat
	FlatsPending  int
	CanAddFlat    bool
	CanFlatRight  bool // some flat is at level 1 and the person at level 1 or more
	Requests      []requestView
	PersonForm    *form
	FlatForm      *form
	RightForm     *form
	Sent          bool
	Docs          citizens.Documents // masks of the verified documents
}

// verification shows the levels reached, the requests and the forms for the next steps.
func (s *site) verification(c *gin.Context) {
	v, err := s.verificationView(c, nil, nil, nil)
	if err != nil {
		s.fail(c, err)
		return
	}
	v.Sent = c.Query("sent") == "1"
	s.page(c, http.StatusOK, "verification.html", "Проверка данных", v)
}

func (s *site) verificationView(c *gin.Context, person, flat, right *form) (verificationView, error) {
	ctx := c.Request.Context()
	p, _ := principal(c)
	prof, err := s.citizens.Profile(ctx, p.ID)
	if err != nil {
		return verificationView{}, err
	}
	// Requests first: a decision commits the request and the level together, so a request
	// read as decided has its outcome in the levels read after it.
	reqs, err := s.citizens.Requests(ctx, p.ID)
	if err != nil {
		return verificationView{}, err
	}
	ver, err := s.citizens.Verification(ctx, p.ID)
	if err != nil {
		return verificationView{}, err
	}
	docs, err := s.citizens.Documents(ctx, p.ID)
	if err != nil {
		return verificationView{}, err
	}
	csrf := csrfToken(c)
	v := verificationView{Docs: docs, Level: ver.PersonLevel, Profile: prof, ProfileReady: prof.FullName != "" && !prof.BirthDate.IsZero(),
		Flats: ver.Flats, PersonForm: person, FlatForm: flat, RightForm: right}
	for _, r := range reqs {
		rv := requestViewOf(r)
		v.Requests = append(v.Requests, rv)
		switch {
		case rv.Open && r.Subject == storage.SubjectPerson && v.PersonPending == nil:
			v.PersonPending = &rv
		case rv.Open && r.Subject == storage.SubjectFlat && r.Level == 1:
			v.FlatsPending++
		}
	}
	if v.PersonPending == nil && v.Level < 3 {
		v.NextLevel = v.Level + 1
	}
	if person != nil { // a refused form is shown again as it was sent
		v.NextLevel, _ = strconv.Atoi(person.Value("level"))
	}
	v.CanAddFlat = len(v.Flats)+v.FlatsPending < 2 || flat != nil
	v.CanFlatRight = right != nil
	for _, f := range v.Flats {
		if f.Level == 1 && v.Level >= 1 {
			v.CanFlatRight = true
		}
	}
	if v.PersonForm == nil {
		v.PersonForm = newForm(csrf, url.Values{"level": {strconv.Itoa(v.NextLevel)}})
	}
	if v.FlatForm == nil {
		v.FlatForm = newForm(csrf, nil)
	}
	if v.RightForm == nil {
		v.RightForm = newForm(csrf, nil)
	}
	return v, nil
}

// submitPerson queues the next level of the person check.
func (s *site) submitPerson(c *gin.Context) {
	p, _ := principal(c)
	f := newForm(csrfToken(c), url.Values{})
	for _, k := range []string{"level", "passport_series", "passport_number", "snils"} {
		f.set(k, c.PostForm(k))
	}
	level, err := strconv.Atoi(f.Value("level"))
	if err != nil || level < 1 || level > 3 {
		s.fail(c, fmt.Errorf("%w: level %q", errBadForm, f.Value("level")))
		return
	}
	in := citizens.PersonSubmission{Level: level}
	switch level {
	case 2:
		in.PassportSeries, in.PassportNumber = digitsOnly(f.Value("passport_series")), digitsOnly(f.Value("passport_number"))
	case 3:
		in.SNILS = f.Value("snils")
	}
	_, err = s.citizens.SubmitPerson(c.Request.Context(), p.ID, in)
	s.submitted(c, err, f, func() { s.verificationAgain(c, f, nil, nil) })
}

// submitted answers a verification form: to the page on success, the page again with the
// refused field marked (shown by again) on bad input, or the error page.
func (s *site) submitted(c *gin.Context, err error, f *form, again func()) {
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/verification?sent=1")
		return
	}
	field, msg, ok := verificationProblem(err)
	if !ok {
		s.fail(c, err)
		return
	}
	f.fail(field, msg)
	again()
}

// submitFlat queues a flat check: level 1 (the account and the flat's address) or level 2
// (the right to the flat).
func (s *site) submitFlat(c *gin.Context) {
	p, _ := principal(c)
	f := newForm(csrfToken(c), url.Values{})
	for _, k := range []string{"level", "fls", "building", "flat_number", "property_cert", "social_tenant"} {
		f.set(k, c.PostForm(k))
	}
	in := citizens.FlatSubmission{FLS: digitsOnly(f.Value("fls"))}
	switch f.Value("level") {
	case "1":
		in.Level, in.Building, in.FlatNumber = 1, f.Value("building"), f.Value("flat_number")
	case "2":
		in.Level, in.PropertyCert, in.SocialTenant = 2, f.Value("property_cert"), f.Value("social_tenant") == "1"
	default:
		s.fail(c, fmt.Errorf("%w: flat level %q", errBadForm, f.Value("level")))
		return
	}
	_, err := s.citizens.SubmitFlat(c.Request.Context(), p.ID, in)
	s.submitted(c, err, f, func() {
		if in.Level == 1 {
			s.verificationAgain(c, nil, f, nil)
		} else {
			s.verificationAgain(c, nil, nil, f)
		}
	})
}

// verificationAgain shows the page with a refused form.
func (s *site) verificationAgain(c *gin.Context, person, flat, right *form) {
	v, err := s.verificationView(c, person, flat, right)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusUnprocessableEntity, "verification.html", "Проверка данных", v)
}

// verificationProblem is the field and message of a refused submission; ok is false for an
// error that is not the visitor's.
func verificationProblem(err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, pii.ErrPassportSeries):
		return "passport_series", "Серия паспорта — 4 цифры, например 45 08.", true
	case errors.Is(err, pii.ErrPassportNumber):
		return "passport_number", "Номер паспорта — 6 цифр, например 123456.", true
	case errors.Is(err, pii.ErrSNILSChecksum):
		return "snils", "Контрольное число СНИЛС не сходится: проверьте цифры.", true
	case errors.Is(err, citizens.ErrInvalidSNILS):
		return "snils", "СНИЛС — 11 цифр, например 112-233-445 95.", true
	case errors.Is(err, citizens.ErrInvalidFLS):
		return "fls", "Номер лицевого счёта — 10 цифр, он есть в платёжном документе за ЖКУ.", true
	case errors.Is(err, citizens.ErrInvalidFlat):
		return "building", "Укажите адрес дома и номер квартиры (номер — до 16 символов).", true
	case errors.Is(err, citizens.ErrInvalidPropertyCert):
		return "property_cert", "Номер свидетельства выглядит так: 77-АБ 123456. Если вы социальный наниматель, отметьте это и оставьте поле пустым.", true
	case errors.Is(err, citizens.ErrProfileIncomplete):
		return formError, "Сначала укажите в профиле ФИО и дату рождения.", true
	case errors.Is(err, citizens.ErrAlreadyVerified):
		return formError, "Этот уровень уже подтверждён.", true
	case errors.Is(err, citizens.ErrLevelOrder):
		return formError, "Сначала нужно пройти предыдущий уровень проверки.", true
	case errors.Is(err, citizens.ErrVerificationPending):
		return formError, "Проверка уже идёт. Дождитесь её результата.", true
	case errors.Is(err, citizens.ErrDocumentTaken):
		return formError, "Этот документ уже подтверждён для другой учётной записи. Обратитесь в службу поддержки.", true
	case errors.Is(err, citizens.ErrTooManyFlats):
		return formError, "Онлайн можно подтвердить не больше двух квартир. С остальными обратитесь в центр госуслуг.", true
	case errors.Is(err, citizens.ErrInvalidLevel):
		return formError, "Такого уровня проверки нет.", true
	}
	return "", "", false
}

func requestViewOf(r citizens.Request) requestView {
	open := r.Status == storage.VerificationQueued || r.Status == storage.VerificationChecking
	v := requestView{Request: r, What: requestWhat(r), Label: requestStatusLabel(r.Status), Open: open}
	if r.Status == storage.VerificationRejected {
		v.Reason = reasonText(r.Reason)
	}
	return v
}

// requestWhat names what a request checks.
func requestWhat(r citizens.Request) string {
	if r.Subject == storage.SubjectPerson {
		switch r.Level {
		case 1:
			return "Личность, уровень 1: ФИО и дата рождения"
		case 2:
			return "Личность, уровень 2: паспорт"
		case 3:
			return "Личность, уровень 3: СНИЛС"
		}
	}
	switch r.Level {
	case 1:
		return "Квартира, уровень 1: лицевой счёт"
	case 2:
		return "Квартира, уровень 2: право на квартиру"
	}
	return fmt.Sprintf("%s, уровень %d", r.Subject, r.Level)
}

// requestStatusLabel is a request's status in words.
func requestStatusLabel(st citizens.Status) string {
	switch st {
	case storage.VerificationQueued:
		return "В очереди"
	case storage.VerificationChecking:
		return "Проверяется"
	case storage.VerificationVerified:
		return "Подтверждено"
	case storage.VerificationRejected:
		return "Отклонено"
	}
	return string(st)
}

// reasonText says why a registry refused, in words.
func reasonText(code string) string {
	switch code {
	case "person_unknown":
		return "В реестре жителей нет человека с такими ФИО."
	case "birth_date_differs":
		return "Дата рождения не совпадает с данными реестра."
	case "address_differs":
		return "Адрес не совпадает с данными реестра."
	case "passport_unknown":
		return "Паспорт не найден среди действительных."
	case "snils_unknown":
		return "СНИЛС не найден в базе Социального фонда."
	case "holder_differs":
		return "Документ оформлен на другого человека."
	case "flat_unknown":
		return "Квартира с таким лицевым счётом не найдена."
	case "certificate_unknown":
		return "Свидетельство о праве собственности не найдено."
	case "other_flat":
		return "Свидетельство выдано на другую квартиру."
	case "certificate_needed":
		return "Вы собственник: укажите номер свидетельства о праве собственности."
	case "no_right":
		return "Вы не указаны ни собственником, ни нанимателем этой квартиры."
	case citizens.ReasonDocumentTaken:
		return "Документ уже подтверждён для другой учётной записи."
	case citizens.ReasonProfileMissing:
		return "Профиль был удалён до проверки."
	case "erased":
		return "Персональные данные удалены по вашему запросу."
	}
	return "Данные не подтвердились."
}

// flatRole names a verified right to a flat.
func flatRole(role string) string {
	switch role {
	case "owner":
		return "собственник"
	case "social_tenant":
		return "социальный наниматель"
	}
	return ""
}

// digitsOnly drops spaces and dashes people type inside document numbers.
func digitsOnly(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r != ' ' && r != '-' && r != '\u00a0' {
			out = append(out, r)
		}
	}
	return string(out)
}
