package web

import (
	"strings"
	"testing"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
)

// TestRuleLabel: the round page names each funded-set rule by its API code and says
// it in words of its own; the threshold rule gives its threshold in roubles.
func TestRuleLabel(t *testing.T) {
	seen := map[string]bool{}
	for rule, code := range map[roundv2.Rule]string{
		roundv2.RuleGreedy: "greedy", roundv2.RuleGreedyNoSkip: "greedy_no_skip",
		roundv2.RuleGreedyThreshold: "greedy_threshold", roundv2.RulePiggyBank: "piggy_bank",
	} {
		v := roundView{Round: budget.Round{Rule: rule, Threshold: 1_500_050}}
		label := v.RuleLabel()
		if v.RuleCode() != code || label == "" || seen[label] {
			t.Errorf("rule %d: code %q, label %q (seen before: %v)", rule, v.RuleCode(), label, seen[label])
		}
		seen[label] = true
		if rule == roundv2.RuleGreedyThreshold && !strings.Contains(label, "15\u00a0000,50\u00a0₽") {
			t.Errorf("the threshold rule's label %q does not give 15 000,50 ₽", label)
		}
	}
}
