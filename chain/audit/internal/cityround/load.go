package cityround

import (
	"os"
	"strings"
)

// LoadAverage is the 1, 5 and 15 minute load averages of /proc/loadavg
// ("" where there is none): the machine is shared, so every figure carries
// the load it was taken under.
func LoadAverage() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
