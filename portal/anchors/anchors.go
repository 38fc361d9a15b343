// Package anchors owns the AnchorRegistry: the append-only record of Merkle roots that polls
// and renovation votes anchor their results in. This foundation deploys it once per chain;
// anchoring itself comes with the polls.
package anchors

import (
	"context"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/bindings"
	"github.com/pbnode/pbnode/portal/outbox"
	"github.com/pbnode/pbnode/storage"
)

const (
	// RegistryName is the AnchorRegistry's name in the contracts table.
	RegistryName = "AnchorRegistry"

	opDeployRegistry = "anchors.deploy_registry"
	queuedKey        = "anchors.registry_queued"
)

// Service deploys and finds the AnchorRegistry.
type Service struct {
	db     *storage.DB
	outbox interface{ Notify() }
}

// New returns the service.
func New(db *storage.DB, outbox interface{ Notify() }) *Service {
	return &Service{db: db, outbox: outbox}
}

// EnsureRegistry queues the registry's deployment unless it is deployed or already queued.
func (s *Service) EnsureRegistry(ctx context.Context) error {
	if _, ok, err := s.Registry(ctx); err != nil || ok {
		return err
	}
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		if _, err := tx.Setting(ctx, queuedKey); err == nil {
			return nil
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if err := tx.EnqueueOp(ctx, &storage.Op{Kind: opDeployRegistry}); err != nil {
			return err
		}
		return tx.SetSetting(ctx, queuedKey, "true")
	})
	if err != nil {
		return fmt.Errorf("queue the anchor registry: %w", err)
	}
	s.outbox.Notify()
	return nil
}

// Registry returns the AnchorRegistry's address once it is deployed.
func (s *Service) Registry(ctx context.Context) (common.Address, bool, error) {
	c, err := s.db.Contract(ctx, RegistryName)
	if errors.Is(err, storage.ErrNotFound) {
		return common.Address{}, false, nil
	}
	if err != nil {
		return common.Address{}, false, fmt.Errorf("load the anchor registry: %w", err)
	}
	return common.HexToAddress(c.Address), true, nil
}

// Register gives the outbox worker the deployment handler.
func (s *Service) Register(w interface {
	Handle(kind string, h outbox.Handler)
}) {
	w.Handle(opDeployRegistry, deployHandler{})
}

// deployHandler deploys the registry with the node's key as its admin and anchorer, and
// records where it landed.
type deployHandler struct{ outbox.NopHandler }

func (deployHandler) Build(_ context.Context, _ storage.Op, env outbox.Env) (outbox.Call, error) {
	args := bindings.NewAnchorRegistry().PackConstructor(env.From)
	return outbox.Call{Data: append(common.FromHex(bindings.AnchorRegistryMetaData.Bin), args...)}, nil
}

func (deployHandler) Mined(ctx context.Context, tx *storage.Tx, _ storage.Op, r *types.Receipt) error {
	return tx.SaveContract(ctx, &storage.Contract{Name: RegistryName, Address: r.ContractAddress.Hex(), TxHash: r.TxHash.Hex()})
}

func (deployHandler) Failed(ctx context.Context, tx *storage.Tx, _ storage.Op, _ error) error {
	return tx.SetSetting(ctx, queuedKey+".failed", "true")
}
