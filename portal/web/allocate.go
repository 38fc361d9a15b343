package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/portal/wallets"
	"github.com/pbnode/pbnode/storage"
)

// Allocations is what the allocation page needs of the budget area besides Budget: a
// citizen's balance in a round, moving tokens into and out of piggy banks, and how
// far an acknowledged change got on its way to the chain; *budget.Service implements it.
// The page asks Deps.Budget for it, so that the node's wiring stays one field: a Budget that
// does not move tokens (a read-only fake) serves no allocation page.
//
// A citizen whose wallet is their own (linked by Sign-In with Ethereum, /wallet) signs each
// change in the browser: static/allocate.js asks PrepareMove's record through the page's
// .../unsigned form endpoints, has the wallet sign it as EIP-712 typed data (ethers v6 over
// EIP-1193, window.ethereum), and posts the form with the nonce and the signature; the node
// relays the signed record. Custodial wallets use the plain forms, without JavaScript.
type Allocations interface {
	Balance(ctx context.Context, roundID, citizenID int64) (budget.Balance, error)
	Allocate(ctx context.Context, m budget.Move) (budget.Receipt, error)
	Withdraw(ctx context.Context, m budget.Move) (budget.Receipt, error)
	// CitizenOperation is the operation as the citizen sees it: failed when the relay left
	// their records out, whatever it did with the others'.
	CitizenOperation(ctx context.Context, id, citizenID int64) (budget.Operation, error)
	// PrepareMove is the record a citizen's own wallet signs for a move (withdraw: a
	// withdrawal); nothing is written.
	PrepareMove(ctx context.Context, m budget.Move, withdraw bool) (budget.Unsigned, error)
	// PrepareDirect is the call of the round a citizen's own wallet sends itself for a move,
	// paying the gas; the node learns of it from the chain.
	PrepareDirect(ctx context.Context, m budget.Move, withdraw bool) (budget.DirectCall, error)
}

// allocator serves the allocation page with the budget area's moves.
type allocator struct {
	*site
	moves Allocations
}

// allocationRoutes are a citizen's allocation page and its two forms, when the node signs
// citizens in and its budget service moves tokens.
func (s *site) allocationRoutes(pages *gin.RouterGroup, read []string) {
	moves, ok := s.budget.(Allocations)
	if !ok || s.ids == nil {
		return
	}
	a := &allocator{site: s, moves: moves}
	pages.Match(read, "/rounds/:round/allocate", s.signedIn, a.show)
	pages.POST("/rounds/:round/allocate", s.signedIn, a.allocate)
	pages.POST("/rounds/:round/withdraw", s.signedIn, a.withdraw)
	pages.POST("/rounds/:round/allocate/unsigned", s.signedIn, a.unsignedAllocation)
	pages.POST("/rounds/:round/withdraw/unsigned", s.signedIn, a.unsignedWithdrawal)
	pages.POST("/rounds/:round/allocate/direct", s.signedIn, a.directAllocation)
	pages.POST("/rounds/:round/withdraw/direct", s.signedIn, a.directWithdrawal)
}

// allocationView is the allocation page.
type allocationView struct {
	roundView
	CSRF      string
	Balance   budget.Balance
	HasWallet bool   // the user acts as a citizen (a wallet address)
	OwnWallet bool   // their wallet is their own: they sign each change in the browser
	Official  string // the official roles the user holds, in words; "" for a citizen
	Auditor   bool   // the user may open the round's treasury dashboard
	Rows      []allocationRow
	Open      bool // the round takes changes
	Notice    string
	Error     string
	Op        *operationView // the last change, when the page was sent back after one
	DirectTx  string         // the transaction the citizen's wallet just sent, when it did
}

// HasQuota reports whether the user holds tokens of the round.
func (v allocationView) HasQuota() bool { return v.Balance.Quota > 0 }

