package sql

import (
	"fmt"
	"reflect"
	"strings"
)

// show renders an AST compactly for tests: Type{Field:value ...} with zero
// fields and Loc fields omitted.
func show(v any) string {
	var b strings.Builder
	showValue(&b, reflect.ValueOf(v))
	return b.String()
}

func showValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		b.WriteString("nil")
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		showValue(b, v.Elem())
	case reflect.Struct:
		t := v.Type()
		if t.PkgPath() == "github.com/warehoused/warehoused/types" {
			fmt.Fprintf(b, "%v", v.Interface())
			return
		}
		b.WriteString(t.Name())
		b.WriteString("{")
		first := true
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			if f.Name == "Loc" || v.Field(i).IsZero() {
				continue
			}
			if !first {
				b.WriteString(" ")
			}
			first = false
			b.WriteString(f.Name)
			b.WriteString(":")
			showValue(b, v.Field(i))
		}
		b.WriteString("}")
	case reflect.Slice:
		b.WriteString("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteString(" ")
			}
			showValue(b, v.Index(i))
		}
		b.WriteString("]")
	case reflect.Map:
		keys := v.MapKeys()
		strs := make([]string, 0, len(keys))
		for _, k := range keys {
			strs = append(strs, fmt.Sprintf("%v=%q", k.Interface(), v.MapIndex(k).Interface()))
		}
		sortStrings(strs)
		b.WriteString("map[" + strings.Join(strs, " ") + "]")
	case reflect.String:
		fmt.Fprintf(b, "%q", v.String())
	default:
		fmt.Fprintf(b, "%v", v.Interface())
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
