package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Helpers that run the real pbnode binary as a separate process, as a user would.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// pbnodeBinary builds ./cmd/pbnode once per test run.
func pbnodeBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "pbnode-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "pbnode")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// proc is a running pbnode process.
type proc struct {
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan struct{}
	err  error
	URL  string // the API base URL
	RPC  string // the chain's JSON-RPC URL
}

// startPbnode starts `pbnode args...` with env and waits until /readyz answers 200.
func startPbnode(t *testing.T, dataDir string, env []string, args ...string) *proc {
	t.Helper()
	_ = os.Remove(filepath.Join(dataDir, endpointsFile))
	p := &proc{log: &syncBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(pbnodeBinary(t), args...)
	p.cmd.Env = append(os.Environ(), env...)
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start pbnode: %v", err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("pbnode output:\n%s", p.log.String())
		}
	})
	p.waitReady(t, dataDir)
	return p
}

func (p *proc) waitReady(t *testing.T, dataDir string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case <-p.done:
			t.Fatalf("pbnode exited early (%v):\n%s", p.err, p.log.String())
		case <-time.After(200 * time.Millisecond):
		}
		var ep struct{ HTTP, RPC string }
		data, err := os.ReadFile(filepath.Join(dataDir, endpointsFile))
		if err != nil || json.Unmarshal(data, &ep) != nil {
			continue
		}
		resp, err := http.Get(ep.HTTP + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				p.URL, p.RPC = ep.HTTP, ep.RPC
				return
			}
		}
	}
	t.Fatalf("pbnode not ready within 3 minutes:\n%s", p.log.String())
}

// stop sends sig and waits for the process to exit.
func (p *proc) stop(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal pbnode: %v", err)
	}
	select {
	case <-p.done:
		return p.err
	case <-time.After(time.Minute):
		t.Fatalf("pbnode did not exit within a minute after %v", sig)
		return nil
	}
}

// getJSON fetches url into out.
func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d: %s", url, resp.StatusCode, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("GET %s: decode %s: %v", url, data, err)
	}
}

// post sends a JSON body with a bearer token ("" sends none); it returns the status and body.
func post(url, token, body string) (int, []byte, error) {
	req, err := http.NewRequest("POST", url, strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// syncBuffer is a bytes.Buffer safe for a process's stdout and stderr at once.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
