package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/portal/tallies"
	"github.com/pbnode/pbnode/portal/tally"
)

// anchorsResult is what `pbnode audit --registry` prints with --json.
type anchorsResult struct {
	Registry  string   `json:"registry"`
	Anchors   int      `json:"anchors"`
	Published int      `json:"published"`
	Verified  int      `json:"verified"`
	Findings  []string `json:"findings"`
	OK        bool     `json:"ok"`
}

// runAuditAnchors recounts every tally the API at o.api publishes from its file, and matches
// the recounts with the tally anchors of the AnchorRegistry at o.registry.
func runAuditAnchors(ctx context.Context, o auditOptions, out io.Writer) error {
	if o.round != "" || o.api == "" || !common.IsHexAddress(o.registry) {
		return &exitError{code: exitBadInput, err: errors.New("audit: --registry 0xADDRESS needs --api URL and no --round")}
	}
	api, err := newAPIClient(o.api, &http.Client{Timeout: time.Minute})
	if err != nil {
		return err
	}
	c, err := chain.Dial(ctx, o.rpc)
	if err != nil {
		return err
	}
	defer c.Close()
	registry := common.HexToAddress(o.registry)
	anchors, err := tallies.ReadAnchors(ctx, c, registry)
	if err != nil {
		return err
	}
	published, err := api.publishedTallies(ctx)
	if err != nil {
		return fmt.Errorf("read the API's tallies: %w", err)
	}
	verified, findings := tallies.CompareAnchors(anchors, published)
	res := anchorsResult{Registry: registry.Hex(), Anchors: len(anchors), Published: len(published),
		Verified: verified, Findings: findings, OK: len(findings) == 0}
	if findings == nil {
		res.Findings = []string{}
	}
	if o.json {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		err = enc.Encode(res)
	} else {
		err = printAnchors(out, res)
	}
	if err != nil {
		return err
	}
	if !res.OK {
		return &exitError{code: 1, err: fmt.Errorf("audit of the tally anchors in %s: %d findings", registry.Hex(), len(findings))}
	}
	return nil
}

func printAnchors(out io.Writer, r anchorsResult) error {
	fmt.Fprintf(out, "Tally anchors in AnchorRegistry %s: %d\n", r.Registry, r.Anchors)
	fmt.Fprintf(out, "Tallies the API publishes: %d, recounted from their files and matched with an anchor: %d\n", r.Published, r.Verified)
	for _, f := range r.Findings {
		fmt.Fprintf(out, "FINDING: %s\n", f)
	}
	if r.OK {
		_, err := fmt.Fprintln(out, "RESULT: OK, everything agrees")
		return err
	}
	_, err := fmt.Fprintf(out, "RESULT: FAILED (%d findings)\n", len(r.Findings))
	return err
}

// publishedTallies reads every tally the API lists with its file, byte for byte.
func (c *apiClient) publishedTallies(ctx context.Context) ([]tallies.Published, error) {
	var list struct {
		Tallies []struct {
			ID     int64  `json:"id"`
			SHA256 string `json:"sha256"`
			Rule   string `json:"rule"`
		} `json:"tallies"`
	}
	if err := c.get(ctx, "/api/v1/tallies", &list); err != nil {
		return nil, err
	}
	out := make([]tallies.Published, 0, len(list.Tallies))
	for _, t := range list.Tallies {
		input, err := c.raw(ctx, fmt.Sprintf("/api/v1/tallies/%d/input", t.ID), tallies.MaxInput)
		if err != nil {
			return nil, err
		}
		out = append(out, tallies.Published{ID: t.ID, SHA256: t.SHA256, Rule: tally.Rule(t.Rule), Input: input})
	}
	return out, nil
}

// raw fetches path's body as it is, up to limit bytes.
func (c *apiClient) raw(ctx context.Context, path string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base.JoinPath(path).String(), nil)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %w", path, readAPIError(resp.StatusCode, io.LimitReader(resp.Body, maxAPIBody)))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("GET %s: over %d bytes", path, limit)
	}
	return body, nil
}
