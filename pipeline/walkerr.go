package pipeline

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/schemas"
)

// An entry of the input folder that exists but could not be read (a folder
// without permission, an I/O error) hides the files under it from the
// walk. Dropping their rows would publish a dataset silently smaller than
// the inputs, with exit 0. Instead the run keeps, for every file the last
// published run read under that entry, its rows from that run (the cached
// parse), each with a ROWS_KEPT finding; and the entry itself gets a
// reports row with status error and a quality row naming it and the errno
// (DIR_UNREADABLE, or FILE_UNREADABLE for an entry that could not even be
// stat'ed). With --full there is nothing to keep from (the state store is
// ignored), so a walk error fails the run.

// walkIssue is an entry the walk could not read.
type walkIssue struct {
	rel string
	err error
}

// walkIssues are a run's walk errors, in the order the walk met them.
type walkIssues []walkIssue

// covering returns the issue whose entry is rel or an ancestor of it.
func (ws walkIssues) covering(rel string) (walkIssue, bool) {
	for _, w := range ws {
		if rel == w.rel || strings.HasPrefix(rel, w.rel+"/") {
			return w, true
		}
	}
	return walkIssue{}, false
}

// rule is the finding rule of the issue's own reports row.
func (w walkIssue) rule() string {
	if errors.Is(w.err, extract.ErrUnreadableDir) {
		return "DIR_UNREADABLE"
	}
	return extract.RuleFileUnreadable.Code
}

// walkJobs returns a job for each walk issue (its reports row) and one for
// each file the last run indexed under an issue that this walk did not
// find (its rows are kept), sorted by path.
func walkJobs(cfg Config, st *state, issues walkIssues, found map[string]bool) []job {
	var jobs []job
	for i := range issues {
		w := &issues[i]
		jobs = append(jobs, job{src: extract.Source{Path: filepath.Join(cfg.Input, filepath.FromSlash(string(schemas.UnescapeUTF8(w.rel)))),
			Rel: w.rel, Format: extract.FormatOf(w.rel)}, id: unreadableID("walk:" + w.rel), more: &jobMore{issue: w}})
	}
	for _, rel := range sortedKeys(st.prev) {
		if found[rel] {
			continue
		}
		w, ok := issues.covering(rel)
		if !ok {
			continue
		}
		e := st.prev[rel]
		jobs = append(jobs, job{src: extract.Source{Path: filepath.Join(cfg.Input, filepath.FromSlash(string(schemas.UnescapeUTF8(rel)))),
			Rel: rel, Size: e.Size, Format: extract.FormatOf(rel)}, id: e.ReportID, mtime: e.ModNanos, more: &jobMore{meta: e.Meta, keptUnder: w.rel}})
	}
	return jobs
}

// issueRow is the reports row of a walk issue: status error, one finding.
func issueRow(j job) *schemas.Parsed {
	what := "folder"
	if j.issue().rule() != "DIR_UNREADABLE" {
		what = "entry"
	}
	return failed(schemas.Document{ReportID: j.id, SourcePath: j.src.Rel, SourceFormat: j.src.Format},
		fmt.Sprintf("the %s %s could not be read: %v; the files under it are not known to this run, and those the last run read keep their rows from it (ROWS_KEPT)",
			what, j.src.Rel, j.issue().err), j.issue().rule())
}

// keptRow is the row of a file under a walk issue: the last run's parse,
// with a ROWS_KEPT finding, or an error row when the cache lost it.
func keptRow(j job, st *state) (*schemas.Parsed, bool) {
	e := j.entry()
	k := keyOf(e.key(j.src.Rel))
	st.seeAt(j.src.Rel, e, k)
	p := st.loadAt(k, j.id)
	if p == nil {
		return failed(schemas.Document{ReportID: j.id, SourcePath: j.src.Rel, SourceFormat: j.src.Format, SourceBytes: j.src.Size},
			fmt.Sprintf("%s is under %s, which could not be read in this run, and its parse is no longer in the state store; it has no rows until the folder can be read",
				j.src.Rel, j.keptUnder()), "ROWS_KEPT"), false
	}
	p.Report.SourcePath = j.src.Rel
	p.Findings = append(p.Findings, schemas.Finding{Rule: ruleRowsKept.Code, Severity: schemas.SeverityWarning,
		Kind: ruleRowsKept.Kind, Cell: "report",
		Message: fmt.Sprintf("%s is under %s, which could not be read in this run; its rows are those of the last run that read it", j.src.Rel, j.keptUnder())})
	p.Report.IssueCount = int32(len(p.Findings))
	p.Report.Status = schemas.StatusOf(p.Findings)
	p.SetKey()
	return p, true
}

// sortJobs puts jobs in the order of the dataset: report_id, then path.
func sortJobs(jobs []job) {
	sort.Slice(jobs, func(a, b int) bool {
		if jobs[a].id != jobs[b].id {
			return jobs[a].id < jobs[b].id
		}
		return jobs[a].src.Rel < jobs[b].src.Rel
	})
}

// thisBuildUnless is the build a run records for the next one to compare
// with: none after a run with walk errors, whose dataset holds kept rows
// and folder rows, so the next run rewrites it even if nothing changed.
func thisBuildUnless(build string, walkErrors bool) string {
	if walkErrors {
		return ""
	}
	return build
}
