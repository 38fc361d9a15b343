package devchain_test

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/pbnode/pbnode/chain/devchain"
)

// crashDirEnv makes the test binary act as the crash child: start a dev chain
// in that directory, mine a few blocks, print the head and keep sending
// transactions until it is killed.
const crashDirEnv = "PBNODE_DEVCHAIN_CRASH_DIR"

// crashChild runs in the child process. It never returns normally: the
// parent SIGKILLs it.
func crashChild(t *testing.T, dir string) {
	ctx := t.Context()
	n, err := devchain.Start(ctx, testConfig(t, dir), testLogger(t))
	if err != nil {
		fmt.Printf("error start: %v\n", err)
		os.Exit(2)
	}
	c := dial(t, n.RPCURL())
	var head uint64
	var hash common.Hash
	for range 5 {
		r, err := sendTx(ctx, c, n.DevKey(), &common.Address{1}, nil)
		if err != nil {
			fmt.Printf("error send: %v\n", err)
			os.Exit(2)
		}
		head, hash = r.BlockNumber.Uint64(), r.BlockHash
	}
	fmt.Printf("head %d %s\n", head, hash.Hex())
	// Keep the node busy so the kill lands while blocks are being written.
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		r, err := sendTx(ctx, c, n.DevKey(), &common.Address{1}, nil)
		if err != nil {
			fmt.Printf("error send: %v\n", err)
			os.Exit(2)
		}
		fmt.Printf("mined %d\n", r.BlockNumber)
	}
	os.Exit(3) // never killed: the parent fails on the exit status
}

// TestCrashRecovery: a dev chain killed with SIGKILL starts again on the
// same data dir and keeps the blocks mined before the kill. Blocks sealed in
// the last instant may be lost (the outbox replays them); the test logs how
// many were.
func TestCrashRecovery(t *testing.T) {
	if dir := os.Getenv(crashDirEnv); dir != "" {
		crashChild(t, dir)
		return
	}
	ctx := t.Context()
	dir := t.TempDir()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestCrashRecovery$")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	cmd.Stderr = t.Output()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start child: %v", err)
	}
	var before uint64
	var beforeHash string
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		line := lines.Text()
		if _, err := fmt.Sscanf(line, "head %d %s", &before, &beforeHash); err == nil {
			break
		}
		if strings.HasPrefix(line, "error ") {
			t.Fatalf("child: %s", line)
		}
	}
	if beforeHash == "" {
		cmd.Process.Kill()
		t.Fatalf("child exited without reporting its head: %v", cmd.Wait())
	}
	// Read what the child mines until it dies; the pipe ends at the kill.
	lastMined := make(chan uint64, 1)
	go func() {
		last := before
		for lines.Scan() {
			var n uint64
			if _, err := fmt.Sscanf(lines.Text(), "mined %d", &n); err == nil {
				last = n
			}
		}
		lastMined <- last
	}()
	time.Sleep(300 * time.Millisecond) // let it mine some more
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill child: %v", err)
	}
	mined := <-lastMined
	err = cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.Exited() {
		t.Fatalf("child ended with %v, want killed by a signal", err)
	}

	n := startNode(t, testConfig(t, dir))
	c := dial(t, n.RPCURL())
	after, err := c.BlockNumber(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("SIGKILL: child had mined up to block %d; resumed at head %d: %d blocks lost", mined, after, mined-min(mined, after))
	// The head syncer flushes each block as it lands, so blocks mined
	// well before the kill must survive it.
	if after < before {
		t.Fatalf("resumed at head %d, below block %d mined 300ms before the kill", after, before)
	}
	block, err := c.BlockByNumber(ctx, new(big.Int).SetUint64(before))
	if err != nil || block.Hash().Hex() != beforeHash {
		t.Fatalf("block %d after crash = %v, %v; want %s", before, block.Hash(), err, beforeHash)
	}
	// A transaction pending at the kill may come back from the pool's
	// journal and be mined first: only ask for a success after the head.
	r, err := sendTx(ctx, c, n.DevKey(), &common.Address{1}, nil)
	if err != nil || r.Status != types.ReceiptStatusSuccessful || r.BlockNumber.Uint64() <= after {
		t.Fatalf("send after crash: %v, %v; want a success after block %d", r, err, after)
	}
}
