package audit_test

import (
	"math/big"
	"os"

	"github.com/ethereum/go-ethereum/common"

	"github.com/pbnode/pbnode/chain/audit"
)

func ExampleReport_WriteText() {
	r := &audit.Report{
		Round:    common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		Token:    common.HexToAddress("0xa16E02E87b7454126E5E10d957A927A7F5B5d2be"),
		Name:     "Park 2026",
		Treasury: common.HexToAddress("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
		Deadline: 1798761600, Block: 42,
		Budget: big.NewInt(1000), TotalSupply: big.NewInt(1000), Minted: big.NewInt(1000),
		Distributed: big.NewInt(600), DistributedView: big.NewInt(600), Citizens: 3,
		Allocated: big.NewInt(400), Undistributed: big.NewInt(400), Reclaimed: big.NewInt(0),
		FundedCost: big.NewInt(400),
		Initiatives: []audit.Initiative{
			{ID: 1, Cost: big.NewInt(400), Received: big.NewInt(250), ReceivedView: big.NewInt(250), Balance: big.NewInt(250), Funded: true},
			{ID: 2, Cost: big.NewInt(700), Received: big.NewInt(150), ReceivedView: big.NewInt(149), Balance: big.NewInt(150)},
		},
		Funded:   []uint64{1},
		Findings: []string{"initiative 2: Allocated − Withdrawn events give 150, initiative() says 149"},
	}
	_ = r.WriteText(os.Stdout)
	// Output:
	// Round 0x5FbDB2315678afecb367f032d93F642f64180aa3 "Park 2026" (token 0xa16E02E87b7454126E5E10d957A927A7F5B5d2be) at block 42
	// Deadline 2027-01-01T00:00:00Z, open; treasury 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266
	//
	// Amounts in kopecks        events  views
	// budget                            1000
	// supply                    1000    1000
	// distributed (3 citizens)  600     600
	// undistributed                     400
	// allocated                 400
	// reclaimed                 0
	//
	// Initiatives:
	//   id  cost  received  view  piggy bank  funded
	//    1   400       250   250         250     yes
	//    2   700       150   149         150      no
	//
	// Funded set if finalized now: [1] (cost 400)
	// FINDING: initiative 2: Allocated − Withdrawn events give 150, initiative() says 149
}
