package nodetest

import (
	"context"
	"testing"
	"time"
)

// cancelCtx is a context that ends with the test or after two minutes, whichever is first.
func cancelCtx(t testing.TB) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(t.Context()), 2*time.Minute)
}
