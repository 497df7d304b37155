//go:build aix || dragonfly || linux || openbsd || solaris

package extract

import (
	"syscall"
	"time"
)

func modTime(st *syscall.Stat_t) time.Time { return time.Unix(st.Mtim.Unix()) }
