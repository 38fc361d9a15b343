package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/wallets"
)

// citizenRoutes are sign-in and the citizen's own pages, when their services are given.
func (s *site) citizenRoutes(pages *gin.RouterGroup, read []string) {
	if s.ids == nil {
		return
	}
	pages.Match(read, "/login", s.login)
	pages.POST("/login", s.sendCode)
	pages.Match(read, "/login/code", s.codeForm)
	pages.POST("/login/code", s.verifyCode)
	pages.Match(read, "/logout", s.logoutPage)
	pages.POST("/logout", s.signedIn, s.logout)
	if s.citizens == nil {
		return
	}
	pages.Match(read, "/profile", s.signedIn, s.profile)
	pages.POST("/profile", s.signedIn, s.saveProfile)
	pages.POST("/profile/address", s.signedIn, s.saveAddress)
	pages.POST("/profile/minors", s.signedIn, s.addMinor)
	pages.Match(read, deactivateAction.Path, s.signedIn, s.confirmAccount(deactivateAction))
	pages.POST(deactivateAction.Path, s.signedIn, s.endAccount(deactivateAction))
	pages.Match(read, eraseAction.Path, s.signedIn, s.confirmAccount(eraseAction))
	pages.POST(eraseAction.Path, s.signedIn, s.endAccount(eraseAction))
	pages.Match(read, "/verification", s.signedIn, s.verification)
	pages.POST("/verification/person", s.signedIn, s.submitPerson)
	pages.POST("/verification/flat", s.signedIn, s.submitFlat)
	pages.Match(read, "/wallet", s.signedIn, s.wallet)
	if s.wallets != nil {
		pages.POST("/wallet/message", s.signedIn, s.walletMessage)
		pages.POST("/wallet/link", s.signedIn, s.linkWallet)
	}
}

// Wallets tells the wallet page the address a citizen acts as, and links a wallet of their
// own with Sign-In with Ethereum; *wallets.Service implements it.
type Wallets interface {
	Wallet(ctx context.Context, userRef int64) (wallets.Wallet, error)
	IssueNonce(ctx context.Context, userRef int64) (wallets.Challenge, error)
	Link(ctx context.Context, userRef int64, message string, signature []byte) (wallets.Wallet, error)
}

// walletView is the wallet page.
type walletView struct {
	Linked     bool   // the user acts as a citizen (wallet address)
	Address    string // "" when unknown
	Own        bool   // linked with Sign-In with Ethereum, not a custodial key of the node
	Level      int
	CanLink    bool   // the node links wallets of citizens' own
	CSRF       string // for the link form static/wallet.js sends
	JustLinked bool   // a wallet was just linked
	Error      string // why linking was refused
}

// wallet shows the address the citizen acts as on-chain.
func (s *site) wallet(c *gin.Context) {
	v, err := s.walletView(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	v.JustLinked = c.Query("linked") == "1"
	s.page(c, http.StatusOK, "wallet.html", "Кошелёк", v)
}

func (s *site) walletView(c *gin.Context) (walletView, error) {
	p, _ := principal(c)
	v := walletView{Linked: p.CitizenID != 0, CanLink: s.wallets != nil, CSRF: csrfToken(c)}
	if s.wallets != nil {
		w, err := s.wallets.Wallet(c.Request.Context(), p.ID)
		switch {
		case err == nil:
			v.Linked, v.Address, v.Own = true, w.Address.Hex(), w.Kind == "siwe"
		case !errors.Is(err, wallets.ErrNoWallet):
			return v, err
		}
	}
	ver, err := s.citizens.Verification(c.Request.Context(), p.ID)
	if err != nil {
		return v, err
	}
	v.Level = ver.PersonLevel
	return v, nil
}

// walletMessage issues a nonce and answers the Sign-In with Ethereum text the browser's
// wallet at the form's address is to sign (static/wallet.js asks for it).
func (s *site) walletMessage(c *gin.Context) {
	addr := c.PostForm("address")
	if !common.IsHexAddress(addr) {
		c.String(http.StatusBadRequest, "address must be an Ethereum address")
		return
	}
	p, _ := principal(c)
	ch, err := s.wallets.IssueNonce(c.Request.Context(), p.ID)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.String(http.StatusOK, ch.Message(common.HexToAddress(addr)))
}

// linkWallet links the wallet that signed the message, then shows the wallet page.
func (s *site) linkWallet(c *gin.Context) {
	p, _ := principal(c)
	sig, err := hexutil.Decode(c.PostForm("signature"))
	if err == nil {
		// A form sends the lines of its fields joined by CRLF (HTML's form encoding); the
		// wallet signed the message's own LF lines (EIP-4361).
		message := strings.ReplaceAll(c.PostForm("message"), "\r\n", "\n")
		_, err = s.wallets.Link(c.Request.Context(), p.ID, message, sig)
	}
	if err == nil {
		c.Redirect(http.StatusSeeOther, "/wallet?linked=1")
		return
	}
	msg, ok := linkProblem(err)
	if !ok {
		s.fail(c, err)
		return
	}
	v, verr := s.walletView(c)
	if verr != nil {
		s.fail(c, verr)
		return
	}
	v.Error = msg
	s.page(c, http.StatusUnprocessableEntity, "wallet.html", "Кошелёк", v)
}

// linkProblem says why a wallet was not linked; ok is false for an error that is not the
// visitor's.
func linkProblem(err error) (string, bool) {
	switch {
	case errors.Is(err, wallets.ErrAddressTaken):
		return "Этот кошелёк уже привязан к другой учётной записи.", true
	case errors.Is(err, wallets.ErrWalletInUse):
		return "Сейчас сменить кошелёк нельзя: на нынешнем адресе токены идущего голосования. Привяжите новый кошелёк после его окончания.", true
	case errors.Is(err, wallets.ErrNonceExpired), errors.Is(err, wallets.ErrNonceUsed), errors.Is(err, wallets.ErrNonceUnknown):
		return "Срок подписи истёк или она уже использована. Нажмите кнопку ещё раз.", true
	case errors.Is(err, wallets.ErrWrongDomain), errors.Is(err, wallets.ErrWrongChain):
		return "Сообщение подписано для другого сайта или другой сети. Проверьте сеть в кошельке и попробуйте ещё раз.", true
	case errors.Is(err, wallets.ErrBadSignature), errors.Is(err, wallets.ErrInvalidMessage), errors.Is(err, hexutil.ErrMissingPrefix),
		errors.Is(err, hexutil.ErrEmptyString), errors.Is(err, hexutil.ErrOddLength), errors.Is(err, hexutil.ErrSyntax):
		return "Подпись не подошла к сообщению. Попробуйте ещё раз.", true
	}
	return "", false
}