// allocationRow is an initiative with what the citizen holds in its piggy bank.
type allocationRow struct {
	budget.Initiative
	Mine    int64
	Passing bool // in the funded set: on-chain once finalized, else the projection
}

// show renders the allocation page of the round for the signed-in user.
func (a *allocator) show(c *gin.Context) {
	id, ok := a.roundParam(c)
	if !ok {
		return
	}
	v, err := a.view(c, id)
	if err != nil {
		a.fail(c, err)
		return
	}
	a.page(c, http.StatusOK, "allocate.html", "Мои токены — "+v.Name, v)
}

func (a *allocator) view(c *gin.Context, id int64) (allocationView, error) {
	ctx := c.Request.Context()
	r, err := a.budget.Round(ctx, id)
	if err != nil {
		return allocationView{}, err
	}
	inis, err := a.budget.Initiatives(ctx, id)
	if err != nil {
		return allocationView{}, err
	}
	p, _ := principal(c)
	v := allocationView{roundView: a.roundView(r, inis), CSRF: csrfToken(c), HasWallet: p.CitizenID != 0,
		Official: officialRoles(p), Auditor: mayAudit(p, r), Notice: allocationNotice[c.Query("done")],
		Error: allocationRefusalText(c.Query("error"))}
	v.Open = !v.Closed && (r.Status == "open" || r.Status == "deploying")
	if v.HasWallet && r.Contract == 2 && a.wallets != nil {
		w, err := a.wallets.Wallet(ctx, p.ID)
		if err != nil && !errors.Is(err, wallets.ErrNoWallet) {
			return v, err
		}
		v.OwnWallet = err == nil && w.Kind == storage.WalletSIWE
	}
	if v.HasWallet {
		v.Balance, err = a.moves.Balance(ctx, id, p.CitizenID)
		if err != nil && !errors.Is(err, budget.ErrCitizenNotFound) {
			return v, err
		}
	}
	for _, ini := range inis {
		row := allocationRow{Initiative: ini, Passing: slices.Contains(r.Funded, ini.Number)}
		for _, al := range v.Balance.Allocations {
			if al.Initiative == ini.Number {
				row.Mine += al.Amount
			}
		}
		v.Rows = append(v.Rows, row)
	}
	if tx := c.Query("tx"); len(tx) == 66 && strings.HasPrefix(tx, "0x") && isHex(tx[2:]) {
		v.DirectTx = tx
	}
	v.Op, err = a.lastChange(ctx, c.Query("op"), p.CitizenID)
	return v, err
}

