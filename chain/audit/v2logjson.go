package audit

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain"
)

// getLogs is eth_getLogs for addrs in [from, to], decoded by parseLogs: a
// city round has millions of logs, and encoding/json with types.Log's
// hexutil fields costs ~9 µs a log where parseLogs costs ~1.
func getLogs(ctx context.Context, c *chain.Client, addrs []common.Address, from, to uint64) ([]types.Log, error) {
	var raw json.RawMessage
	arg := map[string]any{
		"address":   addrs,
		"fromBlock": hexutil.EncodeBig(new(big.Int).SetUint64(from)),
		"toBlock":   hexutil.EncodeBig(new(big.Int).SetUint64(to)),
	}
	if err := c.RPC().CallContext(ctx, &raw, "eth_getLogs", arg); err != nil {
		return nil, err
	}
	return parseLogs(raw)
}

// parseLogs decodes the JSON array of logs a node returns, as
// json.Unmarshal into []types.Log does. It reads the usual shape by hand;
// anything else (escapes, unknown keys, malformed hex) goes to
// json.Unmarshal, which decides.
func parseLogs(raw []byte) ([]types.Log, error) {
	s := logScanner{b: raw}
	if logs, ok := s.logs(); ok {
		return logs, nil
	}
	var logs []types.Log
	if err := json.Unmarshal(raw, &logs); err != nil {
		return nil, fmt.Errorf("decode logs: %w", err)
	}
	return logs, nil
}

// logScanner reads a JSON array of log objects; any surprise returns false.
type logScanner struct {
	b []byte
	i int
}

func (s *logScanner) ws() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\n' || s.b[s.i] == '\r' || s.b[s.i] == '\t') {
		s.i++
	}
}

func (s *logScanner) eat(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// str reads a string without escapes.
func (s *logScanner) str() ([]byte, bool) {
	if !s.eat('"') {
		return nil, false
	}
	end := bytes.IndexByte(s.b[s.i:], '"')
	if end < 0 {
		return nil, false
	}
	v := s.b[s.i : s.i+end]
	if bytes.IndexByte(v, '\\') >= 0 {
		return nil, false
	}
	s.i += end + 1
	return v, true
}

func (s *logScanner) logs() ([]types.Log, bool) {
	if !s.eat('[') {
		return nil, false
	}
	logs := []types.Log{}
	if s.eat(']') {
		return logs, s.end()
	}
	for {
		var l types.Log
		if !s.log(&l) {
			return nil, false
		}
		logs = append(logs, l)
		if s.eat(']') {
			return logs, s.end()
		}
		if !s.eat(',') {
			return nil, false
		}
	}
}

func (s *logScanner) end() bool {
	s.ws()
	return s.i == len(s.b)
}

// log reads one object; address, topics, data and transactionHash are
// required, as types.Log's UnmarshalJSON requires them.
func (s *logScanner) log(l *types.Log) bool {
	if !s.eat('{') {
		return false
	}
	var seen uint8
	for first := true; ; first = false {
		if s.eat('}') {
			return seen == 0b1111
		}
		if !first && !s.eat(',') {
			return false
		}
		key, ok := s.str()
		if !ok || !s.eat(':') {
			return false
		}
		switch string(key) {
		case "address":
			seen |= 1
			ok = s.fixed(l.Address[:])
		case "topics":
			seen |= 2
			l.Topics, ok = s.topics()
		case "data":
			seen |= 4
			l.Data, ok = s.bytes()
		case "transactionHash":
			seen |= 8
			ok = s.fixed(l.TxHash[:])
		case "blockHash":
			ok = s.fixed(l.BlockHash[:])
		case "blockNumber":
			l.BlockNumber, ok = s.quantity()
		case "blockTimestamp":
			l.BlockTimestamp, ok = s.quantity()
		case "transactionIndex":
			var v uint64
			v, ok = s.quantity()
			l.TxIndex = uint(v)
		case "logIndex":
			var v uint64
			v, ok = s.quantity()
			l.Index = uint(v)
		case "removed":
			l.Removed, ok = s.boolean()
		default:
			ok = s.skipScalar(key)
		}
		if !ok {
			return false
		}
	}
}

// knownKeys are the keys types.Log reads; encoding/json matches them
// case-insensitively, so another spelling of one is left to it.
var knownKeys = []string{"address", "topics", "data", "transactionHash", "blockHash", "blockNumber",
	"blockTimestamp", "transactionIndex", "logIndex", "removed"}

// skipScalar skips the value of a key types.Log does not read (some nodes
// add their own): a string, number, true, false or null.
func (s *logScanner) skipScalar(key []byte) bool {
	for _, k := range knownKeys {
		if strings.EqualFold(k, string(key)) {
			return false
		}
	}
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == '"' {
		_, ok := s.str()
		return ok
	}
	start := s.i
	for s.i < len(s.b) && bytes.IndexByte([]byte("0123456789+-.eEtruefalsn"), s.b[s.i]) >= 0 {
		s.i++
	}
	return json.Valid(s.b[start:s.i]) && s.i > start
}

// hexBody is the digits of a "0x…" string.
func (s *logScanner) hexBody() ([]byte, bool) {
	v, ok := s.str()
	if !ok || len(v) < 2 || v[0] != '0' || (v[1] != 'x' && v[1] != 'X') {
		return nil, false
	}
	return v[2:], true
}

func (s *logScanner) fixed(dst []byte) bool {
	h, ok := s.hexBody()
	if !ok || len(h) != 2*len(dst) {
		return false
	}
	_, err := hex.Decode(dst, h)
	return err == nil
}

func (s *logScanner) bytes() ([]byte, bool) {
	h, ok := s.hexBody()
	if !ok || len(h)%2 != 0 {
		return nil, false
	}
	out := make([]byte, len(h)/2)
	_, err := hex.Decode(out, h)
	return out, err == nil
}

// quantity is a hexutil.Uint64: no leading zeros, at most 64 bits.
func (s *logScanner) quantity() (uint64, bool) {
	h, ok := s.hexBody()
	if !ok || len(h) == 0 || len(h) > 16 || (len(h) > 1 && h[0] == '0') {
		return 0, false
	}
	v, err := strconv.ParseUint(string(h), 16, 64)
	return v, err == nil
}

func (s *logScanner) topics() ([]common.Hash, bool) {
	if !s.eat('[') {
		return nil, false
	}
	topics := []common.Hash{}
	if s.eat(']') {
		return topics, true
	}
	for {
		var h common.Hash
		if !s.fixed(h[:]) {
			return nil, false
		}
		topics = append(topics, h)
		if s.eat(']') {
			return topics, true
		}
		if !s.eat(',') {
			return nil, false
		}
	}
}

func (s *logScanner) boolean() (bool, bool) {
	s.ws()
	switch {
	case bytes.HasPrefix(s.b[s.i:], []byte("true")):
		s.i += 4
		return true, true
	case bytes.HasPrefix(s.b[s.i:], []byte("false")):
		s.i += 5
		return false, true
	}
	return false, false
}
