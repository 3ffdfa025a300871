//go:build !unix

package syntax

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }
