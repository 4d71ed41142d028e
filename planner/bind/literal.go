package bind

import (
	"errors"
	"math"
	"math/big"
	"strings"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// bindConst turns a literal into a Const. Strings stay Unknown-typed until
// context decides (see coerce).
func (b *Binder) bindConst(c *ast.Const) (plan.Expr, error) {
	switch c.Kind {
	case ast.ConstNull:
		return &plan.Const{Typ: types.UnknownType}, nil
	case ast.ConstInt:
		if c.Int >= math.MinInt32 && c.Int <= math.MaxInt32 {
			return &plan.Const{Value: c.Int, Typ: types.Int32Type}, nil
		}
		return &plan.Const{Value: c.Int, Typ: types.Int64Type}, nil
	case ast.ConstNumeric:
		return numericConst(c.Text, c.Loc)
	case ast.ConstString, ast.ConstBitString:
		return &plan.Const{Value: c.Text, Typ: types.UnknownType}, nil
	case ast.ConstBool:
		return &plan.Const{Value: c.Bool, Typ: types.BoolType}, nil
	}
	return nil, errAt(notSupported("literal kind %d", c.Kind), c.Loc)
}

// numericConst types a numeric literal as DECIMAL(p,s) from its digits, as
// PostgreSQL does ("0.2" is numeric(1,1)); integers too large for BIGINT too.
func numericConst(text string, loc int) (plan.Expr, error) {
	s := strings.ToLower(text)
	if strings.ContainsAny(s, "e") {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return nil, errAt(sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type numeric: \"%s\"", text), loc)
		}
		mant, exp, _ := strings.Cut(s, "e")
		frac := 0
		if _, f, ok := strings.Cut(mant, "."); ok {
			frac = len(f)
		}
		e := 0
		for i, ch := range strings.TrimLeft(exp, "+-") {
			_ = i
			e = e*10 + int(ch-'0')
			if e > 1000 {
				break
			}
		}
		if strings.HasPrefix(exp, "-") {
			e = -e
		}
		scale := max(frac-e, 0)
		s = r.FloatString(scale)
	}
	intPart, frac, _ := strings.Cut(strings.TrimLeft(s, "+-"), ".")
	intPart = strings.TrimLeft(intPart, "0")
	p := len(intPart) + len(frac)
	scale := len(frac)
	if p == 0 {
		p = 1
	}
	if p > types.MaxDecimalPrecision {
		// Beyond DECIMAL(38): fall back to DOUBLE PRECISION.
		f, _ := new(big.Rat).SetString(s)
		v, _ := f.Float64()
		return &plan.Const{Value: v, Typ: types.Float64Type}, nil
	}
	t := types.DecimalType(p, scale)
	v, err := types.ParseDecimal(t, s)
	if err != nil {
		return nil, withLoc(err, loc)
	}
	return &plan.Const{Value: v, Typ: t}, nil
}

// withLoc attaches a position to a *sqlerr.Error; other errors become XX000.
func withLoc(err error, loc int) error {
	var e *sqlerr.Error
	if errors.As(err, &e) {
		return errAt(e, loc)
	}
	return err
}

// literalAs converts the text of an unknown-typed literal to type t: string
// types take it as is; others are parsed now (so a bad date fails at bind time,
// as in PostgreSQL), or left as a Cast when the text parser cannot say.
func literalAs(s string, t types.T, intervalFields string) (plan.Expr, error) {
	switch {
	case t.ID == types.Unknown:
		return &plan.Const{Value: s, Typ: types.TextType}, nil
	case t.ID == types.Char:
		return &plan.Const{Value: strings.TrimRight(s, " "), Typ: t}, nil
	case t.IsString():
		return &plan.Const{Value: s, Typ: t}, nil
	case t.ID == types.Interval:
		v, err := types.ParseInterval(s, intervalFields)
		if err != nil {
			var e *sqlerr.Error
			if errors.As(err, &e) {
				return nil, e
			}
			return &plan.Cast{Arg: &plan.Const{Value: s, Typ: types.TextType}, To: t, IntervalFields: intervalFields}, nil
		}
		return &plan.Const{Value: v, Typ: t}, nil
	case t.ID == types.Bool:
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "t", "true", "y", "yes", "on", "1":
			return &plan.Const{Value: true, Typ: t}, nil
		case "f", "false", "n", "no", "off", "0":
			return &plan.Const{Value: false, Typ: t}, nil
		}
		return nil, sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type boolean: \"%s\"", s)
	}
	v, err := parseText(t, s)
	if err != nil {
		var e *sqlerr.Error
		if errors.As(err, &e) {
			return nil, e
		}
		// The text parser could not decide: leave the conversion to execution.
		return &plan.Cast{Arg: &plan.Const{Value: s, Typ: types.TextType}, To: t}, nil
	}
	return &plan.Const{Value: v, Typ: t}, nil
}

// parseText calls types.Parse, turning a panic of an unfinished parser into an error.
func parseText(t types.T, s string) (v types.Datum, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("types.Parse panicked")
		}
	}()
	return types.Parse(t, s)
}
