package devchain

import (
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/event"
)

// headSyncer flushes the database's write-ahead log after each new head.
// Geth's pebble store writes asynchronously, so without it a killed process
// loses the last few blocks even in archive mode; with it the loss shrinks to
// the blocks sealed in the instant before the kill.
type headSyncer struct {
	sub  event.Subscription
	done chan struct{} // closed when run returns
}

// startHeadSyncer starts the syncer goroutine; stop ends it.
func (n *Node) startHeadSyncer() *headSyncer {
	heads := make(chan core.ChainHeadEvent, 16)
	s := &headSyncer{
		sub:  n.backend.BlockChain().SubscribeChainHeadEvent(heads),
		done: make(chan struct{}),
	}
	go s.run(n, heads)
	return s
}

func (s *headSyncer) run(n *Node, heads <-chan core.ChainHeadEvent) {
	defer close(s.done)
	db := n.backend.ChainDb()
	for {
		select {
		case <-heads:
			drain(heads) // one sync covers every block queued so far
			if err := db.SyncKeyValue(); err != nil {
				n.log.Warn("dev chain: sync database", "err", err)
			}
		case <-s.sub.Err():
			return
		}
	}
}

// stop ends the goroutine and waits for it.
func (s *headSyncer) stop() {
	s.sub.Unsubscribe()
	<-s.done
}

// drain empties the channel without blocking.
func drain(heads <-chan core.ChainHeadEvent) {
	for {
		select {
		case <-heads:
		default:
			return
		}
	}
}
