package audit_test

import (
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
)

func ExampleReportV2_WriteText() {
	r := &audit.ReportV2{
		Round:    common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		Token:    common.HexToAddress("0xa16E02E87b7454126E5E10d957A927A7F5B5d2be"),
		Name:     "Park 2027",
		Treasury: common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
		Deadline: 1830297600, Rule: audit.RuleGreedy, ChainID: big.NewInt(1337), Block: 42,
		Budget: big.NewInt(1000), TotalSupply: big.NewInt(1000), Minted: big.NewInt(1000),
		Distributed: big.NewInt(400), DistributedView: big.NewInt(400), Claims: 2,
		RoundBalance: big.NewInt(600), TreasuryBalance: big.NewInt(0), Allocated: big.NewInt(400),
		FundedCost: big.NewInt(300), Allocations: 3, Withdrawals: 1, Materialized: 1, Batches: 1,
		RelayTxs: 2, RelayedRecords: 4, RelayedByKind: [3]int{2, 1, 1}, ProofsVerified: 2,
		Initiatives: []audit.Initiative{
			{ID: 1, Cost: big.NewInt(300), Received: big.NewInt(250), ReceivedView: big.NewInt(250), Balance: big.NewInt(250), Funded: true},
			{ID: 2, Cost: big.NewInt(900), Received: big.NewInt(150), ReceivedView: big.NewInt(150), Balance: big.NewInt(150)},
		},
		Funded: []uint64{1},
		Checks: []audit.Check{
			{Name: audit.CheckSupply},
			{Name: audit.CheckSignatures, Findings: []string{"relay tx 0x01 record 0: nonce 3 of 0x02, want 2"}},
		},
	}
	_ = r.WriteText(os.Stdout)
	// Output:
	// Round 0x5FbDB2315678afecb367f032d93F642f64180aa3 "Park 2027" (token 0xa16E02E87b7454126E5E10d957A927A7F5B5d2be, chain 1337) at block 42
	// Deadline 2028-01-01T00:00:00Z, open; rule Greedy; treasury 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
	//
	// Amounts in kopecks      events  views
	// budget                          1000
	// supply                  1000    1000
	// distributed (2 claims)  400     400
	// round balance                   600
	// treasury balance                0
	// allocated               400
	//
	// Events: 2 claims, 3 allocations, 1 withdrawals, 1 materialized, 1 claims batches
	// Signatures: 4 relayed records in 2 relay transactions (2 claim+allocate, 1 allocate, 1 withdraw); 0 direct transactions
	// Eligibility: 2 of 2 claims proven against the eligibility root in force
	//
	// Initiatives:
	//   id  cost  received  view  piggy bank  funded
	//    1   300       250   250         250     yes
	//    2   900       150   150         150      no
	//
	// Funded set if finalized now: [1] (cost 300)
	//
	// Checks:
	//   OK    supply
	//   FAIL  signatures
	//         - relay tx 0x01 record 0: nonce 3 of 0x02, want 2
	//
	// RESULT: FAILED, 1 of 2 checks disagree: signatures
}
