package api

import (
	"fmt"
	"net/http"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
)

// unsignedJSON is the EIP-712 record a citizen's own wallet signs (eth_signTypedData_v4 of
// TypedData), then sends back with the move as "nonce" and "signature".
type unsignedJSON struct {
	Nonce     int64             `json:"nonce"`
	Digest    string            `json:"digest"`
	Claim     bool              `json:"claim"` // the citizen's first record: it claims their quota
	TypedData roundv2.TypedData `json:"typed_data"`
}

func unsignedOf(u budget.Unsigned) unsignedJSON {
	return unsignedJSON{Nonce: u.Nonce, Digest: hexutil.Encode(u.Digest[:]), Claim: u.Initial, TypedData: u.Domain.TypedData(u.Record)}
}

func (s *server) unsignedAllocation(c *gin.Context) { s.unsigned(c, false) }
func (s *server) unsignedWithdrawal(c *gin.Context) { s.unsigned(c, true) }

// unsigned answers the record the signed-in citizen's own wallet must sign for a move.
func (s *server) unsigned(c *gin.Context, withdraw bool) {
	m, _, ok := s.moveOf(c)
	if !ok {
		return
	}
	u, err := s.budget.PrepareMove(c.Request.Context(), m, withdraw)
	s.render(c, http.StatusOK, unsignedOf(u), err)
}

// signedMove adds a citizen's own signature to a move; none leaves it to the node.
func signedMove(m budget.Move, req moveRequest) (budget.Move, error) {
	if req.Signature == "" {
		return m, nil
	}
	sig, err := hexutil.Decode(req.Signature)
	if err != nil || req.Nonce == nil {
		return m, fmt.Errorf("%w: a signature is 0x hex and comes with its nonce", budget.ErrInvalid)
	}
	m.Signature, m.Nonce = sig, *req.Nonce
	return m, nil
}
