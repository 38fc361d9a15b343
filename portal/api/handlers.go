package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/access"
	"github.com/pbnode/pbnode/portal/budget"
)

// contracts lists the node's singleton contracts; an address is null until it is deployed.
func (s *server) contracts(c *gin.Context) {
	out := gin.H{"anchor_registry": nil}
	addr, ok, err := s.anchors.Registry(c.Request.Context())
	if ok {
		out["anchor_registry"] = addr.Hex()
	}
	s.render(c, http.StatusOK, out, err)
}

func (s *server) listRounds(c *gin.Context) {
	rounds, err := s.budget.Rounds(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	out := make([]roundJSON, len(rounds))
	for i, r := range rounds {
		out[i] = roundOf(r)
	}
	c.JSON(http.StatusOK, gin.H{"rounds": out})
}

func (s *server) getRound(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	r, err := s.budget.Round(c.Request.Context(), id)
	s.render(c, http.StatusOK, roundOf(r), err)
}

func (s *server) createRound(c *gin.Context) {
	var req createRoundRequest
	if !s.bind(c, &req) {
		return
	}
	rule, err := budget.ParseRule(req.Rule)
	if err != nil {
		s.fail(c, err)
		return
	}
	in := budget.NewRound{Name: req.Name, Budget: req.BudgetKopecks, Deadline: req.Deadline, Eligibility: req.Eligibility.rules(),
		Rule: rule, Threshold: req.ThresholdKopecks}
	for _, ini := range req.Initiatives {
		in.Initiatives = append(in.Initiatives, budget.NewInitiative{Title: ini.Title, Cost: ini.CostKopecks})
	}
	r, err := s.budget.CreateRound(c.Request.Context(), in)
	s.render(c, http.StatusAccepted, roundOf(r), err)
}

func (s *server) listInitiatives(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	inis, err := s.budget.Initiatives(c.Request.Context(), id)
	out := make([]initiativeJSON, len(inis))
	for i, ini := range inis {
		out[i] = initiativeOf(ini)
	}
	s.render(c, http.StatusOK, gin.H{"initiatives": out}, err)
}

func (s *server) addInitiative(c *gin.Context) {
	id, ok := s.roundID(c)
	var req initiativeRequest
	if !ok || !s.bind(c, &req) {
		return
	}
	ini, err := s.budget.AddInitiative(c.Request.Context(), id, budget.NewInitiative{Title: req.Title, Cost: req.CostKopecks})
	s.render(c, http.StatusAccepted, initiativeOf(ini), err)
}

func (s *server) balance(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	citizenID, err := s.citizenParam(c)
	if err != nil {
		s.fail(c, err)
		return
	}
	b, err := s.budget.Balance(c.Request.Context(), id, citizenID)
	s.render(c, http.StatusOK, balanceOf(b), err)
}

func (s *server) allocate(c *gin.Context) { s.move(c, s.budget.Allocate) }
func (s *server) withdraw(c *gin.Context) { s.move(c, s.budget.Withdraw) }

func (s *server) move(c *gin.Context, do func(context.Context, budget.Move) (budget.Receipt, error)) {
	m, req, ok := s.moveOf(c)
	if !ok {
		return
	}
	m, err := signedMove(m, req)
	if err != nil {
		s.fail(c, err)
		return
	}
	r, err := do(c.Request.Context(), m)
	resp := moveResponse{Operation: operationJSON{ID: r.OpID, Status: r.Status}, Balance: balanceOf(r.Balance)}
	s.render(c, http.StatusAccepted, resp, err)
}

// moveOf reads the signed-in citizen's move of round {round} from the request body; a
// refusal (a malformed body, a user without a wallet) is answered and ok is false.
func (s *server) moveOf(c *gin.Context) (m budget.Move, req moveRequest, ok bool) {
	id, ok := s.roundID(c)
	if !ok || !s.bind(c, &req) {
		return m, req, false
	}
	p, _ := principal(c)
	if p.CitizenID == 0 {
		s.fail(c, fmt.Errorf("%w: no wallet is linked to this user yet", budget.ErrCitizenNotFound))
		return m, req, false
	}
	return budget.Move{RoundID: id, CitizenID: p.CitizenID, Initiative: req.Initiative, Amount: req.AmountKopecks}, req, true
}

func (s *server) finalize(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	r, err := s.budget.Finalize(c.Request.Context(), id)
	s.render(c, http.StatusAccepted, roundOf(r), err)
}

func (s *server) operation(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("op"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: operation id must be a positive integer", budget.ErrInvalid))
		return
	}
	// A citizen sees their own change: failed when the relay left their records out.
	p, _ := principal(c)
	op, err := s.budget.CitizenOperation(c.Request.Context(), id, p.CitizenID)
	s.render(c, http.StatusOK, operationOf(op), err)
}

// citizenParam resolves {citizen}: "me" for the caller, or an address, which only the
// citizen themselves or an official (treasury, registrar, auditor) may read.
func (s *server) citizenParam(c *gin.Context) (int64, error) {
	p, _ := principal(c)
	param := c.Param("citizen")
	if param == "me" {
		switch {
		case !p.Has(access.RoleCitizen, ""):
			return 0, fmt.Errorf("%w: \"me\" is for citizens", errForbidden)
		case p.CitizenID == 0:
			return 0, fmt.Errorf("%w: no wallet is linked to this user yet", budget.ErrCitizenNotFound)
		}
		return p.CitizenID, nil
	}
	if !common.IsHexAddress(param) {
		return 0, fmt.Errorf("%w: citizen must be an address or \"me\"", budget.ErrInvalid)
	}
	id, err := s.budget.CitizenByAddress(c.Request.Context(), common.HexToAddress(param))
	if err != nil {
		return 0, err
	}
	official := p.Has(access.RoleTreasury, "") || p.Has(access.RoleRegistrar, "") || p.Has(access.RoleAuditor, "")
	if !official && p.CitizenID != id {
		return 0, fmt.Errorf("%w: citizens read only their own balance", errForbidden)
	}
	return id, nil
}

func (s *server) roundID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("round"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: round id must be a positive integer", budget.ErrInvalid))
		return 0, false
	}
	return id, true
}

func (s *server) bind(c *gin.Context, v any) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	if err := decodeJSON(c.Request.Body, v); err != nil {
		s.fail(c, err)
		return false
	}
	return true
}

// bindOptional is bind for an endpoint whose body may be empty, which leaves v as it is.
func (s *server) bindOptional(c *gin.Context, v any) bool {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxBody)
	if err := decodeOptionalJSON(c.Request.Body, v); err != nil {
		s.fail(c, err)
		return false
	}
	return true
}

func (s *server) render(c *gin.Context, status int, body any, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(status, body)
}
