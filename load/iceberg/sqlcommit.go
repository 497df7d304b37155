package iceberg

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/apache/iceberg-go/table"
	"github.com/google/uuid"

	iceio "github.com/apache/iceberg-go/io"

	"github.com/nianbao/nianbao/internal/fault"
)

// metadataName is a metadata file's name: NNNNN-<uuid>.metadata.json
// (or the older vN.metadata.json), its version first.
var metadataName = regexp.MustCompile(`^(?:(\d+)-[\w-]{36}|v(\d+))(?:\.\w+)?\.metadata\.json$`)

// commitSQL commits several tables' staged changes to the SQL catalog at
// once, the multi-table commit the SQL catalog lacks: each table's new
// metadata file is written first, then one SQLite transaction moves every
// table's row to its new file, each only if it still names the file this
// writer read. If any table has moved (another writer), no row moves and
// the error is table.ErrCommitFailed; a failure before the transaction
// commits leaves every table as it was (the new metadata files, named by
// no row, are orphans, as after any failed Iceberg commit).
//
// These are the rows of the Iceberg JDBC catalog schema (iceberg_tables:
// catalog_name, table_namespace, table_name, metadata_location,
// previous_metadata_location) that iceberg-go, pyiceberg and Java share.
func (c *cat) commitSQL(ctx context.Context, opt Options, chs []*change) error {
	type move struct{ name, from, to string }
	var moves []move
	for _, ch := range chs {
		tc, err := ch.tx.TableCommit()
		if err != nil {
			return err
		}
		base, from := ch.tbl.Metadata(), ch.tbl.MetadataLocation()
		for _, r := range tc.Requirements {
			if err := r.Validate(base); err != nil {
				return fmt.Errorf("%w: %w", table.ErrCommitFailed, err)
			}
		}
		meta, err := table.UpdateTableMetadata(base, tc.Updates, from)
		if err != nil {
			return err
		}
		m := metadataName.FindStringSubmatch(path.Base(from))
		if m == nil {
			return fmt.Errorf("iceberg: %s: not a metadata file name", from)
		}
		v, err := strconv.Atoi(m[1] + m[2])
		if err != nil {
			return fmt.Errorf("iceberg: %s: %w", from, err)
		}
		to := fmt.Sprintf("%s/metadata/%05d-%s.metadata.json", strings.TrimSuffix(ch.tbl.Location(), "/"), v+1, uuid.New())
		if err := writeMetadata(ctx, ch.tbl, to, meta); err != nil {
			return err
		}
		moves = append(moves, move{ch.name, from, to})
	}
	for _, ch := range chs {
		if err := fault.Check(fault.Commit, strings.Join(ch.ident, ".")); err != nil {
			return err
		}
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, mv := range moves {
		res, err := tx.ExecContext(ctx, `UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = ?
			WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND metadata_location = ?`,
			mv.to, mv.from, opt.name(), opt.namespace(), mv.name, mv.from)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return fmt.Errorf("%w: table %s.%s has changed since it was read", table.ErrCommitFailed, opt.namespace(), mv.name)
		}
	}
	return tx.Commit()
}

// writeMetadata writes a table's metadata file, as JSON.
func writeMetadata(ctx context.Context, tbl *table.Table, loc string, meta table.Metadata) error {
	fs, err := tbl.FS(ctx)
	if err != nil {
		return err
	}
	wfs, ok := fs.(iceio.WriteFileIO)
	if !ok {
		return fmt.Errorf("iceberg: %s: the warehouse cannot be written", loc)
	}
	out, err := wfs.Create(loc)
	if err != nil {
		return err
	}
	if err := json.NewEncoder(out).Encode(meta); err != nil {
		out.Close()
		return fmt.Errorf("iceberg: write %s: %w", loc, err)
	}
	return out.Close()
}
