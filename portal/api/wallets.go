package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/wallets"
)

// walletRoutes are the signed-in user's wallet: the custodial one, or their own linked with
// Sign-In with Ethereum.
func (s *server) walletRoutes(v1 *gin.RouterGroup) {
	v1.GET("/me/wallet", s.signedIn(), s.myWallet)
	v1.POST("/me/wallet/siwe/nonce", s.signedIn(), s.siweNonce)
	v1.POST("/me/wallet/siwe", s.signedIn(), s.linkWallet)
}

type walletJSON struct {
	Address  string    `json:"address"`
	Kind     string    `json:"kind"`
	LinkedAt time.Time `json:"linked_at"`
}

type siweChallengeJSON struct {
	Nonce          string    `json:"nonce"`
	Domain         string    `json:"domain"`
	URI            string    `json:"uri"`
	ChainID        uint64    `json:"chain_id"`
	IssuedAt       time.Time `json:"issued_at"`
	ExpirationTime time.Time `json:"expiration_time"`
	Statement      string    `json:"statement"`
}

type siweLinkRequest struct {
	Message   string `json:"message"`
	Signature string `json:"signature"`
}

func walletOf(w wallets.Wallet) walletJSON {
	return walletJSON{Address: w.Address.Hex(), Kind: string(w.Kind), LinkedAt: w.LinkedAt}
}

// userRef is the signed-in user's internal key; service tokens have no wallet of their own.
func (s *server) userRef(c *gin.Context) (int64, bool) {
	p, _ := principal(c)
	if !p.IsUser() {
		s.fail(c, fmt.Errorf("%w: wallets are for signed-in users", errForbidden))
		return 0, false
	}
	return p.ID, true
}

func (s *server) myWallet(c *gin.Context) {
	user, ok := s.userRef(c)
	if !ok {
		return
	}
	w, err := s.wallets.Wallet(c.Request.Context(), user)
	s.render(c, http.StatusOK, walletOf(w), err)
}

func (s *server) siweNonce(c *gin.Context) {
	user, ok := s.userRef(c)
	if !ok {
		return
	}
	ch, err := s.wallets.IssueNonce(c.Request.Context(), user)
	s.render(c, http.StatusOK, siweChallengeJSON{Nonce: ch.Nonce, Domain: ch.Domain, URI: ch.URI, ChainID: ch.ChainID,
		IssuedAt: ch.IssuedAt, ExpirationTime: ch.ExpirationTime, Statement: ch.Statement}, err)
}

func (s *server) linkWallet(c *gin.Context) {
	user, ok := s.userRef(c)
	var req siweLinkRequest
	if !ok || !s.bind(c, &req) {
		return
	}
	sig, err := hexutil.Decode(req.Signature)
	if err != nil {
		s.fail(c, fmt.Errorf("%w: signature must be 0x-prefixed hex", wallets.ErrBadSignature))
		return
	}
	w, err := s.wallets.Link(c.Request.Context(), user, req.Message, sig)
	s.render(c, http.StatusOK, walletOf(w), err)
}

// distribute gives the round's citizens equal shares. An empty body or {} draws the
// list from the round's eligibility rules: the verified citizens of its territory who have a
// wallet. An explicit {"citizens":[…]} list is accepted from the registrar's service tokens
// only (machine clients that register addresses of their own), not from signed-in users.
func (s *server) distribute(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	var req quotasRequest
	if !s.bindOptional(c, &req) {
		return
	}
	if req.Citizens == nil {
		s.distributeEligible(c, id)
		return
	}
	if p, _ := principal(c); p.IsUser() {
		s.fail(c, fmt.Errorf("%w: an explicit citizen list is for the registrar's service tokens; send {} to use the round's eligibility", errForbidden))
		return
	}
	addrs := make([]common.Address, len(req.Citizens))
	for i, a := range req.Citizens {
		if !common.IsHexAddress(a) {
			s.fail(c, fmt.Errorf("%w: citizen %d is not an address", budget.ErrInvalid, i+1))
			return
		}
		addrs[i] = common.HexToAddress(a)
	}
	d, err := s.budget.Distribute(c.Request.Context(), id, addrs)
	s.render(c, http.StatusAccepted, distributionJSON{d.Citizens, d.Each, d.Remainder}, err)
}

func (s *server) distributeEligible(c *gin.Context, roundID int64) {
	if s.wallets == nil || s.people == nil {
		s.fail(c, fmt.Errorf("%w: this node does not keep citizens' eligibility; send {\"citizens\":[…]}", budget.ErrInvalid))
		return
	}
	d, err := s.budget.DistributeEligible(c.Request.Context(), roundID, s.wallets.Electorate(s.people))
	s.render(c, http.StatusAccepted, distributionJSON{d.Citizens, d.Each, d.Remainder}, err)
}
