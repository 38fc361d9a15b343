package citizens

import (
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/workdays"
)

// Config holds the citizens area's rules.
type Config struct {
	// DueWorkingDays is how many working days after submission a citizen must be told the
	// outcome of a verification (R-4.8: 4).
	DueWorkingDays int
	// Location is the zone working days and address periods are counted in (Moscow).
	Location *time.Location
	// Calendar tells working days from holidays; the node may load another one
	// (workdays.ParseCalendar) when the Government moves days off.
	Calendar *workdays.Calendar
	// AddressChangeMonths is how often an address may change (R-5.1: once per 3 months).
	AddressChangeMonths int
}

// moscow is Moscow time, UTC+3 all year since 2014; fixed so that no tzdata is needed.
var moscow = time.FixedZone("MSK", 3*60*60)

// DefaultConfig returns the rules pbnode runs with: 4 working days on the Russian production
// calendar in Moscow time, addresses changeable once per 3 months.
func DefaultConfig() Config {
	return Config{DueWorkingDays: 4, Location: moscow, Calendar: workdays.Russia(), AddressChangeMonths: 3}
}

// Validate reports whether the config is usable; errors wrap ErrConfig.
func (c Config) Validate() error {
	switch {
	case c.DueWorkingDays < 1 || c.DueWorkingDays > 60:
		return fmt.Errorf("%w: due working days %d is not 1 to 60", ErrConfig, c.DueWorkingDays)
	case c.Location == nil || c.Calendar == nil:
		return fmt.Errorf("%w: location and calendar are required", ErrConfig)
	case c.AddressChangeMonths < 0 || c.AddressChangeMonths > 24:
		return fmt.Errorf("%w: address change months %d is not 0 to 24", ErrConfig, c.AddressChangeMonths)
	}
	return nil
}

// JobConfig holds how the verification job works the queue.
type JobConfig struct {
	Interval     time.Duration // pause between passes when the queue is empty
	Batch        int           // requests claimed at once
	ClaimTimeout time.Duration // a claim older than this is taken to be a dead worker's and claimed again
}

// DefaultJobConfig returns the job settings pbnode runs with.
func DefaultJobConfig() JobConfig {
	return JobConfig{Interval: 10 * time.Second, Batch: 50, ClaimTimeout: 5 * time.Minute}
}

// Validate reports whether the job config is usable; errors wrap ErrConfig.
func (c JobConfig) Validate() error {
	if c.Interval <= 0 || c.Batch < 1 || c.Batch > 1000 || c.ClaimTimeout <= 0 {
		return fmt.Errorf("%w: job interval and claim timeout must be positive, batch 1 to 1000", ErrConfig)
	}
	return nil
}
