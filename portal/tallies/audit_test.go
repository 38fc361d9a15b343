package tallies

import (
	"encoding/hex"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// TestCompareAnchors: a published tally verifies only when its file hashes to the stated
// SHA-256 and an anchor holds that SHA-256 with the recount's root and size; every anchor must
// be matched by a published tally.
func TestCompareAnchors(t *testing.T) {
	input, err := os.ReadFile("../tally/testdata/pabulib/Netherlands_Assen_2024.pb")
	if err != nil {
		t.Fatal(err)
	}
	res, sum, err := Count(input, "")
	if err != nil {
		t.Fatal(err)
	}
	sha := common.BytesToHash(sum[:])
	good := OnChain{Index: 0, Subject: sha, Root: Root(res), LeafCount: uint64(len(res.Selected)), Dataset: sha}
	pub := Published{ID: 1, SHA256: hex.EncodeToString(sum[:]), Rule: "", Input: input}
	tests := []struct {
		name    string
		anchors []OnChain
		pub     []Published
		want    []string // substrings of the findings, in order
		ok      int      // tallies verified
	}{
		{name: "agree", anchors: []OnChain{good}, pub: []Published{pub}, ok: 1},
		{name: "not anchored", pub: []Published{pub}, want: []string{"not anchored"}},
		{name: "anchored with another result", anchors: []OnChain{{Index: 0, Subject: sha, Root: common.Hash{1}, LeafCount: 9, Dataset: sha}},
			pub: []Published{pub}, want: []string{"anchored with another result", "no published tally recounts to its root"}},
		{name: "wrong leaf count", anchors: []OnChain{{Subject: sha, Root: Root(res), LeafCount: 3, Dataset: sha}},
			pub: []Published{pub}, want: []string{"has dataset"}},
		{name: "the served file is not the stated one", anchors: []OnChain{good},
			pub:  []Published{{ID: 1, SHA256: pub.SHA256, Input: append(slices.Clone(input), '\n')}},
			want: []string{"SHA-256 is", "no published tally recounts"}},
		{name: "an anchor without its file", anchors: []OnChain{good, {Index: 1, Subject: common.Hash{7}, Root: common.Hash{8}}},
			pub: []Published{pub}, want: []string{"anchor #1"}, ok: 1},
		{name: "a file that does not recount", anchors: []OnChain{good}, pub: []Published{pub, {ID: 2, Input: []byte("junk")}},
			want: []string{"tally 2: the published file does not recount"}, ok: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			verified, findings := CompareAnchors(tt.anchors, tt.pub)
			if len(findings) != len(tt.want) {
				t.Fatalf("findings %q, want %d like %q", findings, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.Contains(findings[i], w) {
					t.Errorf("finding %d = %q, want it to contain %q", i, findings[i], w)
				}
			}
			if verified != tt.ok {
				t.Errorf("verified %d, want %d", verified, tt.ok)
			}
		})
	}
}
