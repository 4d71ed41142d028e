package load

import (
	"bufio"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/warehoused/warehoused/sqlerr"
)

// open opens the file with its decompressor. A plain file is returned
// unbuffered: split reads it in chunk-sized reads already.
func open(o Options) (io.Reader, func(), error) {
	var f io.ReadCloser
	if o.Reader != nil {
		f = io.NopCloser(o.Reader)
	} else {
		file, err := os.Open(o.File)
		if err != nil {
			code := sqlerr.InternalError
			if errors.Is(err, os.ErrNotExist) {
				code = sqlerr.Code("58P01")
			}
			return nil, nil, sqlerr.Wrapf(err, code, "could not open file \"%s\" for reading", o.File)
		}
		f = file
	}
	comp := o.Compression
	if comp == "" || comp == "auto" {
		switch {
		case strings.HasSuffix(o.File, ".gz"):
			comp = "gzip"
		case strings.HasSuffix(o.File, ".zst"), strings.HasSuffix(o.File, ".zstd"):
			comp = "zstd"
		default:
			comp = ""
		}
	}
	switch comp {
	case "gzip":
		zr, err := gzip.NewReader(bufio.NewReaderSize(f, 1<<20))
		if err != nil {
			f.Close()
			return nil, nil, sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "file \"%s\" is not valid gzip", o.File)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	case "zstd":
		zr, err := zstd.NewReader(bufio.NewReaderSize(f, 1<<20), zstd.WithDecoderConcurrency(1))
		if err != nil {
			f.Close()
			return nil, nil, sqlerr.Wrapf(err, sqlerr.BadCopyFileFormat, "file \"%s\" is not valid zstd", o.File)
		}
		return zr, func() { zr.Close(); f.Close() }, nil
	case "":
		return f, func() { f.Close() }, nil
	}
	f.Close()
	return nil, nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "compression %s is not supported", strings.ToUpper(comp))
}
