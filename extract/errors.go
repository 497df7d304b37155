package extract

import "errors"

// ErrNotDir is returned by Walk when the root is not a directory.
var ErrNotDir = errors.New("extract: root is not a directory")

// ErrUnreadableDir is given to WalkOptions.OnError for a directory below
// the root that could not be listed, wholly or in part.
var ErrUnreadableDir = errors.New("unreadable directory")

// ErrNotRegular is returned by Open for anything but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutside is returned by ReadSidecar for a sidecar that is a symlink
// leading out of the input folder.
var ErrOutside = errors.New("a symlink to outside the input folder")
