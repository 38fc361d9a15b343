package tallies

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain"
	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/portal/tally"
	"github.com/pbnode/pbnode/storage"
)

// opAnchor is the outbox kind of a tally's anchor.
const opAnchor = "tallies.anchor"

var registryABI = bindings.NewAnchorRegistry()

// Registry finds the AnchorRegistry; *anchors.Service implements it.
type Registry interface {
	Registry(ctx context.Context) (common.Address, bool, error)
}

// Register gives the outbox worker the anchoring handler; registry is where anchors go.
func (s *Service) Register(w interface {
	Handle(kind string, h outbox.Handler)
}, registry Registry) {
	w.Handle(opAnchor, anchorHandler{s: s, registry: registry})
}

// anchorHandler anchors one published tally.
type anchorHandler struct {
	outbox.NopHandler
	s        *Service
	registry Registry
}

func (h anchorHandler) Build(ctx context.Context, op storage.Op, _ outbox.Env) (outbox.Call, error) {
	var p anchorPayload
	if err := json.Unmarshal(op.Payload, &p); err != nil {
		return outbox.Call{}, fmt.Errorf("%w: op %d payload: %v", outbox.ErrPermanent, op.ID, err)
	}
	addr, ok, err := h.registry.Registry(ctx)
	if err != nil {
		return outbox.Call{}, err
	}
	if !ok {
		return outbox.Call{}, ErrRegistryMissing // the registry's deployment is queued first; retried
	}
	rec, err := h.s.db.TallyBySHA256(ctx, p.SHA256, p.Rule)
	if err != nil {
		return outbox.Call{}, fmt.Errorf("load tally of op %d: %w", op.ID, err)
	}
	sum, err := hex.DecodeString(rec.SHA256)
	if err != nil || len(sum) != 32 {
		return outbox.Call{}, fmt.Errorf("%w: tally %d has sha256 %q", outbox.ErrPermanent, rec.ID, rec.SHA256)
	}
	sha := common.BytesToHash(sum)
	data := registryABI.PackAnchor(Kind, sha, common.HexToHash(rec.Root), uint64(rec.Selected), sha)
	return outbox.Call{To: &addr, Data: data}, nil
}

// ErrNotAnchored means the registry holds no anchor of this input with this result.
var ErrNotAnchored = errors.New("no anchor of this file with this result")

// Verify recounts input under rule ("" for the file's own) and finds its anchor in the
// registry at registry: an Anchored event of Kind whose subject and dataset are the input's
// SHA-256 and whose root is the recounted result's. It is what an outside auditor does with
// the published file.
func Verify(ctx context.Context, c *chain.Client, registry common.Address, input []byte, rule tally.Rule) (tally.Result, OnChain, error) {
	res, sum, err := Count(input, rule)
	if err != nil {
		return res, OnChain{}, err
	}
	sha := common.BytesToHash(sum[:])
	anchors, err := readAnchors(ctx, c, registry, &sha)
	if err != nil {
		return res, OnChain{}, err
	}
	want := Root(res)
	for _, a := range anchors {
		if a.Root == want && a.Dataset == sha {
			return res, a, nil
		}
	}
	return res, OnChain{}, fmt.Errorf("input %s, root %s (%d anchors of the input): %w", sha.Hex(), want.Hex(), len(anchors), ErrNotAnchored)
}
