//go:build !unix

package pipeline

func peakRSS() int64 { return 0 }
