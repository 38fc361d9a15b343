package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/portal/budget"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// TestAllocationRefusals: every refused allocation or withdrawal comes back to the page with
// its reason in words, and writes nothing; the database is compared before and after.
func TestAllocationRefusals(t *testing.T) {
	s := startBudgetSite(t)
	rich := s.resident(t)
	poor := s.resident(t) // verified, with a wallet, but left out of the distribution
	s.distribute(t, rich.address, common.HexToAddress("0xc1"))
	noWallet := s.pages.signIn(t, "citizen", newPagePhone())
	official := s.pages.signIn(t, "treasury", newPagePhone())
	moved(t, s.move(rich.pageUser, "allocate", "1", "100")) // 100 ₽ of the 1 500 ₽ quota in initiative 1
	s.Node.Drain(t)

	tests := []struct {
		name       string
		user       *pageUser
		kind       string
		initiative string
		amount     string
		code       string
		message    string
	}{
		{"over the quota", rich.pageUser, "allocate", "2", "1400,01", "insufficient_balance", "Недостаточно токенов"},
		{"more than allocated", rich.pageUser, "withdraw", "1", "100,01", "insufficient_allocation", "Столько забрать нельзя"},
		{"from an empty piggy bank", rich.pageUser, "withdraw", "2", "1", "insufficient_allocation", "Столько забрать нельзя"},
		{"unknown initiative", rich.pageUser, "allocate", "99", "1", "unknown_initiative", "Такой инициативы в этом голосовании нет"},
		{"initiative not a number", rich.pageUser, "allocate", "первая", "1", "unknown_initiative", "Такой инициативы в этом голосовании нет"},
		{"withdraw from an unknown initiative", rich.pageUser, "withdraw", "99", "1", "unknown_initiative", "Такой инициативы"},
		{"zero", rich.pageUser, "allocate", "1", "0", "amount", "Укажите сумму в рублях больше нуля"},
		{"negative", rich.pageUser, "allocate", "1", "-5", "amount", "Укажите сумму"},
		{"three decimals", rich.pageUser, "allocate", "1", "1,005", "amount", "Укажите сумму"},
		{"words", rich.pageUser, "allocate", "1", "сто", "amount", "Укажите сумму"},
		{"empty", rich.pageUser, "withdraw", "1", "", "amount", "Укажите сумму"},
		{"no quota", poor.pageUser, "allocate", "1", "1", "no_quota", "У вас нет токенов в этом голосовании"},
		{"no quota to take back", poor.pageUser, "withdraw", "1", "1", "no_quota", "У вас нет токенов"},
		{"no wallet", noWallet, "allocate", "1", "1", "no_wallet", "У вас ещё нет кошелька"},
		{"an official without a wallet", official, "allocate", "1", "1", "no_wallet", "У вас ещё нет кошелька"},
	}
	before := storagetest.DumpText(t, s.Node.Storage)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			refused(t, s, tt.user, s.move(tt.user, tt.kind, tt.initiative, tt.amount), tt.code, tt.message)
		})
	}
	if after := storagetest.DumpText(t, s.Node.Storage); after != before {
		t.Error("a refused allocation wrote to the database")
	}

	// After the deadline (the service's clock two hours on) neither form is taken.
	s.clock.offset.Store(int64(2 * time.Hour))
	for _, kind := range []string{"allocate", "withdraw"} {
		t.Run("deadline passed "+kind, func(t *testing.T) {
			refused(t, s, rich.pageUser, s.move(rich.pageUser, kind, "1", "1"), "deadline_passed", "Приём закрыт")
		})
	}
	s.clock.offset.Store(0)
	// An unknown round is the 404 page.
	r := rich.client.post("/rounds/999/allocate", url.Values{"csrf_token": {rich.csrf}, "initiative": {"1"}, "amount": {"1"}})
	if r.Status != http.StatusNotFound || !strings.Contains(r.Body, "Голосование не найдено") {
		t.Errorf("unknown round: %d, want the 404 page", r.Status)
	}
	if after := storagetest.DumpText(t, s.Node.Storage); after != before {
		t.Error("a refused allocation wrote to the database")
	}
	bal, err := s.Node.Budget.Balance(t.Context(), s.round.ID, s.citizenID(t, rich))
	if err != nil {
		t.Fatal(err)
	}
	if bal.Allocated != 10_000 || len(bal.Allocations) != 1 || bal.Allocations[0] != (budget.Allocation{Initiative: 1, Amount: 10_000}) {
		t.Errorf("balance after the refusals = %+v, want 100 ₽ in initiative 1 only", bal)
	}
}

