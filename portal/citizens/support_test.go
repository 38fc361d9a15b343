package citizens_test

import (
	"context"
	"sync"

	"github.com/pbnode/pbnode/portal/registry"
)

// countingRegistry counts the person checks made for each birth date and name.
type countingRegistry struct {
	registry.Registry
	mu    sync.Mutex // guards calls
	calls map[string]int
}

func (c *countingRegistry) CheckPerson(ctx context.Context, p registry.Person) (registry.Result, error) {
	c.mu.Lock()
	c.calls[p.FullName+"|"+p.BirthDate.String()]++
	c.mu.Unlock()
	return c.Registry.CheckPerson(ctx, p)
}

func (c *countingRegistry) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.calls))
	for k, v := range c.calls {
		out[k] = v
	}
	return out
}
