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
	// proof and flags are a relay's eligibility multiproof (flag k is bit k%256 of word k/256).
	proof []common.Hash
	flags []*big.Int
	// direct is a citizen's claimAndAllocate: the claimed leaf's proof.
	direct *directClaim
	from   common.Address // the sender, as the node reports it (direct calls only)
}

// directClaim is the eligibility part of claimAndAllocate's calldata.
type directClaim struct {
	index, quota *big.Int
	proof        []common.Hash
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
		proof, flags, err := decodeRelayProof(data)
		if err != nil {
			return v2Call{call: callRelay, decodeErr: err.Error()}
		}
		return v2Call{call: callRelay, records: recs, proof: proof, flags: flags}
	case len(data) >= 4 && bytes.Equal(data[:4], claimSelector):
		return v2Call{call: callDirect, direct: decodeClaim(data)}
	}
	return v2Call{call: callDirect}
}

var claimSelector = roundV2ABI.GetABI().Methods["claimAndAllocate"].ID

// decodeClaim reads claimAndAllocate(index, quota, proof, id, amount) calldata; nil when it
// does not decode (the contract would not have run it). Direct claims are few: the ABI's
// reflection is fine here.
func decodeClaim(data []byte) *directClaim {
	args, err := roundV2ABI.GetABI().Methods["claimAndAllocate"].Inputs.Unpack(data[4:])
	if err != nil || len(args) != 5 {
		return nil
	}
	index, ok1 := args[0].(*big.Int)
	quota, ok2 := args[1].(*big.Int)
	proof, ok3 := args[2].([][32]byte)
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	c := &directClaim{index: index, quota: quota, proof: make([]common.Hash, len(proof))}
	for i, p := range proof {
		c.proof[i] = p
	}
	return c
}

// decodeRelayProof reads the multiproof (head words 1 and 2: bytes32[] proof, uint256[] flag
// words) of relay calldata that decodeRelay accepted.
func decodeRelayProof(data []byte) ([]common.Hash, []*big.Int, error) {
	args := data[4:]
	words := func(i int) ([][]byte, error) {
		off, ok := abiOffset(args, i)
		if !ok || off+32 > uint64(len(args)) {
			return nil, fmt.Errorf("%w: argument %d offset", errRelayCalldata, i)
		}
		n, ok := word64(args[off : off+32])
		if !ok || n > (uint64(len(args))-off-32)/32 {
			return nil, fmt.Errorf("%w: argument %d has %d words in %d bytes", errRelayCalldata, i, n, len(args))
		}
		out := make([][]byte, n)
		for k := range out {
			start := off + 32 + uint64(k)*32
			out[k] = args[start : start+32]
		}
		return out, nil
	}
	pw, err := words(1)
	if err != nil {
		return nil, nil, err
	}
	fw, err := words(2)
	if err != nil {
		return nil, nil, err
	}
	proof := make([]common.Hash, len(pw))
	for k, w := range pw {
		proof[k] = common.BytesToHash(w)
	}
	flags := make([]*big.Int, len(fw))
	for k, w := range fw {
		flags[k] = new(big.Int).SetBytes(w)
	}
	return proof, flags, nil
}

// unpackFlags expands a relay's flag words into the n flags of its multiproof.
func unpackFlags(words []*big.Int, n int) ([]bool, bool) {
	if n < 0 || (n+255)/256 > len(words) {
		return nil, false
	}
	flags := make([]bool, n)
	for k := range flags {
		flags[k] = words[k/256].Bit(k%256) == 1
	}
	return flags, true
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