// lastChange is the operation of the change just made (the op parameter), or nil.
func (a *allocator) lastChange(ctx context.Context, param string, citizenID int64) (*operationView, error) {
	opID, err := strconv.ParseInt(param, 10, 64)
	if err != nil || opID <= 0 {
		return nil, nil
	}
	op, err := a.moves.CitizenOperation(ctx, opID, citizenID)
	if errors.Is(err, budget.ErrOperationNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &operationView{op}, nil
}

// allocate puts the form's amount into the form's initiative.
func (a *allocator) allocate(c *gin.Context) { a.move(c, a.moves.Allocate, "allocated") }

// withdraw takes the form's amount back out of the form's initiative.
func (a *allocator) withdraw(c *gin.Context) { a.move(c, a.moves.Withdraw, "withdrawn") }

// Refusals of the allocation forms that the pages find before asking the budget area.
var (
	errAmount  = errors.New("amount is not a positive sum in roubles")
	errNoQuota = errors.New("no quota in the round")
)

// move sends one change and goes back to the allocation page with what was done and the
// operation that carries it to the chain, or with why it was refused (Post/Redirect/Get). A
// refused change writes nothing: the budget area checks and writes in one transaction.
func (a *allocator) move(c *gin.Context, do func(context.Context, budget.Move) (budget.Receipt, error), done string) {
	id, ok := a.roundParam(c)
	if !ok {
		return
	}
	target := fmt.Sprintf("/rounds/%d/allocate", id)
	rc, err := a.send(c, id, do)
	if err != nil {
		code, known := allocationRefusalCode(err)
		if !known {
			a.fail(c, err)
			return
		}
		c.Redirect(http.StatusSeeOther, target+"?error="+code)
		return
	}
	c.Redirect(http.StatusSeeOther, fmt.Sprintf("%s?done=%s&op=%d", target, done, rc.OpID))
}

// send reads the form and asks the budget area for the change, with the signature of the
// citizen's own wallet when the form carries one.
func (a *allocator) send(c *gin.Context, roundID int64, do func(context.Context, budget.Move) (budget.Receipt, error)) (budget.Receipt, error) {
	m, err := a.formMove(c, roundID)
	if err != nil {
		return budget.Receipt{}, err
	}
	if sig := c.PostForm("signature"); sig != "" {
		if m.Signature, err = hexutil.Decode(sig); err != nil {
			return budget.Receipt{}, fmt.Errorf("%w: the signature is not 0x hex", budget.ErrInvalid)
		}
		if m.Nonce, err = strconv.ParseInt(c.PostForm("nonce"), 10, 64); err != nil || m.Nonce < 0 {
			return budget.Receipt{}, fmt.Errorf("%w: a signature comes with its nonce", budget.ErrInvalid)
		}
	}
	return do(c.Request.Context(), m)
}

// formMove reads the move of an allocation form. A user without a wallet, or without tokens
// in the round, is told so rather than that the sum is too large.
func (a *allocator) formMove(c *gin.Context, roundID int64) (budget.Move, error) {
	amount, ok := parseRubles(c.PostForm("amount"))
	if !ok {
		return budget.Move{}, errAmount
	}
	number, err := strconv.Atoi(c.PostForm("initiative"))
	if err != nil || number <= 0 {
		return budget.Move{}, fmt.Errorf("initiative %q: %w", c.PostForm("initiative"), budget.ErrInitiativeNotFound)
	}
	p, _ := principal(c)
	if p.CitizenID == 0 {
		return budget.Move{}, fmt.Errorf("user %d: %w", p.ID, budget.ErrCitizenNotFound)
	}
	bal, err := a.moves.Balance(c.Request.Context(), roundID, p.CitizenID)
	if err != nil {
		return budget.Move{}, err
	}
	if bal.Quota == 0 {
		return budget.Move{}, errNoQuota
	}
	return budget.Move{RoundID: roundID, CitizenID: p.CitizenID, Initiative: number, Amount: amount}, nil
}

// unsignedJSON is what static/allocate.js gets for a move of a citizen's own wallet: the
// EIP-712 request their wallet signs (eth_signTypedData_v4) and the nonce it carries.
type unsignedJSON struct {
	Nonce     int64             `json:"nonce"`
	Claim     bool              `json:"claim"` // the citizen's first record: it claims their quota
	TypedData roundv2.TypedData `json:"typed_data"`
}

// directJSON is what static/allocate.js gets for a move the citizen's own wallet sends as
// a transaction: the round, its chain, the method and its arguments (decimal strings).
type directJSON struct {
	Round      string   `json:"round"`
	ChainID    string   `json:"chain_id"`
	Method     string   `json:"method"`
	Initiative int      `json:"initiative"`
	Amount     string   `json:"amount"`
	Index      *uint32  `json:"index,omitempty"` // claimAndAllocate: the citizen's leaf
	Quota      string   `json:"quota,omitempty"`
	Proof      []string `json:"proof,omitempty"`
}

func (a *allocator) directAllocation(c *gin.Context) { a.direct(c, false) }
func (a *allocator) directWithdrawal(c *gin.Context) { a.direct(c, true) }

// direct answers, as JSON, the call of the round the signed-in citizen's own wallet sends for
// the form's move; a move the node would refuse is refused here, before the wallet is asked.
func (a *allocator) direct(c *gin.Context, withdraw bool) {
	id, ok := a.roundParam(c)
	if !ok {
		return
	}
	m, err := a.formMove(c, id)
	var call budget.DirectCall
	if err == nil {
		call, err = a.moves.PrepareDirect(c.Request.Context(), m, withdraw)
	}
	if !a.answerJSON(c, err) {
		return
	}
	out := directJSON{Round: call.Round.Hex(), ChainID: call.ChainID.String(), Method: call.Method, Initiative: call.Initiative,
		Amount: strconv.FormatInt(call.Amount, 10)}
	if call.Method == "claimAndAllocate" {
		out.Index, out.Quota = &call.Leaf.Index, strconv.FormatInt(call.Leaf.Quota, 10)
		for _, h := range call.Leaf.Proof {
			out.Proof = append(out.Proof, h.Hex())
		}
	}
	c.JSON(http.StatusOK, out)
}

// answerJSON answers a refusal of an .../unsigned or .../direct request as JSON (422 with the
// page's refusal code and text), or the error page for an error that is not the visitor's;
// it reports whether the request may go on (err is nil).
func (a *allocator) answerJSON(c *gin.Context, err error) bool {
	c.Header("Cache-Control", "no-store")
	if err == nil {
		return true
	}
	code, known := allocationRefusalCode(err)
	if !known {
		a.fail(c, err)
		return false
	}
	c.JSON(http.StatusUnprocessableEntity, refusalJSON{Error: code, Message: allocationRefusalText(code)})
	return false
}

// isHex reports whether s is hex digits only.
func isHex(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// refusalJSON is a refused .../unsigned request: the allocation page's refusal code and
// its text in words.
type refusalJSON struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

func (a *allocator) unsignedAllocation(c *gin.Context) { a.unsigned(c, false) }
func (a *allocator) unsignedWithdrawal(c *gin.Context) { a.unsigned(c, true) }

// unsigned answers, as JSON, the record the signed-in citizen's own wallet signs for the
// form's move; a move the node would refuse is refused here, before the wallet is asked.
func (a *allocator) unsigned(c *gin.Context, withdraw bool) {
	id, ok := a.roundParam(c)
	if !ok {
		return
	}
	m, err := a.formMove(c, id)
	var u budget.Unsigned
	if err == nil {
		u, err = a.moves.PrepareMove(c.Request.Context(), m, withdraw)
	}
	if !a.answerJSON(c, err) {
		return
	}
	c.JSON(http.StatusOK, unsignedJSON{Nonce: u.Nonce, Claim: u.Initial, TypedData: u.Domain.TypedData(u.Record)})
}

// roundParam is the round of the path; an id that is not one gets the 404 page.
func (s *site) roundParam(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("round"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: round id %q", errPageNotFound, c.Param("round")))
		return 0, false
	}
	return id, true
}

// allocationNotice says what was just done, by the done parameter.
var allocationNotice = map[string]string{
	"allocated": "Токены вложены в копилку. Изменение уже учтено и будет записано в блокчейн.",
	"withdrawn": "Токены возвращены из копилки. Изменение уже учтено и будет записано в блокчейн.",
	"direct":    "Ваш кошелёк отправил транзакцию, и она записана в блок. Портал учтёт её в цифрах ниже в течение нескольких секунд: обновите страницу.",
}

// allocationRefusals are the refusals of the allocation forms: the code the page is sent
// back with and the message in words. The first that matches wins.
var allocationRefusals = []struct {
	err  error
	code string
	msg  string
}{
	{errAmount, "amount", "Укажите сумму в рублях больше нуля, не больше двух знаков после запятой, например 150 или 150,50."},
	{errNoQuota, "no_quota", "У вас нет токенов в этом голосовании: их получают проверенные жители территории голосования, когда регистратор распределяет бюджет."},
	{budget.ErrCitizenNotFound, "no_wallet", "У вас ещё нет кошелька: он появляется после проверки личности. Пройдите проверку на странице «Проверка»."},
	{budget.ErrInsufficientBalance, "insufficient_balance", "Недостаточно токенов: вложить можно не больше, чем у вас осталось."},
	{budget.ErrInsufficientAllocation, "insufficient_allocation", "Столько забрать нельзя: в копилке этой инициативы меньше ваших токенов."},
	{budget.ErrInitiativeNotFound, "unknown_initiative", "Такой инициативы в этом голосовании нет."},
	{budget.ErrDeadlinePassed, "deadline_passed", "Приём закрыт: срок голосования прошёл, распределение токенов изменить уже нельзя."},
	{budget.ErrAlreadyFinalized, "already_finalized", "Голосование завершено: распределение токенов изменить нельзя."},
	{budget.ErrRoundFailed, "round_failed", "Контракт этого голосования не развернулся, поэтому распределять токены нельзя."},
	{budget.ErrOwnWallet, "own_wallet", "Ваш кошелёк — собственный, и изменения в этом голосовании подписываете вы сами в своём кошельке. Эта форма работает с кошельком, который хранит портал."},
	{budget.ErrRecordsPending, "records_pending", "Ваше предыдущее изменение ещё на пути в блокчейн. Отправить транзакцию из кошелька можно, когда оно будет записано; подписать изменение без комиссии можно и сейчас."},
	{budget.ErrInvalid, "invalid", "Запрос не принят: проверьте сумму и инициативу."},
}

func allocationRefusalCode(err error) (string, bool) {
	for _, r := range allocationRefusals {
		if errors.Is(err, r.err) {
			return r.code, true
		}
	}
	return "", false
}

func allocationRefusalText(code string) string {
	for _, r := range allocationRefusals {
		if r.code == code {
			return r.msg
		}
	}
	return ""
}

// officialRoles are the official roles p holds, in words, "" for a citizen.
func officialRoles(p identity.Principal) string {
	var names []string
	for _, role := range identity.AllRoles {
		if role != identity.RoleCitizen && hasAnywhere(p, role) {
			names = append(names, roleName[role])
		}
	}
	return strings.Join(names, ", ")
}

var roleName = map[identity.Role]string{
	identity.RoleModerator: "модератор", identity.RoleDepartment: "ведомство", identity.RoleTreasury: "казначейство",
	identity.RoleRegistrar: "регистратор", identity.RoleAuditor: "аудитор", identity.RoleAdmin: "администратор",
}

// operationView is a chain operation as the pages show it.
type operationView struct{ budget.Operation }

// StatusLabel is the operation's status in words.
func (o operationView) StatusLabel() string {
	switch o.Status {
	case "pending":
		return "ждёт отправки в блокчейн"
	case "sent":
		return "отправлена, ждёт включения в блок"
	case "mined":
		if o.Block != nil {
			return "записана в блок № " + strconv.FormatInt(*o.Block, 10)
		}
		return "записана в блокчейн"
	case "failed":
		return "не прошла"
	}
	return o.Status
}

// KindLabel is what the operation does, in words.
func (o operationView) KindLabel() string {
	if l, ok := operationKinds[o.Kind]; ok {
		return l
	}
	return o.Kind
}

// operationKinds are the budget area's operation kinds (as the outbox stores them) in words.
var operationKinds = map[string]string{
	"budget.deploy_round": "развёртывание контракта голосования", "budget.register_initiative": "регистрация инициативы",
	"budget.grant_quotas": "выдача квот", "budget.allocate": "вложение токенов в копилку",
	"budget.withdraw": "возврат токенов из копилки", "budget.finalize": "подведение итогов",
	// BudgetRoundV2 rounds: a change rides in a relay of signed records.
	"budget.set_eligibility_root": "публикация списка участников (корень Меркла)",
	"budget.relay":                "пакет подписанных вложений и возвратов",
	"budget.materialize":          "открытие счёта жителя в контракте",
}
