package iceberg

import "context"

// PublishEach is Publish committing one table at a time, as it does with
// a REST catalog that has no multi-table commit.
func PublishEach(ctx context.Context, opt Options, runID string, files map[string][]File) (Result, error) {
	c, err := open(ctx, opt)
	if err != nil {
		return Result{}, err
	}
	defer c.close()
	return c.publishEach(ctx, opt, runID, files)
}
