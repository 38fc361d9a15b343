package chain

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// TestDialLoopbackUncompressed: a node on this machine is asked for plain answers (no gzip to
// compress and inflate again); a URL of another machine keeps Go's gzip.
func TestDialLoopbackUncompressed(t *testing.T) {
	var gzipAsked atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gzipAsked.Store(r.Header.Get("Accept-Encoding") != "")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"jsonrpc":"2.0","id":1,"result":"0x539"}`))
	}))
	t.Cleanup(srv.Close)
	c, err := Dial(t.Context(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if gzipAsked.Load() {
		t.Fatal("a loopback node was asked for gzip")
	}
	for url, want := range map[string]bool{
		"http://127.0.0.1:8545": true, "http://localhost:8545/": true, "https://[::1]:8545": true,
		"http://10.0.0.5:8545": false, "https://rpc.example.org": false, "ws://127.0.0.1:8546": false, "::": false,
	} {
		if got := loopbackHTTP(url); got != want {
			t.Errorf("loopbackHTTP(%q) = %v, want %v", url, got, want)
		}
	}
}
