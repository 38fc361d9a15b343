package tally

import (
	"cmp"
	"math/big"
	"slices"
)

// Ballot is one voter's ballot for the Method of Equal Shares: the projects the voter
// supports and, for each, a weight (the points of a cumulative ballot). Weights nil means 1
// for every project (approval). Projects with weight 0 are not supported.
type Ballot struct {
	Projects []string
	Weights  []int64
}

// EqualShares is the Method of Equal Shares with the add-one completion (pabulib's
// equalshares/add1), in exact rational arithmetic.
//
// Every voter starts with an equal share of the budget. Repeatedly, the rule funds the
// project that its supporters can pay at the lowest price per unit of cost: each supporter
// pays ρ × weight, or all they have left (approval: all pay equally), and the rule takes the
// smallest ρ / cost (cost utilities: a voter's utility of a project is its cost times the
// weight, as in pabulib's and equalshares.net's reference code). Ties go to the project
// with more supporters, then the cheaper, then the earlier in cs. When nothing more is
// affordable and a project still fits in the budget's remainder, the add-one
// completion reruns the method with every voter's share raised to the next whole currency
// unit, then by one unit at a time, and keeps the last outcome that stays within the budget.
func EqualShares(budget int64, cs []Candidate, ballots []Ballot) Outcome {
	m := newMES(cs, ballots)
	if len(ballots) == 0 {
		return Outcome{Selected: []string{}}
	}
	n := int64(len(ballots))
	won := m.run(new(big.Rat).SetInt64(budget))
	for share := budget / n; !m.exhaustive(won, budget); {
		share++
		next := m.run(new(big.Rat).SetInt64(share * n))
		if m.cost(next) > budget {
			break
		}
		won = next
	}
	out := Outcome{Selected: make([]string, len(won))}
	for i, p := range won {
		out.Selected[i] = cs[p].ID
	}
	out.Cost = m.cost(won)
	return out
}

// mes is an election in the form the method works on: projects by index, each with its
// supporters grouped by weight.
type mes struct {
	cs      []Candidate
	costs   []*big.Rat
	backers [][]weightGroup // by project
	votes   []int           // by project: number of supporters
	voters  int
}

// weightGroup is the supporters of a project who give it the same weight.
type weightGroup struct {
	weight int64
	voters []int
}

func newMES(cs []Candidate, ballots []Ballot) *mes {
	index := make(map[string]int, len(cs))
	m := &mes{cs: cs, costs: make([]*big.Rat, len(cs)), backers: make([][]weightGroup, len(cs)),
		votes: make([]int, len(cs)), voters: len(ballots)}
	for i, c := range cs {
		index[c.ID] = i
		m.costs[i] = new(big.Rat).SetInt64(c.Cost)
	}
	for v, b := range ballots {
		for j, id := range b.Projects {
			p, ok := index[id]
			w := int64(1)
			if j < len(b.Weights) {
				w = b.Weights[j]
			}
			if ok && w > 0 {
				m.addBacker(p, v, w)
			}
		}
	}
	return m
}

func (m *mes) addBacker(p, voter int, w int64) {
	m.votes[p]++
	for i := range m.backers[p] {
		if m.backers[p][i].weight == w {
			m.backers[p][i].voters = append(m.backers[p][i].voters, voter)
			return
		}
	}
	m.backers[p] = append(m.backers[p], weightGroup{weight: w, voters: []int{voter}})
}

// cost is the total cost of the projects won.
func (m *mes) cost(won []int) int64 {
	var sum int64
	for _, p := range won {
		sum += m.cs[p].Cost
	}
	return sum
}

// exhaustive reports whether no project outside won fits in what won leaves of the budget,
// as pabulib's reference code checks it (unsupported projects included), or whether won
// already holds every supported project, so that no larger share can change it.
func (m *mes) exhaustive(won []int, budget int64) bool {
	left := budget - m.cost(won)
	fits, open := false, false
	for p, c := range m.cs {
		if slices.Contains(won, p) {
			continue
		}
		fits = fits || c.Cost <= left
		open = open || m.votes[p] > 0
	}
	return !fits || !open
}

// wallets is the voters' money during one run. Voters who have paid for the same projects
// hold the same amount, so money is kept per class of such voters: the method then works
// on a few classes instead of every voter.
type wallets struct {
	money   []*big.Rat // by class
	class   []int      // by voter
	count   []int64    // scratch, by class
	touched []int      // scratch: classes with a count
	groups  []group    // scratch
}

// group is the supporters of a project in one class with one weight.
type group struct {
	class         int
	weight, count int64
	limit         *big.Rat // the largest ρ each can pay in full: money / weight
}

// run is the Method of Equal Shares without completion for a total budget split equally
// among the voters. It returns the funded projects in selection order.
//
// A project's ρ can only grow as voters spend, so each round visits the projects in order of
// their key from the round before and stops once that bound exceeds the best key found.
func (m *mes) run(total *big.Rat) []int {
	share := new(big.Rat).Quo(total, new(big.Rat).SetInt64(int64(m.voters)))
	ws := &wallets{money: []*big.Rat{share}, class: make([]int, m.voters), count: []int64{0}}
	bound := make([]*big.Rat, len(m.cs)) // last key computed, a lower bound of the next
	var open []int
	for p := range m.cs {
		if m.votes[p] > 0 {
			open = append(open, p)
			bound[p] = new(big.Rat)
		}
	}
	var won []int
	for len(open) > 0 {
		slices.SortStableFunc(open, func(a, b int) int { return bound[a].Cmp(bound[b]) })
		best, bestRho, bestKey := -1, (*big.Rat)(nil), (*big.Rat)(nil)
		for _, p := range open {
			if best >= 0 && bound[p].Cmp(bestKey) > 0 {
				break
			}
			rho := m.rho(p, ws)
			if rho == nil {
				bound[p] = nil // unaffordable now, so for the rest of the run
				continue
			}
			bound[p] = m.key(p, rho)
			if best < 0 || m.better(p, bound[p], best, bestKey) {
				best, bestRho, bestKey = p, rho, bound[p]
			}
		}
		open = slices.DeleteFunc(open, func(p int) bool { return bound[p] == nil || p == best })
		if best < 0 {
			break
		}
		m.charge(best, bestRho, ws)
		won = append(won, best)
	}
	return won
}

// key is what the method minimises: ρ per unit of cost, the payment per unit of utility
// when a voter's utility of a project is its cost times the voter's weight (cost utilities,
// as in pabulib's and equalshares.net's reference implementations). A free project has 0.
func (m *mes) key(p int, rho *big.Rat) *big.Rat {
	if m.cs[p].Cost == 0 {
		return new(big.Rat)
	}
	return new(big.Rat).Quo(rho, m.costs[p])
}

// better reports whether project p with key k beats project q with key kq: a smaller key,
// then more supporters, then the lower cost, then the earlier candidate.
func (m *mes) better(p int, k *big.Rat, q int, kq *big.Rat) bool {
	if c := k.Cmp(kq); c != 0 {
		return c < 0
	}
	if c := cmp.Compare(m.votes[p], m.votes[q]); c != 0 {
		return c > 0
	}
	if c := cmp.Compare(m.cs[p].Cost, m.cs[q].Cost); c != 0 {
		return c < 0
	}
	return p < q
}

// groups sorts p's supporters into groups by class and weight.
func (m *mes) groups(p int, ws *wallets) []group {
	gs := ws.groups[:0]
	for _, wg := range m.backers[p] {
		for _, v := range wg.voters {
			c := ws.class[v]
			if ws.count[c] == 0 {
				ws.touched = append(ws.touched, c)
			}
			ws.count[c]++
		}
		for _, c := range ws.touched {
			g := group{class: c, weight: wg.weight, count: ws.count[c], limit: ws.money[c]}
			if wg.weight != 1 {
				g.limit = new(big.Rat).Quo(ws.money[c], new(big.Rat).SetInt64(wg.weight))
			}
			gs = append(gs, g)
			ws.count[c] = 0
		}
		ws.touched = ws.touched[:0]
	}
	ws.groups = gs
	return gs
}

// rho is the smallest ρ such that p's supporters, each paying min(money, ρ × weight), pay
// its cost; nil when all their money together does not reach it.
func (m *mes) rho(p int, ws *wallets) *big.Rat {
	gs := m.groups(p, ws)
	behind, part := new(big.Rat), new(big.Rat)
	var rest int64
	for _, g := range gs {
		behind.Add(behind, part.Mul(ws.money[g.class], new(big.Rat).SetInt64(g.count)))
		rest += g.count * g.weight
	}
	if behind.Cmp(m.costs[p]) < 0 {
		return nil
	}
	slices.SortFunc(gs, func(a, b group) int { return a.limit.Cmp(b.limit) })
	left := new(big.Rat).Set(m.costs[p])
	for _, g := range gs {
		rho := new(big.Rat).Quo(left, new(big.Rat).SetInt64(rest)) // (cost − paid) / weight left
		if rho.Cmp(g.limit) <= 0 {
			return rho
		}
		left.Sub(left, part.Mul(ws.money[g.class], new(big.Rat).SetInt64(g.count)))
		rest -= g.count * g.weight
	}
	return nil // not reached: the last group can always pay what is left
}

// charge makes p's supporters pay min(money, ρ × weight), moving each to the class of the
// voters of its old class who paid the same.
func (m *mes) charge(p int, rho *big.Rat, ws *wallets) {
	for _, wg := range m.backers[p] {
		pay := new(big.Rat).Mul(rho, new(big.Rat).SetInt64(wg.weight))
		moved := map[int]int{} // old class → new class
		for _, v := range wg.voters {
			c := ws.class[v]
			nc, ok := moved[c]
			if !ok {
				left := new(big.Rat)
				if pay.Cmp(ws.money[c]) < 0 {
					left.Sub(ws.money[c], pay)
				}
				nc = len(ws.money)
				ws.money = append(ws.money, left)
				ws.count = append(ws.count, 0)
				moved[c] = nc
			}
			ws.class[v] = nc
		}
	}
}
