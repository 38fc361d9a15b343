package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// apiClient reads the public part of a pbnode API (rounds and initiatives) for the audit.
type apiClient struct {
	base *url.URL
	http *http.Client
}

// maxAPIBody bounds what the client reads of one response.
const maxAPIBody = 16 << 20

func newAPIClient(base string, hc *http.Client) (*apiClient, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("API URL: want http(s)://host[:port]")
	}
	return &apiClient{base: u, http: hc}, nil
}

// apiRound is a Round of the API (SPEC "HTTP API"); amounts stay text until ledger converts them.
type apiRound struct {
	ID                int64       `json:"id"`
	Name              string      `json:"name"`
	Status            string      `json:"status"`
	BudgetKopecks     json.Number `json:"budget_kopecks"`
	RoundAddress      string      `json:"round_address"`
	TokenAddress      string      `json:"token_address"`
	Totals            apiTotals   `json:"totals"`
	Funded            []uint64    `json:"funded"`
	PendingOperations int64       `json:"pending_operations"`
}

type apiTotals struct {
	SupplyKopecks      json.Number `json:"supply_kopecks"`
	DistributedKopecks json.Number `json:"distributed_kopecks"`
	AllocatedKopecks   json.Number `json:"allocated_kopecks"`
}

type apiInitiative struct {
	ID              uint64      `json:"id"` // the on-chain initiative id
	Title           string      `json:"title"`
	CostKopecks     json.Number `json:"cost_kopecks"`
	ReceivedKopecks json.Number `json:"received_kopecks"`
	PiggyBank       string      `json:"piggy_bank"`
	Funded          bool        `json:"funded"`
}

// apiView is what the API says about one round.
type apiView struct {
	Round       apiRound
	Initiatives []apiInitiative
}

// apiError is an error response: {"error":{"code":"…","message":"…"}}.
type apiError struct {
	Status  int
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *apiError) Error() string {
	if e.Code == "" {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return fmt.Sprintf("HTTP %d %s: %s", e.Status, e.Code, e.Message)
}

// get fetches path under the base URL and decodes the JSON body into out.
func (c *apiClient) get(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.JoinPath(path).String(), nil)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, maxAPIBody)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %w", path, readAPIError(resp.StatusCode, body))
	}
	if err := json.NewDecoder(body).Decode(out); err != nil {
		return fmt.Errorf("GET %s: decode: %w", path, err)
	}
	return nil
}

func readAPIError(status int, body io.Reader) error {
	var env struct {
		Error apiError `json:"error"`
	}
	_ = json.NewDecoder(body).Decode(&env) // a body that is not the error shape still has a status
	env.Error.Status = status
	return &env.Error
}

func (c *apiClient) rounds(ctx context.Context) ([]apiRound, error) {
	var body struct {
		Rounds []apiRound `json:"rounds"`
	}
	err := c.get(ctx, "/api/v1/rounds", &body)
	return body.Rounds, err
}

func (c *apiClient) round(ctx context.Context, id int64) (apiRound, error) {
	var r apiRound
	err := c.get(ctx, fmt.Sprintf("/api/v1/rounds/%d", id), &r)
	return r, err
}

func (c *apiClient) initiatives(ctx context.Context, id int64) ([]apiInitiative, error) {
	var body struct {
		Initiatives []apiInitiative `json:"initiatives"`
	}
	err := c.get(ctx, fmt.Sprintf("/api/v1/rounds/%d/initiatives", id), &body)
	return body.Initiatives, err
}

// findRound returns the id of the round whose contract is at addr (compared case-insensitively).
func (c *apiClient) findRound(ctx context.Context, addr common.Address) (int64, error) {
	list, err := c.rounds(ctx)
	if err != nil {
		return 0, err
	}
	for _, r := range list {
		if strings.EqualFold(r.RoundAddress, addr.Hex()) {
			return r.ID, nil
		}
	}
	return 0, fmt.Errorf("the API lists no round at %s", addr.Hex())
}

// settle fetches round id until it reports no pending operations, polling every `every`, for at
// most wait. It returns the last round seen, and false when operations were still pending.
func (c *apiClient) settle(ctx context.Context, id int64, wait, every time.Duration) (apiRound, bool, error) {
	deadline := time.Now().Add(wait)
	for {
		r, err := c.round(ctx, id)
		if err != nil || r.PendingOperations == 0 {
			return r, err == nil, err
		}
		if time.Until(deadline) <= 0 {
			return r, false, nil
		}
		select {
		case <-ctx.Done():
			return r, false, ctx.Err()
		case <-time.After(min(every, time.Until(deadline))):
		}
	}
}

// view fetches the settled round at addr and its initiatives. It reports as a finding when
// the round's operations were still pending after wait.
func (c *apiClient) view(ctx context.Context, addr common.Address, wait, every time.Duration) (apiView, []string, error) {
	id, err := c.findRound(ctx, addr)
	if err != nil {
		return apiView{}, nil, err
	}
	r, settled, err := c.settle(ctx, id, wait, every)
	if err != nil {
		return apiView{}, nil, err
	}
	var findings []string
	if !settled {
		findings = append(findings, fmt.Sprintf("API round %d still has %d pending operations after %s", id, r.PendingOperations, wait))
	}
	list, err := c.initiatives(ctx, id)
	return apiView{Round: r, Initiatives: list}, findings, err
}

// ledger converts the API's view into the terms the audit compares.
func (v apiView) ledger() (ledger, error) {
	var l ledger
	var errs []error
	parse := func(what string, n json.Number) *big.Int {
		x, err := kopecks(n)
		if err != nil {
			errs = append(errs, fmt.Errorf("API %s: %w", what, err))
		}
		return x
	}
	l.Budget = parse("budget_kopecks", v.Round.BudgetKopecks)
	l.Supply = parse("totals.supply_kopecks", v.Round.Totals.SupplyKopecks)
	l.Distributed = parse("totals.distributed_kopecks", v.Round.Totals.DistributedKopecks)
	l.Allocated = parse("totals.allocated_kopecks", v.Round.Totals.AllocatedKopecks)
	if common.IsHexAddress(v.Round.TokenAddress) {
		l.Token = common.HexToAddress(v.Round.TokenAddress)
	}
	l.Funded = v.Round.Funded
	l.Initiatives = make(map[uint64]initiativeTotals, len(v.Initiatives))
	for _, in := range v.Initiatives {
		l.Initiatives[in.ID] = initiativeTotals{
			Cost:     parse(fmt.Sprintf("initiative %d cost_kopecks", in.ID), in.CostKopecks),
			Received: parse(fmt.Sprintf("initiative %d received_kopecks", in.ID), in.ReceivedKopecks),
			Funded:   in.Funded,
		}
	}
	return l, errors.Join(errs...)
}

// kopecks reads an integer amount exactly, however large.
func kopecks(n json.Number) (*big.Int, error) {
	if n == "" {
		return nil, errors.New("missing")
	}
	x, ok := new(big.Int).SetString(string(n), 10)
	if !ok {
		return nil, fmt.Errorf("%s is not a whole number of kopecks", n)
	}
	return x, nil
}
