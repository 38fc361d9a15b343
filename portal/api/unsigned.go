package api

import (
	"fmt"
	"math/big"
	"net/http"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/chain/roundv2"
	"github.com/pbnode/pbnode/portal/budget"
)

// unsignedJSON is the EIP-712 record a citizen's own wallet signs (eth_signTypedData_v4 of
// TypedData), then sends back with the move as "nonce" and "signature".
type unsignedJSON struct {
	Nonce     int64         `json:"nonce"`
	Digest    string        `json:"digest"`
	Claim     bool          `json:"claim"` // the citizen's first record: it claims their quota
	TypedData typedDataJSON `json:"typed_data"`
}

type typedDataJSON struct {
	Types       map[string][]typedField `json:"types"`
	PrimaryType string                  `json:"primaryType"`
	Domain      map[string]any          `json:"domain"`
	Message     map[string]string       `json:"message"`
}

type typedField struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

var recordFields = []typedField{{"round", "address"}, {"initiative", "uint256"}, {"amount", "uint256"}, {"nonce", "uint256"}, {"deadline", "uint256"}}

func unsignedOf(u budget.Unsigned) unsignedJSON {
	chainID := new(big.Int)
	if u.Domain.ChainID != nil {
		chainID = u.Domain.ChainID
	}
	return unsignedJSON{
		Nonce: u.Nonce, Digest: hexutil.Encode(u.Digest[:]), Claim: u.Initial,
		TypedData: typedDataJSON{
			Types: map[string][]typedField{
				"EIP712Domain": {{"name", "string"}, {"version", "string"}, {"chainId", "uint256"}, {"verifyingContract", "address"}},
				u.Kind:         recordFields,
			},
			PrimaryType: u.Kind,
			Domain: map[string]any{"name": roundv2.DomainName, "version": roundv2.DomainVersion,
				"chainId": chainID.String(), "verifyingContract": u.Domain.Round.Hex()},
			Message: map[string]string{
				"round": u.Domain.Round.Hex(), "initiative": fmt.Sprint(u.Record.Initiative), "amount": fmt.Sprint(u.Record.Amount),
				"nonce": fmt.Sprint(u.Nonce), "deadline": fmt.Sprint(u.Record.Deadline),
			},
		},
	}
}

func (s *server) unsignedAllocation(c *gin.Context) { s.unsigned(c, false) }
func (s *server) unsignedWithdrawal(c *gin.Context) { s.unsigned(c, true) }

// unsigned answers the record the signed-in citizen's own wallet must sign for a move.
func (s *server) unsigned(c *gin.Context, withdraw bool) {
	id, ok := s.roundID(c)
	var req moveRequest
	if !ok || !s.bind(c, &req) {
		return
	}
	p, _ := principal(c)
	if p.CitizenID == 0 {
		s.fail(c, fmt.Errorf("%w: no wallet is linked to this user yet", budget.ErrCitizenNotFound))
		return
	}
	u, err := s.budget.PrepareMove(c.Request.Context(), budget.Move{RoundID: id, CitizenID: p.CitizenID, Initiative: req.Initiative, Amount: req.AmountKopecks}, withdraw)
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
