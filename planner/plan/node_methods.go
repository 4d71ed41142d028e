package plan

func (n *Scan) Schema() Schema       { return n.Cols }
func (n *SystemScan) Schema() Schema { return n.Cols }
func (n *Values) Schema() Schema     { return n.Cols }
func (n *Filter) Schema() Schema     { return n.Input.Schema() }
func (n *Project) Schema() Schema    { return n.Cols }
func (n *Join) Schema() Schema {
	l := n.Left.Schema()
	switch n.Kind {
	case JoinSemi, JoinAnti:
		return l
	case JoinMark:
		return append(append(Schema{}, l...), n.MarkCol)
	}
	r := n.Right.Schema()
	out := make(Schema, 0, len(l)+len(r))
	for _, c := range l {
		if n.Kind == JoinRight || n.Kind == JoinFull {
			c.Nullable = true
		}
		out = append(out, c)
	}
	for _, c := range r {
		if n.Kind == JoinLeft || n.Kind == JoinFull {
			c.Nullable = true
		}
		out = append(out, c)
	}
	return out
}
func (n *Aggregate) Schema() Schema {
	out := make(Schema, 0, len(n.GroupCols)+len(n.Aggs)+1)
	out = append(out, n.GroupCols...)
	for _, a := range n.Aggs {
		out = append(out, a.Col)
	}
	if n.GroupingIDCol != nil {
		out = append(out, *n.GroupingIDCol)
	}
	return out
}
func (n *Window) Schema() Schema {
	in := n.Input.Schema()
	out := make(Schema, 0, len(in)+len(n.Funcs))
	out = append(out, in...)
	for _, f := range n.Funcs {
		out = append(out, f.Col)
	}
	return out
}
func (n *Sort) Schema() Schema          { return n.Input.Schema() }
func (n *Limit) Schema() Schema         { return n.Input.Schema() }
func (n *SetOp) Schema() Schema         { return n.Cols }
func (n *Max1Row) Schema() Schema       { return n.Input.Schema() }
func (n *RecursiveCTE) Schema() Schema  { return n.Cols }
func (n *WorkTableScan) Schema() Schema { return n.Cols }
func (n *TableFunc) Schema() Schema     { return n.Cols }

func (n *Scan) Children() []Node          { return nil }
func (n *SystemScan) Children() []Node    { return nil }
func (n *Values) Children() []Node        { return nil }
func (n *Filter) Children() []Node        { return []Node{n.Input} }
func (n *Project) Children() []Node       { return []Node{n.Input} }
func (n *Join) Children() []Node          { return []Node{n.Left, n.Right} }
func (n *Aggregate) Children() []Node     { return []Node{n.Input} }
func (n *Window) Children() []Node        { return []Node{n.Input} }
func (n *Sort) Children() []Node          { return []Node{n.Input} }
func (n *Limit) Children() []Node         { return []Node{n.Input} }
func (n *SetOp) Children() []Node         { return []Node{n.Left, n.Right} }
func (n *Max1Row) Children() []Node       { return []Node{n.Input} }
func (n *RecursiveCTE) Children() []Node  { return []Node{n.Anchor, n.Recursive} }
func (n *WorkTableScan) Children() []Node { return nil }
func (n *TableFunc) Children() []Node     { return nil }

func (n *Scan) WithChildren([]Node) Node          { c := *n; return &c }
func (n *SystemScan) WithChildren([]Node) Node    { c := *n; return &c }
func (n *Values) WithChildren([]Node) Node        { c := *n; return &c }
func (n *WorkTableScan) WithChildren([]Node) Node { c := *n; return &c }
func (n *TableFunc) WithChildren([]Node) Node     { c := *n; return &c }
func (n *Filter) WithChildren(ch []Node) Node     { c := *n; c.Input = ch[0]; return &c }
func (n *Project) WithChildren(ch []Node) Node    { c := *n; c.Input = ch[0]; return &c }
func (n *Join) WithChildren(ch []Node) Node {
	c := *n
	c.Left, c.Right = ch[0], ch[1]
	return &c
}
func (n *Aggregate) WithChildren(ch []Node) Node { c := *n; c.Input = ch[0]; return &c }
func (n *Window) WithChildren(ch []Node) Node    { c := *n; c.Input = ch[0]; return &c }
func (n *Sort) WithChildren(ch []Node) Node      { c := *n; c.Input = ch[0]; return &c }
func (n *Limit) WithChildren(ch []Node) Node     { c := *n; c.Input = ch[0]; return &c }
func (n *SetOp) WithChildren(ch []Node) Node {
	c := *n
	c.Left, c.Right = ch[0], ch[1]
	return &c
}
func (n *Max1Row) WithChildren(ch []Node) Node { c := *n; c.Input = ch[0]; return &c }
func (n *RecursiveCTE) WithChildren(ch []Node) Node {
	c := *n
	c.Anchor, c.Recursive = ch[0], ch[1]
	return &c
}

func (*Scan) node()          {}
func (*SystemScan) node()    {}
func (*Values) node()        {}
func (*Filter) node()        {}
func (*Project) node()       {}
func (*Join) node()          {}
func (*Aggregate) node()     {}
func (*Window) node()        {}
func (*Sort) node()          {}
func (*Limit) node()         {}
func (*SetOp) node()         {}
func (*Max1Row) node()       {}
func (*RecursiveCTE) node()  {}
func (*WorkTableScan) node() {}
func (*TableFunc) node()     {}
