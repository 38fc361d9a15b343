package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/initiatives"
)

// Initiatives is what the pages need of the initiatives area; *initiatives.Service
// implements it.
type Initiatives interface {
	Config() initiatives.Config
	List(ctx context.Context, f initiatives.ListFilter) ([]initiatives.Initiative, error)
	Queue(ctx context.Context, by initiatives.Actor, after int64, limit int) ([]initiatives.Initiative, error)
	Get(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Posts(ctx context.Context, by initiatives.Actor, id int64) ([]initiatives.Post, error)
	Supports(ctx context.Context, by initiatives.Actor, id int64) (bool, error)
	Submit(ctx context.Context, by initiatives.Actor, in initiatives.Submission, photos [][]byte) (initiatives.Initiative, error)
	Support(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Unsupport(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	AddPost(ctx context.Context, by initiatives.Actor, id int64, body string, photos [][]byte) (initiatives.Post, error)
	StartReview(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Accept(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Reject(ctx context.Context, by initiatives.Actor, id int64, reason string) (initiatives.Initiative, error)
	PublishToRound(ctx context.Context, by initiatives.Actor, id, roundID int64) (initiatives.Initiative, error)
	PublishForSupport(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Settle(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
	Complete(ctx context.Context, by initiatives.Actor, id int64) (initiatives.Initiative, error)
}

// initiativeRoutes are the pages of citizens' initiatives: the list, one initiative with its
// support, progress posts and the officials' actions, the submission form and the review
// queue. A refused action comes back to the initiative's page with its reason.
func (s *site) initiativeRoutes(pages *gin.RouterGroup, read []string) {
	if s.initiatives == nil || s.ids == nil {
		return
	}
	pages.Match(read, "/initiatives", s.initiativeList)
	pages.Match(read, "/initiatives/new", s.signedIn, s.newInitiative)
	pages.POST("/initiatives", s.signedIn, s.submitInitiative)
	pages.Match(read, "/initiatives/review", s.signedIn, s.reviewQueue)
	pages.Match(read, "/initiatives/:initiative", s.initiativePage)
	pages.POST("/initiatives/:initiative/support", s.signedIn, s.supportInitiative)
	pages.POST("/initiatives/:initiative/posts", s.signedIn, s.postProgress)
	pages.POST("/initiatives/:initiative/action", s.signedIn, s.initiativeAction)
}

// actorOf is the visitor as the initiatives area sees it; a visitor holds no grant.
func actorOf(c *gin.Context) initiatives.Actor {
	p, _ := principal(c)
	return initiatives.Actor{User: p.ID, Grants: p.Roles}
}

// initiativeCard is an initiative as the list and its page show it.
type initiativeCard struct {
	initiatives.Initiative
	Category    string // the category's name, and the subcategory's after a dash
	StatusLabel string
}

// ForSupport reports whether the initiative collects (or collected) support votes.
func (v initiativeCard) ForSupport() bool { return v.Track == "support" }

func (s *site) card(in initiatives.Initiative) initiativeCard {
	return initiativeCard{Initiative: in, Category: s.categoryName(in.Submission.Category, in.Submission.Subcategory),
		StatusLabel: initiativeStatusLabel(in.Status)}
}

func (s *site) categoryName(code, sub string) string {
	for _, c := range s.initiatives.Config().Categories {
		if c.Code != code {
			continue
		}
		for _, sc := range c.Subcategories {
			if sc.Code == sub {
				return c.Name + " — " + sc.Name
			}
		}
		return c.Name
	}
	return code
}

func initiativeStatusLabel(st initiatives.Status) string {
	return map[initiatives.Status]string{
		initiatives.StatusSubmitted: "Подана", initiatives.StatusInReview: "На экспертизе",
		initiatives.StatusAccepted: "Одобрена экспертами", initiatives.StatusRejected: "Отклонена",
		initiatives.StatusPublishing: "Публикуется", initiatives.StatusPublished: "Идёт голосование",
		initiatives.StatusFunded: "Поддержана", initiatives.StatusNotFunded: "Не поддержана",
		initiatives.StatusImplementation: "Реализуется", initiatives.StatusDone: "Реализована",
	}[st]
}

// listView is the list page.
type listView struct {
	Cards     []initiativeCard
	Moderator bool // the visitor may open the review queue
	SignedIn  bool
	Review    bool // the review queue rather than the public list
}

// initiativeList shows the public initiatives (R-2.1: votes, deadlines and due dates).
func (s *site) initiativeList(c *gin.Context) {
	list, err := s.initiatives.List(c.Request.Context(), initiatives.ListFilter{Limit: 500})
	if err != nil {
		s.fail(c, err)
		return
	}
	p, ok := principal(c)
	v := listView{SignedIn: ok, Moderator: hasAnywhere(p, identity.RoleModerator)}
	for _, in := range list {
		v.Cards = append(v.Cards, s.card(in))
	}
	s.page(c, http.StatusOK, "initiatives.html", "Инициативы жителей", v)
}

func hasAnywhere(p identity.Principal, role identity.Role) bool {
	return slices.ContainsFunc(p.Roles, func(g identity.RoleGrant) bool { return g.Role == role })
}

// reviewQueue shows the expert review's queue to moderators (403 to others).
func (s *site) reviewQueue(c *gin.Context) {
	list, err := s.initiatives.Queue(c.Request.Context(), actorOf(c), 0, 500)
	if err != nil {
		s.fail(c, err)
		return
	}
	v := listView{SignedIn: true, Moderator: true, Review: true}
	for _, in := range list {
		v.Cards = append(v.Cards, s.card(in))
	}
	s.page(c, http.StatusOK, "initiatives.html", "Экспертиза инициатив", v)
}

// initiativeView is one initiative's page.
type initiativeView struct {
	initiativeCard
	Posts      []initiatives.Post
	CSRF       string
	SignedIn   bool
	Supported  bool
	Official   bool // the visitor may act as a moderator or department
	Moderator  bool
	Treasury   bool
	Rounds     []budget.Round // open rounds to publish into
	CanSupport bool           // support is open
	CanPost    bool           // the initiative is funded or being implemented
	Notice     string
	Error      string
	MaxPhotos  int
}

// initiativePage shows one initiative to whoever may see it.
func (s *site) initiativePage(c *gin.Context) {
	id, ok := s.initiativeParam(c)
	if !ok {
		return
	}
	ctx, by := c.Request.Context(), actorOf(c)
	in, err := s.initiatives.Get(ctx, by, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	posts, err := s.initiatives.Posts(ctx, by, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	p, signed := principal(c)
	v := initiativeView{initiativeCard: s.card(in), Posts: posts, CSRF: csrfToken(c), SignedIn: signed,
		Moderator: p.Has(identity.RoleModerator, in.Submission.Territory), Treasury: p.Has(identity.RoleTreasury, in.Submission.Territory),
		Notice: noticeText[c.Query("done")], Error: refusalText(c.Query("error")), MaxPhotos: s.initiatives.Config().MaxPhotos}
	v.Official = v.Moderator || p.Has(identity.RoleDepartment, in.Submission.Territory)
	v.CanSupport = in.Status == initiatives.StatusPublished && in.Track == "support" && !in.SupportDeadline.IsZero() && initiatives.SupportOpen(in.SupportDeadline, time.Now())
	v.CanPost = in.Status == initiatives.StatusFunded || in.Status == initiatives.StatusImplementation
	if v.Supported, err = s.initiatives.Supports(ctx, by, id); err != nil {
		s.fail(c, err)
		return
	}
	if in.Status == initiatives.StatusAccepted && (v.Moderator || v.Treasury) {
		if v.Rounds, err = s.openRounds(ctx); err != nil {
			s.fail(c, err)
			return
		}
	}
	s.page(c, http.StatusOK, "initiative.html", in.Submission.Title, v)
}

func (s *site) openRounds(ctx context.Context) ([]budget.Round, error) {
	rounds, err := s.budget.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(rounds, func(r budget.Round) bool { return r.Status != "open" || !time.Now().Before(r.Deadline) }), nil
}

func (s *site) initiativeParam(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("initiative"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: initiative id %q", errPageNotFound, c.Param("initiative")))
		return 0, false
	}
	return id, true
}

// submissionView is the submission form.
type submissionView struct {
	Form       *form
	Categories []initiatives.Category
	MaxPhotos  int
	MaxMB      int64
}

func (s *site) newInitiative(c *gin.Context) {
	s.submissionPage(c, http.StatusOK, newForm(csrfToken(c), nil))
}

func (s *site) submissionPage(c *gin.Context, status int, f *form) {
	cfg := s.initiatives.Config()
	v := submissionView{Form: f, Categories: cfg.Categories, MaxPhotos: cfg.MaxPhotos, MaxMB: cfg.MaxPhotoBytes >> 20}
	s.page(c, status, "initiative_new.html", "Новая инициатива", v)
}

// submitInitiative takes the submission form with its photos (multipart) and shows the new
// initiative, or the form again with the reason it was refused.
func (s *site) submitInitiative(c *gin.Context) {
	defer removeUploads(c)
	in := initiatives.Submission{Title: c.PostForm("title"), Problem: c.PostForm("problem"), ExpectedResult: c.PostForm("expected_result"),
		Territory: c.PostForm("territory")}
	in.Category, in.Subcategory, _ = strings.Cut(c.PostForm("category"), "/")
	f := newForm(csrfToken(c), url.Values{})
	for _, k := range []string{"title", "problem", "expected_result", "territory", "category", "cost"} {
		f.set(k, c.PostForm(k))
	}
	cost, ok := parseRubles(c.PostForm("cost"))
	if !ok {
		f.fail("cost", "Укажите стоимость в рублях, больше нуля, например 150000 или 1500,50.")
		s.submissionPage(c, http.StatusBadRequest, f)
		return
	}
	in.Cost = cost
	photos, err := s.uploads(c)
	if err == nil {
		var got initiatives.Initiative
		if got, err = s.initiatives.Submit(c.Request.Context(), actorOf(c), in, photos); err == nil {
			c.Redirect(http.StatusSeeOther, fmt.Sprintf("/initiatives/%d?done=submitted", got.ID))
			return
		}
	}
	status, msg, known := refusal(err)
	if !known {
		s.fail(c, err)
		return
	}
	f.fail(formError, msg)
	s.submissionPage(c, status, f)
}

// parseRubles reads an amount in roubles ("150000", "1 500,50") as kopecks.
func parseRubles(v string) (int64, bool) {
	v = strings.NewReplacer(" ", "", "\u00a0", "", ",", ".").Replace(strings.TrimSpace(v))
	whole, frac, _ := strings.Cut(v, ".")
	if len(frac) > 2 || whole == "" {
		return 0, false
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || n <= 0 || strings.ContainsAny(whole+frac, "+-") {
		return 0, false
	}
	return n, true
}

// uploads reads the form's photos, each up to one byte over the cap so that the area refuses
// it; the session already parsed the multipart form.
func (s *site) uploads(c *gin.Context) ([][]byte, error) {
	return initiatives.ReadUploads(c.Request.MultipartForm, s.initiatives.Config())
}

func removeUploads(c *gin.Context) {
	if c.Request.MultipartForm != nil {
		c.Request.MultipartForm.RemoveAll()
	}
}

// supportInitiative casts (vote=add) or withdraws (vote=remove) the visitor's support vote.
func (s *site) supportInitiative(c *gin.Context) {
	s.act(c, func(ctx context.Context, by initiatives.Actor, id int64) (string, error) {
		if c.PostForm("vote") == "remove" {
			_, err := s.initiatives.Unsupport(ctx, by, id)
			return "unsupported", err
		}
		_, err := s.initiatives.Support(ctx, by, id)
		return "supported", err
	})
}

// postProgress adds a progress post with photos.
func (s *site) postProgress(c *gin.Context) {
	defer removeUploads(c)
	s.act(c, func(ctx context.Context, by initiatives.Actor, id int64) (string, error) {
		photos, err := s.uploads(c)
		if err != nil {
			return "", err
		}
		_, err = s.initiatives.AddPost(ctx, by, id, c.PostForm("body"), photos)
		return "posted", err
	})
}

// initiativeAction is the officials' step of the workflow named by the field action.
func (s *site) initiativeAction(c *gin.Context) {
	s.act(c, func(ctx context.Context, by initiatives.Actor, id int64) (string, error) {
		var err error
		switch a := c.PostForm("action"); a {
		case "review":
			_, err = s.initiatives.StartReview(ctx, by, id)
		case "accept":
			_, err = s.initiatives.Accept(ctx, by, id)
		case "reject":
			_, err = s.initiatives.Reject(ctx, by, id, c.PostForm("reason"))
		case "publish_round":
			round, perr := strconv.ParseInt(c.PostForm("round_id"), 10, 64)
			if perr != nil {
				return "", fmt.Errorf("%w: choose a round", initiatives.ErrInvalid)
			}
			_, err = s.initiatives.PublishToRound(ctx, by, id, round)
		case "publish_support":
			_, err = s.initiatives.PublishForSupport(ctx, by, id)
		case "settle":
			_, err = s.initiatives.Settle(ctx, by, id)
		case "done":
			_, err = s.initiatives.Complete(ctx, by, id)
		default:
			return "", fmt.Errorf("%w: unknown action", initiatives.ErrInvalid)
		}
		return c.PostForm("action"), err
	})
}

// act runs an action on the initiative of the path and goes back to its page, saying what was
// done or why it was refused (Post/Redirect/Get).
func (s *site) act(c *gin.Context, fn func(ctx context.Context, by initiatives.Actor, id int64) (string, error)) {
	id, ok := s.initiativeParam(c)
	if !ok {
		return
	}
	done, err := fn(c.Request.Context(), actorOf(c), id)
	target := fmt.Sprintf("/initiatives/%d", id)
	if err != nil {
		code, known := refusalCode(err)
		if !known {
			s.fail(c, err)
			return
		}
		c.Redirect(http.StatusSeeOther, target+"?error="+code)
		return
	}
	c.Redirect(http.StatusSeeOther, target+"?done="+url.QueryEscape(done))
}

// noticeText says what was just done, by the done parameter.
var noticeText = map[string]string{
	"submitted": "Инициатива подана и ждёт экспертизы.", "supported": "Ваш голос учтён.", "unsupported": "Ваш голос отозван.",
	"posted": "Сообщение о ходе работ опубликовано.", "review": "Инициатива взята на экспертизу.", "accept": "Инициатива одобрена.",
	"reject": "Инициатива отклонена.", "publish_round": "Инициатива включена в голосование за бюджет.",
	"publish_support": "Инициатива открыта для голосов поддержки.", "settle": "Итог подведён.", "done": "Инициатива отмечена реализованной.",
}

// refusals are the areas' errors a visitor's action may meet: the code the page is sent back
// with, the status of a form shown again, and the message in words.
var refusals = []struct {
	err    error
	code   string
	status int
	msg    string
}{
	{initiatives.ErrUnknownCategory, "unknown_category", http.StatusBadRequest, "Выберите категорию из списка."},
	{initiatives.ErrInvalidPhoto, "invalid_photo", http.StatusUnsupportedMediaType, "Фотографии принимаются только в форматах JPEG, PNG и WebP."},
	{initiatives.ErrPhotoTooLarge, "photo_too_large", http.StatusRequestEntityTooLarge, "Фотография слишком большая."},
	{initiatives.ErrTooManyPhotos, "too_many_photos", http.StatusBadRequest, "Слишком много фотографий."},
	{initiatives.ErrReasonRequired, "reason_required", http.StatusBadRequest, "Укажите причину отклонения."},
	{initiatives.ErrInvalid, "invalid", http.StatusBadRequest, "Проверьте поля: заполните название, описание проблемы и ожидаемый результат, не превышая допустимую длину."},
	{initiatives.ErrNotVerified, "not_verified", http.StatusForbidden, "Подавать инициативы и голосовать могут только жители, прошедшие проверку личности."},
	{initiatives.ErrForbidden, "forbidden", http.StatusForbidden, "У вас нет прав на это действие."},
	{initiatives.ErrTransition, "invalid_transition", http.StatusConflict, "На этом этапе так сделать нельзя."},
	{initiatives.ErrAlreadySupported, "already_supported", http.StatusConflict, "Вы уже поддержали эту инициативу."},
	{initiatives.ErrNotSupported, "not_supported", http.StatusConflict, "Вы не поддерживали эту инициативу."},
	{initiatives.ErrSupportClosed, "support_closed", http.StatusConflict, "Сбор голосов завершён."},
	{initiatives.ErrSupportOpen, "support_open", http.StatusConflict, "Сбор голосов ещё идёт: итог подводится после срока."},
	{initiatives.ErrRoundNotFinalized, "round_not_finalized", http.StatusConflict, "Голосование за бюджет ещё не подведено."},
	{budget.ErrDeadlinePassed, "deadline_passed", http.StatusConflict, "Приём в это голосование за бюджет уже закрыт."},
	{budget.ErrAlreadyFinalized, "already_finalized", http.StatusConflict, "Это голосование за бюджет уже завершено."},
	{budget.ErrRoundNotFound, "round_not_found", http.StatusNotFound, "Такого голосования за бюджет нет."},
	{budget.ErrInvalid, "round_invalid", http.StatusBadRequest, "Голосование за бюджет не принимает эту инициативу."},
}

func refusal(err error) (int, string, bool) {
	for _, r := range refusals {
		if errors.Is(err, r.err) {
			return r.status, r.msg, true
		}
	}
	return 0, "", false
}

func refusalCode(err error) (string, bool) {
	for _, r := range refusals {
		if errors.Is(err, r.err) {
			return r.code, true
		}
	}
	return "", false
}

func refusalText(code string) string {
	for _, r := range refusals {
		if r.code == code {
			return r.msg
		}
	}
	return ""
}

// initiativeProblem is the error page of the initiatives' errors a page may meet.
func initiativeProblem(err error) (problem, bool) {
	switch {
	case errors.Is(err, initiatives.ErrNotFound):
		return problem{http.StatusNotFound, "Инициатива не найдена", "Такой инициативы нет, или она ещё не опубликована."}, true
	case errors.Is(err, initiatives.ErrForbidden):
		return problem{http.StatusForbidden, "Нет доступа", "Эта страница — для экспертов, проверяющих инициативы."}, true
	case errors.Is(err, initiatives.ErrInvalid):
		return problem{http.StatusBadRequest, "Неверный запрос", "Адрес страницы указан неверно."}, true
	}
	return problem{}, false
}
