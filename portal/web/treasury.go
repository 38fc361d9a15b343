package web

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/portal/identity"
)

// Operations tells how far a chain operation got; *budget.Service implements it. The
// dashboard asks Deps.Budget for it; without it the dashboard offers no look-up.
//
// TODO(budget): list the round's operations with their transaction hashes and status on the
// dashboard. The budget area's exported API answers one operation by its number only; a
// listing (say Operations(ctx, roundID, after int64, limit int) ([]budget.Operation, error))
// is for the budget area to add. Until then the dashboard counts the operations in flight
// (Round.PendingOps) and looks one up by its number (the allocation page and the API's
// answers give it).
type Operations interface {
	Operation(ctx context.Context, id int64) (budget.Operation, error)
}

// treasuryRoutes are the round dashboard of the treasury, auditors and admins.
func (s *site) treasuryRoutes(pages *gin.RouterGroup, read []string) {
	if s.ids == nil || s.budget == nil {
		return
	}
	pages.Match(read, "/rounds/:round/treasury", s.signedIn, s.treasury)
}

// mayAudit reports whether p may open round r's dashboard: the treasury, an auditor or an
// admin of the round's territory, or of the whole city.
func mayAudit(p identity.Principal, r budget.Round) bool {
	t := r.Eligibility.Territory
	return p.Has(identity.RoleTreasury, t) || p.Has(identity.RoleAuditor, t) || p.Has(identity.RoleAdmin, t)
}

// treasuryView is the dashboard of one round.
type treasuryView struct {
	roundView
	Rows          []treasuryRow
	Undistributed int64 // kept by the treasury: supply − distributed
	Unallocated   int64 // in citizens' hands, in no piggy bank: distributed − allocated
	FundedCost    int64 // the cost of the funded set
	Lookup        bool  // the node answers operation look-ups
	OpQuery       string
	Op            *operationView // the operation looked up
	OpMissing     bool           // the operation looked up does not exist
}

// SupplyIsBudget reports whether the token's supply equals the budget.
func (v treasuryView) SupplyIsBudget() bool { return v.Totals.Supply == v.Budget }

// Final reports whether the funded set is the contract's rather than a projection.
func (v treasuryView) Final() bool { return v.Status == "finalized" }

// treasuryRow is one initiative's totals.
type treasuryRow struct {
	budget.Initiative
	InSet bool // in the funded set: on-chain once finalized, else the projection
}

// Full reports whether the piggy bank reached the initiative's cost.
func (r treasuryRow) Full() bool { return r.Received >= r.Cost }

// treasury shows a round's totals, its initiatives' piggy banks against their costs, the
// funded set, the contracts and the audit command; 403 to anyone but the treasury, auditors
// and admins.
func (s *site) treasury(c *gin.Context) {
	id, ok := s.roundParam(c)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	r, err := s.budget.Round(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	if p, _ := principal(c); !mayAudit(p, r) {
		s.fail(c, forbidden("Сводка голосования — для казначейства, аудиторов и администраторов. Цифры голосования для всех — на его странице."))
		return
	}
	inis, err := s.budget.Initiatives(ctx, id)
	if err != nil {
		s.fail(c, err)
		return
	}
	v := s.treasuryView(r, inis)
	if err := s.lookUp(ctx, &v, c.Query("op")); err != nil {
		s.fail(c, err)
		return
	}
	s.page(c, http.StatusOK, "treasury.html", "Сводка — "+r.Name, v)
}

func (s *site) treasuryView(r budget.Round, inis []budget.Initiative) treasuryView {
	v := treasuryView{roundView: s.roundView(r, inis), Undistributed: r.Totals.Supply - r.Totals.Distributed,
		Unallocated: r.Totals.Distributed - r.Totals.Allocated}
	for _, ini := range inis {
		row := treasuryRow{Initiative: ini, InSet: slices.Contains(r.Funded, ini.Number)}
		if row.InSet {
			v.FundedCost += ini.Cost
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// lookUp fills in the operation asked for by the op parameter, when the node answers.
func (s *site) lookUp(ctx context.Context, v *treasuryView, param string) error {
	ops, ok := s.budget.(Operations)
	v.Lookup = ok
	if !ok || param == "" {
		return nil
	}
	v.OpQuery = param
	id, err := strconv.ParseInt(param, 10, 64)
	if err != nil || id <= 0 {
		v.OpMissing = true
		return nil
	}
	op, err := ops.Operation(ctx, id)
	switch {
	case errors.Is(err, budget.ErrOperationNotFound):
		v.OpMissing = true
	case err != nil:
		return err
	default:
		v.Op = &operationView{op}
	}
	return nil
}
