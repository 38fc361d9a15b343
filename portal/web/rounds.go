package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
)

// roundView is a round as its page shows it.
type roundView struct {
	budget.Round
	Initiatives []budget.Initiative
	Closed      bool   // the deadline has passed
	Audit       string // the command that recomputes the round from the chain; empty before deployment
}

// RuleCode is the round's funded-set rule as the API names it.
func (r roundView) RuleCode() string { return budget.RuleName(r.Rule) }

// RuleLabel says in words how the round picks the funded initiatives.
func (r roundView) RuleLabel() string {
	switch r.Rule {
	case roundv2.RuleGreedyNoSkip:
		return "Инициативы по убыванию собранных токенов получают финансирование, пока хватает бюджета; отбор останавливается на первой, которая не помещается."
	case roundv2.RuleGreedyThreshold:
		return "Участвуют инициативы, собравшие не меньше " + Rubles(r.Threshold) + "; они по убыванию собранных токенов получают финансирование, пока хватает бюджета, а не поместившаяся пропускается."
	case roundv2.RulePiggyBank:
		return "Финансирование получает инициатива, чья копилка набрала её стоимость; если таких на сумму больше бюджета, первыми идут бо́льшие копилки."
	}
	return "Инициативы по убыванию собранных токенов получают финансирование, пока хватает бюджета; не поместившаяся пропускается, следующие ещё могут пройти."
}

// Deployed reports whether the round's contract address is known.
func (r roundView) Deployed() bool { return r.Address != (common.Address{}) }

// Label is the round's status in words, telling an open round past its deadline apart.
func (r roundView) Label() string {
	if r.Status == "open" && r.Closed {
		return "Приём завершён, итоги ещё не подведены"
	}
	return statusLabel(r.Status)
}

// FundedInitiatives are the initiatives in the funded set, in id order.
func (r roundView) FundedInitiatives() []budget.Initiative {
	var out []budget.Initiative
	for _, ini := range r.Initiatives {
		for _, id := range r.Funded {
			if ini.Number == id {
				out = append(out, ini)
			}
		}
	}
	return out
}

// home lists the rounds, newest first.
func (s *site) home(c *gin.Context) {
	rounds, err := s.budget.Rounds(c.Request.Context())
	if err != nil {
		s.fail(c, err)
		return
	}
	views := make([]roundView, len(rounds))
	for i, r := range rounds {
		views[len(rounds)-1-i] = s.roundView(r, nil)
	}
	s.page(c, http.StatusOK, "home.html", "Народный бюджет", views)
}

// round shows one round with its initiatives and how to audit it.
func (s *site) round(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("round"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(c, fmt.Errorf("%w: round id %q", errPageNotFound, c.Param("round")))
		return
	}
	ctx := c.Request.Context()
	r, err := s.budget.Round(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	inis, err := s.budget.Initiatives(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusOK, "round.html", r.Name, s.roundView(r, inis))
}

func (s *site) roundView(r budget.Round, inis []budget.Initiative) roundView {
	v := roundView{Round: r, Initiatives: inis, Closed: !time.Now().Before(r.Deadline)}
	if v.Deployed() {
		rpc := s.rpcURL
		if rpc == "" {
			rpc = "<RPC_URL>"
		}
		v.Audit = fmt.Sprintf("pbnode audit --rpc %s --round %s", rpc, r.Address.Hex())
	}
	return v
}
