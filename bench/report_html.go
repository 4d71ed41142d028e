package bench

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// Chart geometry of the HTML report (SVG user units = CSS pixels).
const (
	chartLabelW = 48  // room for "Q01" left of the bars
	chartBarsW  = 560 // the longest bar
	chartValueW = 160 // room for the value (and change) right of a bar
	chartRowH   = 22  // one query
	chartBarH   = 14  // the bar of this run (the baseline bar sits below it)
)

// htmlRow is one query of the HTML report, formatted.
type htmlRow struct {
	Query                     string
	Median, Min, Runs         string
	Rows                      int64
	PeakRSS, QueryHeap, Alloc string
	Status, StatusClass       string
	Base, Change, ChangeClass string
	HasBar, HasBase           bool
	// Chart coordinates: the row's top, the text baseline, the bar's
	// width, where its value label starts, the baseline bar's top and width.
	Y, TextY, BarW, ValueX, BaseY, BaseW string
	Label                                string
}

// htmlPage is what the template renders.
type htmlPage struct {
	Title                string
	Summary, BaseSummary string
	HasBase              bool
	Rows                 []htmlRow
	ChartW, ChartH       int
	BarX, BarH, BaseH    int
	Failed               []string
}

// coord formats a chart coordinate.
func coord(v float64) string { return fmt.Sprintf("%.1f", v) }

// WriteHTML writes the report as one self-contained HTML page: a summary, an
// inline SVG bar chart of the per-query median times and a table. With a
// baseline (an earlier report, or nil) each query also shows the earlier
// median and the change.
func (r *Report) WriteHTML(w io.Writer, base *Report) error {
	return htmlReport.Execute(w, r.htmlPage(base))
}

func (r *Report) htmlPage(base *Report) htmlPage {
	p := htmlPage{
		Title:   fmt.Sprintf("warehoused TPC-H SF %g", r.SF),
		HasBase: base != nil,
		BarX:    chartLabelW,
		BarH:    chartBarH,
		BaseH:   chartRowH - chartBarH - 3,
		ChartW:  chartLabelW + chartBarsW + chartValueW,
		Failed:  r.Failed(),
	}
	p.Summary = summaryLine(r)
	baseOf := map[int]QueryReport{}
	if base != nil {
		p.BaseSummary = summaryLine(base)
		for _, q := range base.Queries {
			baseOf[q.Query] = q
		}
	}
	// The scale: the slowest median of either run fills the chart.
	var top float64
	for _, q := range r.Queries {
		top = max(top, q.MedianS)
		if b, ok := baseOf[q.Query]; ok {
			top = max(top, b.MedianS)
		}
	}
	if top <= 0 {
		top = 1
	}
	for i, q := range r.Queries {
		row := htmlRow{
			Query:     fmt.Sprintf("Q%02d", q.Query),
			Median:    fmt.Sprintf("%.3f", q.MedianS),
			Min:       fmt.Sprintf("%.3f", q.MinS),
			Runs:      formatRuns(q.RunsS),
			Rows:      q.Rows,
			PeakRSS:   FormatBytes(q.PeakRSSBytes),
			QueryHeap: FormatBytes(q.QueryHeapBytes()),
			Alloc:     FormatBytes(q.AllocBytes),
			Status:    q.Check,
			HasBar:    q.Error == "" && len(q.RunsS) > 0,
		}
		switch {
		case q.Error != "":
			row.Status, row.StatusClass = "error: "+q.Error, "bad"
		case strings.HasPrefix(q.Check, "mismatch"):
			row.StatusClass = "bad"
		case q.Check == "ok":
			row.StatusClass = "good"
		case q.Check == "":
			row.Status = "-"
		}
		y := float64(i * chartRowH)
		barW := q.MedianS / top * chartBarsW
		row.Y, row.TextY, row.BarW = coord(y), coord(y+chartBarH-3), coord(barW)
		row.ValueX = coord(chartLabelW + barW + 4)
		row.Label = fmt.Sprintf("%.3f s", q.MedianS)
		if !row.HasBar {
			row.ValueX, row.Label = coord(chartLabelW), "failed"
		}
		if b, ok := baseOf[q.Query]; ok && b.Error == "" && len(b.RunsS) > 0 {
			row.HasBase = true
			row.Base = fmt.Sprintf("%.3f", b.MedianS)
			row.BaseY = coord(y + chartBarH)
			row.BaseW = coord(b.MedianS / top * chartBarsW)
			if row.HasBar && b.MedianS > 0 {
				change := (q.MedianS - b.MedianS) / b.MedianS * 100
				row.Change = fmt.Sprintf("%+.1f%%", change)
				switch {
				case change <= -5:
					row.ChangeClass = "good"
				case change >= 5:
					row.ChangeClass = "bad"
				}
			}
		}
		p.Rows = append(p.Rows, row)
	}
	p.ChartH = len(r.Queries)*chartRowH + 4
	return p
}

