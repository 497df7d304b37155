package iceberg_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/internal/fault"
	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/schemas"
)

// catalogs are the two kinds of catalog: SQL (the tables in one SQLite
// transaction) and REST (one multi-table commit).
var catalogs = []struct {
	name string
	opt  func(*testing.T) iceberg.Options
}{{"sql", sqlOpt}, {"rest", restOpt}}

var errInjected = errors.New("injected commit failure")

// failAt makes the commit of table name fail.
func failAt(opt iceberg.Options, name string) (restore func()) {
	ident := opt.Namespace + "." + name
	if opt.Namespace == "" {
		ident = "nianbao." + name
	}
	return fault.Set(func(op fault.Op, p string) error {
		if op == fault.Commit && p == ident {
			return errInjected
		}
		return nil
	})
}

// TestFailureBetweenCommits: the commit of the third table fails. The
// SQL catalog (one SQLite transaction) and the REST catalog (its
// multi-table commit) leave every table at the previous run; committed
// one table at a time (a REST server without multi-table commits), the
// first two tables are at the new run and the others at the previous one.
// Either way the next run over the same files brings every table to the
// new run's id, committing only the tables left behind.
func TestFailureBetweenCommits(t *testing.T) {
	type mode struct {
		name      string
		opt       func(*testing.T) iceberg.Options
		publish   func(context.Context, iceberg.Options, string, map[string][]iceberg.File) (iceberg.Result, error)
		afterFail []string
	}
	for _, c := range []mode{
		{"sql", sqlOpt, iceberg.Publish, []string{"r1", "r1", "r1", "r1", "r1"}},
		{"rest", restOpt, iceberg.Publish, []string{"r1", "r1", "r1", "r1", "r1"}},
		{"sql-one-by-one", sqlOpt, iceberg.PublishEach, []string{"r2", "r2", "r1", "r1", "r1"}},
		{"rest-one-by-one", restOpt, iceberg.PublishEach, []string{"r2", "r2", "r1", "r1", "r1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := c.opt(t)
			a := parsed("aa", ptr(int32(2020)))
			publish(t, opt, "r1", files(t, "r1", a))
			fs := files(t, "r2", a, parsed("bb", ptr(int32(2021))))
			restore := failAt(opt, schemas.TableApplications)
			_, err := c.publish(context.Background(), opt, "r2", fs)
			restore()
			if !errors.Is(err, errInjected) {
				t.Fatalf("publish: %v, want the injected failure", err)
			}
			if got := currents(t, opt); !slices.Equal(got, c.afterFail) {
				t.Fatalf("after the failure the tables are at runs %v, want %v", got, c.afterFail)
			}
			res, err := c.publish(context.Background(), opt, "r2", fs)
			if err != nil {
				t.Fatal(err)
			}
			if got := currents(t, opt); !slices.Equal(got, []string{"r2", "r2", "r2", "r2", "r2"}) {
				t.Errorf("after the next run the tables are at runs %v, want r2 each", got)
			}
			var behind []string
			for i, name := range schemas.TableNames {
				if c.afterFail[i] == "r1" {
					behind = append(behind, name)
				}
			}
			if !slices.Equal(res.Committed, behind) {
				t.Errorf("the next run committed %v, want %v", res.Committed, behind)
			}
			for _, name := range schemas.TableNames {
				if all, _ := runIDs(t, opt, name); !slices.Equal(all, []string{"r1", "r2"}) {
					t.Errorf("%s: snapshots of runs %v, want r1, r2", name, all)
				}
			}
		})
	}
}

// otherWriter commits, from inside the commit hook, another writer's run
// to every table just before this writer commits appeals: a race lost on
// purpose. It commits times times at most, alternating two sets of files
// so that each of its runs changes the tables.
func otherWriter(t *testing.T, opt iceberg.Options, times int) (restore func(), runs *[]string) {
	t.Helper()
	sets := []map[string][]iceberg.File{
		files(t, "rb", parsed("zz", ptr(int32(2019)))),
		files(t, "rb", parsed("zz", ptr(int32(2018)))),
	}
	var inside atomic.Bool
	var done []string
	ident := opt.Namespace + "." + schemas.TableAppeals
	if opt.Namespace == "" {
		ident = "nianbao." + schemas.TableAppeals
	}
	restore = fault.Set(func(op fault.Op, p string) error {
		if op != fault.Commit || p != ident || len(done) == times || !inside.CompareAndSwap(false, true) {
			return nil
		}
		defer inside.Store(false)
		id := fmt.Sprintf("rb%d", len(done)+1)
		if _, err := iceberg.Publish(context.Background(), opt, id, sets[len(done)%2]); err != nil {
			return fmt.Errorf("the other writer: %w", err)
		}
		done = append(done, id)
		return nil
	})
	return restore, &done
}

// TestConflictRetried: another writer commits between this writer's read
// of the tables and its commit. The commit fails on the changed table, is
// redone from the tables as the other writer left them, and succeeds:
// both runs are in every table's history, this one current.
func TestConflictRetried(t *testing.T) {
	for _, c := range catalogs {
		t.Run(c.name, func(t *testing.T) {
			opt := c.opt(t)
			publish(t, opt, "r1", files(t, "r1", parsed("aa", ptr(int32(2020)))))
			restore, others := otherWriter(t, opt, 1)
			res, err := iceberg.Publish(context.Background(), opt, "ra", files(t, "ra", parsed("aa", ptr(int32(2020))), parsed("bb", ptr(int32(2021)))))
			restore()
			if err != nil {
				t.Fatal(err)
			}
			if len(*others) != 1 {
				t.Fatalf("the other writer committed %d times, want 1: no race was lost", len(*others))
			}
			if !slices.Contains(res.Committed, schemas.TableAppeals) {
				t.Errorf("appeals not committed: %+v", res)
			}
			all, cur := runIDs(t, opt, schemas.TableAppeals)
			if !slices.Equal(all, []string{"r1", "rb1", "ra"}) || cur != "ra" {
				t.Errorf("appeals: snapshots of runs %v (current %s), want r1, rb1, ra", all, cur)
			}
		})
	}
}

// TestConflictRefused: another writer wins every race. After three
// attempts the run is refused with the conflict, and every commit of the
// other writer is still in the table's history: none is lost.
func TestConflictRefused(t *testing.T) {
	for _, c := range catalogs {
		t.Run(c.name, func(t *testing.T) {
			opt := c.opt(t)
			publish(t, opt, "r1", files(t, "r1", parsed("aa", ptr(int32(2020)))))
			restore, others := otherWriter(t, opt, 10)
			_, err := iceberg.Publish(context.Background(), opt, "ra", files(t, "ra", parsed("aa", ptr(int32(2020))), parsed("bb", ptr(int32(2021)))))
			restore()
			if err == nil || !strings.Contains(err.Error(), "has changed") {
				t.Fatalf("publish: %v, want a refusal naming the conflict", err)
			}
			if !strings.Contains(err.Error(), schemas.TableAppeals) {
				t.Errorf("the error does not name the table: %v", err)
			}
			if len(*others) != 3 {
				t.Errorf("the other writer committed %d times, want 3 (one per attempt)", len(*others))
			}
			all, cur := runIDs(t, opt, schemas.TableAppeals)
			if !slices.Equal(all, []string{"r1", "rb1", "rb2", "rb3"}) || cur != "rb3" {
				t.Errorf("appeals: snapshots of runs %v (current %s), want r1, rb1, rb2, rb3", all, cur)
			}
		})
	}
}
