package api

import (
	"bufio"
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/gin-gonic/gin"

	"github.com/pbnode/pbnode/portal/budget"
)

// eligibilityList serves a v2 round's eligibility list, open data like the round's other
// figures: {"round_id", "round_address", "published_leaves", "leaf_count", "roots",
// "leaves":[{"index":0,"address":"0x…","quota_kopecks":"…"}, …]}, leaves in index order,
// addresses in lowercase hex. The leaves are written one by one as they are converted (a city
// round has millions), never as one slice of response structs or one body in memory.
func (s *server) eligibilityList(c *gin.Context) {
	id, ok := s.roundID(c)
	if !ok {
		return
	}
	list, err := s.budget.EligibilityList(c.Request.Context(), id)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Status(http.StatusOK)
	w := bufio.NewWriterSize(c.Writer, 64<<10)
	if err := writeEligibility(w, list); err != nil {
		// Mid-stream there is no error body to send: the answer ends short of its closing
		// brackets, which a client's JSON decoder refuses.
		s.log.Error("eligibility list cut short", "round", id, "err", err)
		return
	}
	_ = w.Flush()
}

// writeEligibility writes list as JSON; it stops at the first read or write error.
func writeEligibility(w *bufio.Writer, list budget.EligibilityList) error {
	b := make([]byte, 0, 128)
	b = append(b, `{"round_id":`...)
	b = strconv.AppendInt(b, list.RoundID, 10)
	b = append(b, `,"round_address":"`...)
	b = appendAddress(b, list.Round)
	b = append(b, `","published_leaves":`...)
	b = strconv.AppendInt(b, list.Published, 10)
	b = append(b, `,"leaf_count":`...)
	b = strconv.AppendInt(b, int64(list.Len), 10)
	b = append(b, `,"roots":[`...)
	for i, r := range list.Roots {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"leaf_count":`...)
		b = strconv.AppendInt(b, r.LeafCount, 10)
		b = append(b, `,"root":"`+r.Root.Hex()+`","tx_hash":"`+r.TxHash.Hex()+`"}`...)
	}
	b = append(b, `],"leaves":[`...)
	if _, err := w.Write(b); err != nil {
		return err
	}
	first := true
	for l, err := range list.Leaves {
		if err != nil {
			return err
		}
		b = b[:0]
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, "\n"+`{"index":`...)
		b = strconv.AppendInt(b, l.Index, 10)
		b = append(b, `,"address":"`...)
		b = appendAddress(b, l.Address)
		b = append(b, `","quota_kopecks":"`...)
		b = strconv.AppendInt(b, l.Quota, 10)
		b = append(b, `"}`...)
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	_, err := w.WriteString("]}\n")
	return err
}

// appendAddress appends a as lowercase 0x hex: no checksum, which would cost a keccak a leaf.
func appendAddress(b []byte, a common.Address) []byte {
	b = append(b, "0x"...)
	return hex.AppendEncode(b, a[:])
}