// summaryLine is the one-line summary of a report.
func summaryLine(r *Report) string {
	sum, geomean, ok := r.Summary()
	s := fmt.Sprintf("load %.2f s", r.LoadS)
	if r.GenS > 0 {
		s = fmt.Sprintf("generate %.2f s, ", r.GenS) + s
	}
	if r.DBBytes > 0 {
		s += ", database " + FormatBytes(r.DBBytes)
	}
	return s + fmt.Sprintf("; %d/%d queries ran: sum of medians %.3f s, geometric mean %.4f s", ok, len(r.Queries), sum, geomean)
}

func formatRuns(runs []float64) string {
	parts := make([]string, len(runs))
	for i, r := range runs {
		parts[i] = fmt.Sprintf("%.3f", r)
	}
	return strings.Join(parts, " ")
}

var htmlReport = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: right; }
th { background: #f4f4f4; }
td.text { text-align: left; max-width: 40em; overflow-wrap: anywhere; }
.good { color: #17813a; }
.bad { color: #c0262d; font-weight: bold; }
.bar { fill: #3b73b9; }
.base { fill: #b8b8b8; }
svg text { font: 12px system-ui, sans-serif; fill: #222; }
.legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Summary}}</p>
{{if .HasBase}}<p>baseline: {{.BaseSummary}}</p>{{end}}
{{if .Failed}}<p class="bad">failed:</p><ul>{{range .Failed}}<li class="bad">{{.}}</li>{{end}}</ul>{{end}}
<h2>Median time per query</h2>
<p class="legend"><span style="background:#3b73b9"></span>this run{{if .HasBase}}<span style="background:#b8b8b8"></span>baseline{{end}}</p>
<svg xmlns="http://www.w3.org/2000/svg" width="{{.ChartW}}" height="{{.ChartH}}" viewBox="0 0 {{.ChartW}} {{.ChartH}}" role="img" aria-label="median seconds per query">
{{- range .Rows}}
<text x="0" y="{{.TextY}}">{{.Query}}</text>
{{- if .HasBar}}<rect class="bar" x="{{$.BarX}}" y="{{.Y}}" width="{{.BarW}}" height="{{$.BarH}}"><title>{{.Query}} {{.Label}}</title></rect>{{end}}
{{- if .HasBase}}<rect class="base" x="{{$.BarX}}" y="{{.BaseY}}" width="{{.BaseW}}" height="{{$.BaseH}}"><title>{{.Query}} baseline {{.Base}} s</title></rect>{{end}}
<text x="{{.ValueX}}" y="{{.TextY}}"{{if not .HasBar}} class="bad"{{end}}>{{.Label}}{{if .Change}} ({{.Change}}){{end}}</text>
{{- end}}
</svg>
<h2>Queries</h2>
<table>
<tr><th>query</th><th>median s</th><th>min s</th><th>runs s</th><th>rows</th><th>peak RSS</th><th title="peak Go heap less the live data before the query">query heap</th><th>alloc/run</th>{{if .HasBase}}<th>baseline s</th><th>change</th>{{end}}<th>check</th></tr>
{{- range .Rows}}
<tr><td>{{.Query}}</td><td>{{.Median}}</td><td>{{.Min}}</td><td>{{.Runs}}</td><td>{{.Rows}}</td><td>{{.PeakRSS}}</td><td>{{.QueryHeap}}</td><td>{{.Alloc}}</td>{{if $.HasBase}}<td>{{.Base}}</td><td class="{{.ChangeClass}}">{{.Change}}</td>{{end}}<td class="text {{.StatusClass}}">{{.Status}}</td></tr>
{{- end}}
</table>
</body>
</html>
`))
