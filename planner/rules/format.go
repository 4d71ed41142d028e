package rules

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/plan"
)

// Format renders a logical plan as an indented tree with column IDs, one node
// a line. Tests compare plans with it and the driver uses it to detect a
// fixed point.
func Format(n plan.Node) string {
	var sb strings.Builder
	formatNode(&sb, n, 0)
	return sb.String()
}

func colName(c *plan.ColRef) string { return fmt.Sprintf("%s#%d", c.Name, c.ID) }

func exprStr(e plan.Expr) string { return physical.ExprString(e, colName) }

func exprsStr(es []plan.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = exprStr(e)
	}
	return strings.Join(parts, ", ")
}

func schemaStr(s plan.Schema) string {
	parts := make([]string, len(s))
	for i, c := range s {
		parts[i] = fmt.Sprintf("%s#%d", c.Name, c.ID)
	}
	return strings.Join(parts, ", ")
}

func sortStr(keys []plan.SortKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = exprStr(k.Expr)
		if k.Desc {
			parts[i] += " DESC"
		}
		if k.NullsFirst {
			parts[i] += " NULLS FIRST"
		}
	}
	return strings.Join(parts, ", ")
}

var joinNames = [...]string{"Inner", "Left", "Right", "Full", "Semi", "Anti", "Mark"}

func formatNode(sb *strings.Builder, n plan.Node, depth int) {
	sb.WriteString(strings.Repeat("  ", depth))
	switch x := n.(type) {
	case *plan.Scan:
		fmt.Fprintf(sb, "Scan %s [%s]", x.Table.Name, schemaStr(x.Cols))
		if x.Filter != nil {
			fmt.Fprintf(sb, " filter=%s", exprStr(x.Filter))
		}
	case *plan.SystemScan:
		fmt.Fprintf(sb, "SystemScan %s [%s]", x.Table.Name, schemaStr(x.Cols))
	case *plan.Values:
		fmt.Fprintf(sb, "Values rows=%d [%s]", len(x.Rows), schemaStr(x.Cols))
		for _, r := range x.Rows {
			fmt.Fprintf(sb, " (%s)", exprsStr(r))
		}
	case *plan.Filter:
		fmt.Fprintf(sb, "Filter %s", exprStr(x.Pred))
	case *plan.Project:
		fmt.Fprintf(sb, "Project [%s] = (%s)", schemaStr(x.Cols), exprsStr(x.Exprs))
	case *plan.Join:
		fmt.Fprintf(sb, "Join %s", joinNames[x.Kind])
		if x.Cond != nil {
			fmt.Fprintf(sb, " on %s", exprStr(x.Cond))
		}
		if x.NullAware {
			sb.WriteString(" null-aware")
		}
	case *plan.Aggregate:
		fmt.Fprintf(sb, "Aggregate group=(%s) [%s]", exprsStr(x.GroupBy), schemaStr(x.Schema()))
		for _, a := range x.Aggs {
			fmt.Fprintf(sb, " %s(%s)", a.Name, exprsStr(a.Args))
			if a.Filter != nil {
				fmt.Fprintf(sb, " filter %s", exprStr(a.Filter))
			}
		}
		if x.GroupingSets != nil {
			fmt.Fprintf(sb, " sets=%v", x.GroupingSets)
		}
	case *plan.Window:
		sb.WriteString("Window")
		for _, f := range x.Funcs {
			fmt.Fprintf(sb, " %s#%d=%s(%s) over (partition %s order %s)", f.Col.Name, f.Col.ID, f.Name,
				exprsStr(f.Args), exprsStr(f.PartitionBy), sortStr(f.OrderBy))
		}
	case *plan.Sort:
		fmt.Fprintf(sb, "Sort %s", sortStr(x.Keys))
	case *plan.Limit:
		fmt.Fprintf(sb, "Limit %s offset %s", exprStr(x.Count), exprStr(x.Offset))
	case *plan.SetOp:
		fmt.Fprintf(sb, "SetOp %d all=%v [%s]", x.Kind, x.All, schemaStr(x.Cols))
	case *plan.Max1Row:
		sb.WriteString("Max1Row")
	case *plan.RecursiveCTE:
		fmt.Fprintf(sb, "RecursiveCTE %d [%s]", x.WorkID, schemaStr(x.Cols))
	case *plan.WorkTableScan:
		fmt.Fprintf(sb, "WorkTableScan %d [%s]", x.WorkID, schemaStr(x.Cols))
	case *plan.TableFunc:
		fmt.Fprintf(sb, "TableFunc %s(%s) [%s]", x.Name, exprsStr(x.Args), schemaStr(x.Cols))
	default:
		fmt.Fprintf(sb, "%T", n)
	}
	sb.WriteByte('\n')
	for _, c := range n.Children() {
		formatNode(sb, c, depth+1)
	}
}
