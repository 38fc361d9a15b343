package outbox

import "github.com/prometheus/client_golang/prometheus"

var (
	opsSigned   = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pbnode", Subsystem: "outbox", Name: "signed_total", Help: "Operations signed and stored for broadcast."})
	opsMined    = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pbnode", Subsystem: "outbox", Name: "mined_total", Help: "Operations whose transaction was mined."})
	opsFailed   = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pbnode", Subsystem: "outbox", Name: "failed_total", Help: "Operations that failed and were compensated."})
	opsReplayed = prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pbnode", Subsystem: "outbox", Name: "replayed_total", Help: "Mined operations sent again because the chain lost their block."})
)

// Collectors are the worker's metrics, for the node's registry.
func Collectors() []prometheus.Collector {
	return []prometheus.Collector{opsSigned, opsMined, opsFailed, opsReplayed}
}
