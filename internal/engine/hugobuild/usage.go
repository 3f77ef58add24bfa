package hugobuild

import (
	"bytes"
	"context"
	"syscall"
	"time"
)

// Usage is what one build cost: wall time, CPU time (user + system) and the
// peak resident memory of the hugo process.
type Usage struct {
	Wall    time.Duration
	CPU     time.Duration
	PeakRSS int64 // bytes
}

// Measure builds like Build and reports the build's cost, read from the
// kernel's accounting of the hugo process rather than from this process,
// so the test binary's own work is not counted.
func Measure(ctx context.Context, siteDir, outDir string, extra ...string) (Usage, error) {
	cmd, err := command(ctx, siteDir, outDir, extra...)
	if err != nil {
		return Usage{}, err
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Usage{}, &BuildError{Site: siteDir, Err: err, Output: out.String()}
	}
	u := Usage{Wall: wall, CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.PeakRSS = ru.Maxrss * 1024 // Linux reports kilobytes
	}
	return u, nil
}