// refused checks that r sends the user back to the allocation page with code, and that the
// page tells message.
func refused(t *testing.T, s *budgetSite, u *pageUser, r response, code, message string) {
	t.Helper()
	if want := s.path("allocate") + "?error=" + code; r.Status != http.StatusSeeOther || r.Location != want {
		t.Fatalf("got %d → %q, want 303 → %q\n%s", r.Status, r.Location, want, r.Body)
	}
	page := u.client.get(r.Location)
	if page.Status != http.StatusOK || !strings.Contains(page.Body, `id="refused"`) || !strings.Contains(page.Body, message) {
		t.Fatalf("the page after the refusal (%d) does not say %q:\n%s", page.Status, message, page.Body)
	}
}

// TestAllocationPage: a citizen with a quota sees it, what they put where and what is left;
// a change is acknowledged at once with its operation; everyone else is told why they have
// no tokens; a visitor is sent to sign in.
func TestAllocationPage(t *testing.T) {
	s := startBudgetSite(t)
	rich := s.resident(t)
	poor := s.resident(t)
	s.distribute(t, rich.address, common.HexToAddress("0xc1"))
	noWallet := s.pages.signIn(t, "citizen", newPagePhone())
	auditor := s.pages.signIn(t, "auditor", newPagePhone())
	moderator := s.pages.signIn(t, "moderator", newPagePhone())

	r := s.move(rich.pageUser, "allocate", "3", "250,50")
	moved(t, r)
	page := rich.client.get(r.Location)
	for _, want := range []string{`id="done"`, `id="operation"`, `id="quota">1` + nbsp + `500,00` + nbsp + `₽`, `id="mine">250,50` + nbsp + `₽`,
		`id="available">1` + nbsp + `249,50` + nbsp + `₽`, `id="withdraw-3"`, rich.address.Hex()} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the page after an allocation lacks %q", want)
		}
	}
	if strings.Contains(page.Body, `id="withdraw-1"`) {
		t.Error("the page offers to take back from a piggy bank the citizen put nothing into")
	}
	s.Node.Drain(t)
	if page = rich.client.get(r.Location); !strings.Contains(page.Body, `data-status="mined"`) || !strings.Contains(page.Body, `id="op-tx">0x`) {
		t.Errorf("after the outbox drained, the page does not show the mined transaction:\n%s", page.Body)
	}

	for _, tt := range []struct {
		name string
		user *pageUser
		want string
	}{
		{"a verified citizen without a quota", poor.pageUser, "У вас нет токенов в этом голосовании"},
		{"a citizen without a wallet", noWallet, "У вас ещё нет кошелька"},
		{"an auditor", auditor, "Вы вошли как сотрудник (аудитор)"},
		{"a moderator", moderator, "Вы вошли как сотрудник (модератор)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page := tt.user.client.get(s.path("allocate"))
			if page.Status != http.StatusOK || !strings.Contains(page.Body, tt.want) || strings.Contains(page.Body, `id="allocate-1"`) {
				t.Errorf("%d; the page should say %q and offer no form:\n%s", page.Status, tt.want, page.Body)
			}
		})
	}
	if page := auditor.client.get(s.path("allocate")); !strings.Contains(page.Body, `id="treasury-link"`) {
		t.Error("the auditor's page does not link the dashboard")
	}
	if page := moderator.client.get(s.path("allocate")); strings.Contains(page.Body, `id="treasury-link"`) {
		t.Error("the moderator's page links a dashboard they may not open")
	}
	anon := newFormClient(t, s.URL).get(s.path("allocate"))
	if want := "/login?next=" + url.QueryEscape(s.path("allocate")); anon.Status != http.StatusSeeOther || anon.Location != want {
		t.Errorf("a visitor: %d → %q, want 303 → %q", anon.Status, anon.Location, want)
	}
}

const nbsp = "\u00a0"
