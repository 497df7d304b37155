package load

// oldLevelHistogram adds the count of each level of levels to column and
// returns a page's histogram of them, of maxLevel+1 counts, as
// parquet-go's writer counted them before it counted the ones of an
// optional column a word at a time: a level at a time.
func oldLevelHistogram(column []int64, levels []byte, maxLevel int) []int64 {
	page := make([]int64, maxLevel+1)
	for _, level := range levels {
		column[level]++
		page[level]++
	}
	return page
}
