package transform

// fitsTableOld is fitsTable as it was before it told most equations
// apart from the row's cells by a hash of their codes.
func fitsTableOld(table *cellTable, cons []lin, cells []string, rd []placed, skip map[string]bool) (ok bool, checked int) {
	for _, c := range cons {
		touches := false
		for _, cell := range c.cells {
			if indexOf(cells, cell) >= 0 {
				touches = true
				break
			}
		}
		if !touches {
			continue
		}
		var sum int64
		checkable := true
		open, pos, neg := false, false, false // cells of rows still open, by the sign of their coefficient
		for i, cell := range c.cells {
			var v *int64
			if k := indexOf(cells, cell); k >= 0 {
				v = rd[k].v
			} else {
				cv := table.get(cell)
				if skip[cell] {
					open = true
					pos, neg = pos || c.coef[i] > 0, neg || c.coef[i] < 0
					continue
				}
				if cv == nil || cv.unknown {
					checkable = false
					break
				}
				v = cv.v
			}
			if v != nil {
				sum += c.coef[i] * *v
			}
		}
		switch {
		case !checkable:
			continue
		case open:
			// The open rows' cells are counts, never negative: the
			// equation still bounds the others when they all stand on
			// one side of it.
			if (pos && !neg && sum > 0) || (neg && !pos && sum < 0) {
				return false, checked
			}
			continue
		}
		checked++
		if sum != 0 {
			return false, checked
		}
	}
	return true, checked
}
