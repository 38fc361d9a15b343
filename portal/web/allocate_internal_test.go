package web

import (
	"fmt"
	"testing"

	"github.com/pbnode/pbnode/portal/budget"
)

// TestAllocationRefusalCodes: every refusal the budget service gives the forms has its own
// code and message, an own wallet's included (BudgetRoundV2 rounds: only its owner signs).
func TestAllocationRefusalCodes(t *testing.T) {
	for _, tt := range []struct {
		err  error
		code string
	}{
		{budget.ErrOwnWallet, "own_wallet"},
		{budget.ErrInsufficientBalance, "insufficient_balance"},
		{budget.ErrDeadlinePassed, "deadline_passed"},
	} {
		code, ok := allocationRefusalCode(fmt.Errorf("allocate: %w", tt.err))
		if !ok || code != tt.code || allocationRefusalText(code) == "" {
			t.Errorf("refusal of %v = %q (%t), want %q with a message", tt.err, code, ok, tt.code)
		}
	}
}
