package warehoused

import (
	"context"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// ArrowType returns the Arrow type a column of SQL type t converts to.
func ArrowType(t types.T) arrow.DataType {
	switch t.ID {
	case types.Bool:
		return arrow.FixedWidthTypes.Boolean
	case types.Int16:
		return arrow.PrimitiveTypes.Int16
	case types.Int32:
		return arrow.PrimitiveTypes.Int32
	case types.Int64:
		return arrow.PrimitiveTypes.Int64
	case types.Float32:
		return arrow.PrimitiveTypes.Float32
	case types.Float64:
		return arrow.PrimitiveTypes.Float64
	case types.Decimal:
		return &arrow.Decimal128Type{Precision: int32(t.Precision), Scale: int32(t.Scale)}
	case types.Char, types.Varchar, types.Text:
		return arrow.BinaryTypes.String
	case types.Date:
		return arrow.FixedWidthTypes.Date32
	case types.Time:
		return arrow.FixedWidthTypes.Time64us
	case types.Timestamp:
		return &arrow.TimestampType{Unit: arrow.Microsecond}
	case types.TimestampTZ:
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	case types.Interval:
		return arrow.FixedWidthTypes.MonthDayNanoInterval
	}
	return arrow.Null
}

// ArrowSchema returns the Arrow schema of result columns.
func ArrowSchema(cols []Column) *arrow.Schema {
	fs := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fs[i] = arrow.Field{Name: c.Name, Type: ArrowType(c.Type), Nullable: true}
	}
	return arrow.NewSchema(fs, nil)
}

// QueryArrow runs a query and returns its result as Arrow record batches.
// Release the reader when done.
func (c *Conn) QueryArrow(ctx context.Context, sql string, args ...any) (array.RecordReader, error) {
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	return rows.ArrowReader()
}

// ArrowReader converts the remaining rows to Arrow record batches, one per
// batch. The reader owns the rows: releasing it closes them.
func (r *Rows) ArrowReader() (array.RecordReader, error) {
	ar := &arrowReader{rows: r, schema: ArrowSchema(r.cols), mem: memory.DefaultAllocator}
	ar.refs.Store(1)
	return ar, nil
}

type arrowReader struct {
	refs   atomic.Int64
	rows   *Rows
	schema *arrow.Schema
	mem    memory.Allocator
	cur    arrow.RecordBatch
	err    error
}

func (a *arrowReader) Retain() { a.refs.Add(1) }

func (a *arrowReader) Release() {
	if a.refs.Add(-1) == 0 {
		if a.cur != nil {
			a.cur.Release()
			a.cur = nil
		}
		a.rows.Close()
	}
}

func (a *arrowReader) Schema() *arrow.Schema { return a.schema }

func (a *arrowReader) Next() bool {
	if a.cur != nil {
		a.cur.Release()
		a.cur = nil
	}
	if a.err != nil {
		return false
	}
	b, err := a.rows.NextBatch()
	if err != nil {
		a.err = err
		return false
	}
	if b == nil {
		return false
	}
	rec, err := BatchToArrow(a.mem, a.schema, a.rows.cols, b)
	if err != nil {
		a.err = err
		return false
	}
	a.cur = rec
	return true
}

func (a *arrowReader) RecordBatch() arrow.RecordBatch { return a.cur }

// Record is the deprecated name of RecordBatch.
func (a *arrowReader) Record() arrow.RecordBatch { return a.cur }

func (a *arrowReader) Err() error { return a.err }

// BatchToArrow converts one batch to an Arrow record of the given schema.
func BatchToArrow(mem memory.Allocator, schema *arrow.Schema, cols []Column, b *vector.Batch) (arrow.RecordBatch, error) {
	arrs := make([]arrow.Array, len(cols))
	defer func() {
		for _, a := range arrs {
			if a != nil {
				a.Release()
			}
		}
	}()
	for i, col := range cols {
		a, err := vectorToArrow(mem, col.Type, b.Cols[i], b.N)
		if err != nil {
			return nil, err
		}
		arrs[i] = a
	}
	return array.NewRecordBatch(schema, arrs, int64(b.N)), nil
}

