package parquet

import (
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/parquet-go/parquet-go/encoding"
)

// computeUnencodedByteArraySize calculates the unencoded size of byte array data
// in a page, excluding 4-byte length prefixes.
func computeUnencodedByteArraySize(page Page) int64 {
	values := page.Data()
	if values.Kind() != encoding.ByteArray {
		return 0
	}
	return values.Size()
}

// accumulateLevelHistogram adds level counts from levels to histogram.
func accumulateLevelHistogram(histogram []int64, levels []byte) {
	for _, level := range levels {
		histogram[level]++
	}
}

// appendPageLevelHistogram creates a per-page histogram and appends it to histograms.
// Returns the updated histogram slice with (maxLevel + 1) new elements appended.
func appendPageLevelHistogram(histograms []int64, levels []byte, maxLevel byte) []int64 {
	histSize := int(maxLevel) + 1
	startIndex := len(histograms)
	histograms = slices.Grow(histograms, histSize)[:startIndex+histSize]
	clear(histograms[startIndex : startIndex+histSize])

	for _, level := range levels {
		histograms[startIndex+int(level)]++
	}

	return histograms
}

// accumulateAndAppendPageLevelHistogram combines accumulateLevelHistogram and
// appendPageLevelHistogram into a single pass through the levels array.
// It updates both the column-level histogram and creates a per-page histogram.
func accumulateAndAppendPageLevelHistogram(
	columnHistogram []int64,
	pageHistograms []int64,
	levels []byte,
	maxLevel byte,
) []int64 {
	histSize := int(maxLevel) + 1
	startIndex := len(pageHistograms)
	pageHistograms = slices.Grow(pageHistograms, histSize)[:startIndex+histSize]
	clear(pageHistograms[startIndex : startIndex+histSize])

	// The levels of a column optional at one level are 0 (null) and 1:
	// the ones are counted 8 at a time, as the bits of a word.
	if maxLevel == 1 && len(columnHistogram) == 2 {
		if ones, ok := countLevelOnes(levels); ok {
			zeros := len(levels) - ones
			columnHistogram[0] += int64(zeros)
			columnHistogram[1] += int64(ones)
			pageHistograms[startIndex] = int64(zeros)
			pageHistograms[startIndex+1] = int64(ones)
			return pageHistograms
		}
	}

	for _, level := range levels {
		columnHistogram[level]++
		pageHistograms[startIndex+int(level)]++
	}

	return pageHistograms
}

// countLevelOnes is the number of levels that are 1, when every level is 0
// or 1 (ok).
func countLevelOnes(levels []byte) (ones int, ok bool) {
	var seen uint64 // the bits of every level, or-ed
	i := 0
	for ; i+8 <= len(levels); i += 8 {
		w := binary.LittleEndian.Uint64(levels[i:])
		seen |= w
		ones += bits.OnesCount64(w)
	}
	for _, level := range levels[i:] {
		seen |= uint64(level)
		ones += int(level)
	}
	return ones, seen&^0x0101010101010101 == 0
}
