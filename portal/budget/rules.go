package budget

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// EqualShares splits a budget equally among n citizens; the remainder stays with the
// treasury.
func EqualShares(budget int64, n int) (each, remainder int64) {
	if n <= 0 || budget <= 0 {
		return 0, budget
	}
	each = budget / int64(n)
	return each, budget - each*int64(n)
}

// PiggyBank is the address whose token balance is initiative id's piggy bank, as the
// BudgetRound contract derives it: the last 20 bytes of keccak256(abi.encode(round, id)).
func PiggyBank(round common.Address, id int) common.Address {
	var buf [64]byte
	copy(buf[12:32], round.Bytes())
	big := uint64(id)
	for i := 0; i < 8; i++ {
		buf[63-i] = byte(big >> (8 * i))
	}
	return common.BytesToAddress(crypto.Keccak256(buf[:]))
}

// TokenSymbol derives a round token's symbol from its name: its letters and digits,
// upper-cased, at most 11 characters ("Demo 2027" → "DEMO2027").
func TokenSymbol(name string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(name) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
		}
		if b.Len() == 11 {
			break
		}
	}
	if b.Len() == 0 {
		return "PB"
	}
	return b.String()
}

// ruleNames are the funded-set rules as the API and pages name them.
var ruleNames = []string{"greedy", "greedy_no_skip", "greedy_threshold", "piggy_bank"}

// RuleName is the name of a funded-set rule: "greedy", "greedy_no_skip", "greedy_threshold"
// or "piggy_bank".
func RuleName(r roundv2.Rule) string {
	if int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return fmt.Sprintf("rule_%d", uint8(r))
}

// ParseRule reads a rule name; "" is greedy, the default.
func ParseRule(name string) (roundv2.Rule, error) {
	if name == "" {
		return roundv2.RuleGreedy, nil
	}
	for i, n := range ruleNames {
		if n == name {
			return roundv2.Rule(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown rule %q (greedy, greedy_no_skip, greedy_threshold, piggy_bank)", ErrInvalid, name)
}
