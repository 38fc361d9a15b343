package audit

import (
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/pbnode/pbnode/chain/roundv2"
)

// callKind is how a transaction reached the round.
type callKind uint8

const (
	callUnread   callKind = iota // calldata not read (no per-citizen event)
	callDirect                   // a citizen's own call on the round (claimAndAllocate, allocate, ...)
	callRelay                    // relay(records, proof, proofFlagBits) on the round
	callIndirect                 // through another contract: the records cannot be read from calldata
)

// v2Call is what a transaction's calldata says.
type v2Call struct {
	call      callKind
	records   []roundv2.Signed
	decodeErr string // relay calldata that does not decode
}

var relaySelector = roundV2ABI.GetABI().Methods["relay"].ID

// callOf classifies tx and decodes its relayed records.
func callOf(round common.Address, tx *types.Transaction) v2Call {
	data := tx.Data()
	switch {
	case tx.To() == nil || *tx.To() != round:
		return v2Call{call: callIndirect}
	case len(data) >= 4 && bytes.Equal(data[:4], relaySelector):
		recs, err := decodeRelay(data)
		if err != nil {
			return v2Call{call: callRelay, decodeErr: err.Error()}
		}
		return v2Call{call: callRelay, records: recs}
	}
	return v2Call{call: callDirect}
}

var errRelayCalldata = errors.New("malformed relay calldata")

// decodeRelay decodes the records of relay((uint256,bytes32,bytes32)[],
// bytes32[],uint256[]) calldata and parses each head (roundv2.ParseHead).
// It reads the ABI encoding by hand, as Arguments.Unpack would (a test
// checks the two agree): with a million records reflection would dominate.
func decodeRelay(data []byte) ([]roundv2.Signed, error) {
	if len(data) < 4+3*32 || !bytes.Equal(data[:4], relaySelector) {
		return nil, fmt.Errorf("%w: %d bytes", errRelayCalldata, len(data))
	}
	args := data[4:]
	off, ok := abiOffset(args, 0)
	if !ok || off+32 > uint64(len(args)) {
		return nil, fmt.Errorf("%w: records offset", errRelayCalldata)
	}
	n, ok := word64(args[off : off+32])
	const recordSize = 3 * 32
	if !ok || n == 0 || n > (uint64(len(args))-off-32)/recordSize {
		return nil, fmt.Errorf("%w: %d records in %d bytes", errRelayCalldata, n, len(args))
	}
	recs := make([]roundv2.Signed, n)
	body := args[off+32:]
	head := new(big.Int)
	for k := range recs {
		r := body[k*recordSize : (k+1)*recordSize]
		rec, err := roundv2.ParseHead(head.SetBytes(r[:32]))
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", k, err)
		}
		recs[k] = roundv2.Signed{Record: rec, R: [32]byte(r[32:64]), VS: [32]byte(r[64:96])}
	}
	return recs, nil
}

// abiOffset reads the offset in head word i of args; it must fit and be
// word-aligned.
func abiOffset(args []byte, i int) (uint64, bool) {
	off, ok := word64(args[i*32 : (i+1)*32])
	return off, ok && off%32 == 0 && off < uint64(len(args))
}

// recoverSigners recovers the signer of every relayed record (R-1.5: who
// signed what is checkable from the calldata alone) on workers goroutines
// (0: runtime.NumCPU()), one transaction at a time per goroutine. It
// returns the signers by transaction and record (zero when the signature
// does not recover). The goroutines end before it returns.
func recoverSigners(dom roundv2.Domain, txs []v2Tx, workers int) [][]common.Address {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	signers := make([][]common.Address, len(txs))
	var relays []int
	for i := range txs {
		if len(txs[i].records) > 0 {
			relays = append(relays, i)
		}
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, len(relays)) {
		wg.Go(func() {
			for {
				j := int(next.Add(1)) - 1
				if j >= len(relays) {
					return
				}
				recs := txs[relays[j]].records
				out := make([]common.Address, len(recs)) // only this goroutine writes signers[relays[j]]
				for k := range recs {
					out[k] = recoverSigner(dom, &recs[k])
				}
				signers[relays[j]] = out
			}
		})
	}
	wg.Wait()
	return signers
}

var (
	secpN     = [32]byte(common.LeftPadBytes(crypto.S256().Params().N.Bytes(), 32))
	secpHalfN = [32]byte(common.LeftPadBytes(new(big.Int).Rsh(crypto.S256().Params().N, 1).Bytes(), 32))
)

// recoverSigner is roundv2.Domain.Recover without its allocations: the
// same checks as OpenZeppelin's ECDSA.tryRecover (0 < r < n, 0 < s ≤ n/2),
// then ecrecover of the EIP-712 digest. It returns the zero address for a
// signature the contract refuses. A test checks it against Domain.Recover.
func recoverSigner(dom roundv2.Domain, s *roundv2.Signed) common.Address {
	sig := roundv2.Expand(s.R, s.VS)
	r, sv := sig[:32], sig[32:64]
	if isZero(r) || isZero(sv) || bytes.Compare(r, secpN[:]) >= 0 || bytes.Compare(sv, secpHalfN[:]) > 0 {
		return common.Address{}
	}
	digest := dom.Digest(s.Record)
	pub, err := crypto.Ecrecover(digest[:], sig)
	if err != nil || len(pub) != 65 {
		return common.Address{}
	}
	return common.BytesToAddress(crypto.Keccak256(pub[1:])[12:])
}