func validity(v *vector.Vector, n int) []bool {
	if v.Nulls == nil {
		return nil
	}
	out := make([]bool, n)
	for i := range out {
		out[i] = !v.IsNull(i)
	}
	return out
}

func vectorToArrow(mem memory.Allocator, t types.T, v *vector.Vector, n int) (arrow.Array, error) {
	valid := validity(v, n)
	switch t.ID {
	case types.Bool:
		bb := array.NewBooleanBuilder(mem)
		defer bb.Release()
		bb.AppendValues(v.Bools[:n], valid)
		return bb.NewArray(), nil
	case types.Int16:
		bb := array.NewInt16Builder(mem)
		defer bb.Release()
		vals := make([]int16, n)
		for i := range vals {
			vals[i] = int16(v.Ints[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Int32:
		bb := array.NewInt32Builder(mem)
		defer bb.Release()
		vals := make([]int32, n)
		for i := range vals {
			vals[i] = int32(v.Ints[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Int64:
		bb := array.NewInt64Builder(mem)
		defer bb.Release()
		bb.AppendValues(v.Ints[:n], valid)
		return bb.NewArray(), nil
	case types.Float32:
		bb := array.NewFloat32Builder(mem)
		defer bb.Release()
		vals := make([]float32, n)
		for i := range vals {
			vals[i] = float32(v.Floats[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Float64:
		bb := array.NewFloat64Builder(mem)
		defer bb.Release()
		bb.AppendValues(v.Floats[:n], valid)
		return bb.NewArray(), nil
	case types.Decimal:
		bb := array.NewDecimal128Builder(mem, ArrowType(t).(*arrow.Decimal128Type))
		defer bb.Release()
		vals := make([]decimal128.Num, n)
		for i := range vals {
			if v.Decs != nil {
				vals[i] = decimal128.New(v.Decs[i].Hi, v.Decs[i].Lo)
			} else {
				vals[i] = decimal128.FromI64(v.Ints[i])
			}
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Char, types.Varchar, types.Text:
		bb := array.NewStringBuilder(mem)
		defer bb.Release()
		bb.AppendValues(v.Strs[:n], valid)
		return bb.NewArray(), nil
	case types.Date:
		bb := array.NewDate32Builder(mem)
		defer bb.Release()
		vals := make([]arrow.Date32, n)
		for i := range vals {
			vals[i] = arrow.Date32(v.Ints[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Time:
		bb := array.NewTime64Builder(mem, arrow.FixedWidthTypes.Time64us.(*arrow.Time64Type))
		defer bb.Release()
		vals := make([]arrow.Time64, n)
		for i := range vals {
			vals[i] = arrow.Time64(v.Ints[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Timestamp, types.TimestampTZ:
		bb := array.NewTimestampBuilder(mem, ArrowType(t).(*arrow.TimestampType))
		defer bb.Release()
		vals := make([]arrow.Timestamp, n)
		for i := range vals {
			vals[i] = arrow.Timestamp(v.Ints[i])
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Interval:
		bb := array.NewMonthDayNanoIntervalBuilder(mem)
		defer bb.Release()
		vals := make([]arrow.MonthDayNanoInterval, n)
		for i := range vals {
			iv := v.Ivs[i]
			vals[i] = arrow.MonthDayNanoInterval{Months: iv.Months, Days: iv.Days, Nanoseconds: iv.Micros * 1000}
		}
		bb.AppendValues(vals, valid)
		return bb.NewArray(), nil
	case types.Unknown:
		bb := array.NewNullBuilder(mem)
		defer bb.Release()
		bb.AppendNulls(n)
		return bb.NewArray(), nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "no Arrow conversion for type %s", t)
}
