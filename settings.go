package warehoused

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// settings are a session's run-time parameters (SET/SHOW/RESET).
type settings struct {
	vals     map[string]string
	defaults map[string]string
	loc      *time.Location
}

// settingNames maps lower-case names to how SHOW ALL prints them.
var settingDefaults = map[string]string{
	"search_path":                       "$user, public",
	"timezone":                          "UTC",
	"datestyle":                         "ISO, MDY",
	"intervalstyle":                     "postgres",
	"statement_timeout":                 "0",
	"client_encoding":                   "UTF8",
	"server_encoding":                   "UTF8",
	"application_name":                  "",
	"extra_float_digits":                "1",
	"query_group":                       "default",
	"server_version":                    "8.0.2",
	"server_version_num":                "80002",
	"integer_datetimes":                 "on",
	"standard_conforming_strings":       "on",
	"transaction_isolation":             "serializable",
	"default_transaction_isolation":     "serializable",
	"enable_result_cache_for_session":   "on",
	"enable_case_sensitive_identifier":  "off",
	"max_identifier_length":             "127",
	"lc_messages":                       "C",
	"lc_monetary":                       "C",
	"lc_numeric":                        "C",
	"lc_time":                           "C",
	"describe_field_name_in_uppercase":  "off",
	"wlm_query_slot_count":              "1",
	"analyze_threshold_percent":         "10",
	"datashare_break_glass_session_var": "",
	"is_superuser":                      "on",
	"session_authorization":             "",
	"default_transaction_read_only":     "off",
	"transaction_read_only":             "off",
	"mv_enable_aqmv_for_session":        "on",
	"spectrum_enable_pseudo_columns":    "on",
	"json_parse_truncate_strings":       "off",
	"auto_mv":                           "on",
	"cursor_tuple_fraction":             "0.1",
	"geqo":                              "on",
	// Compile-time limits pgjdbc and others read from pg_settings.
	"max_index_keys":    "32",
	"max_function_args": "100",
	"block_size":        "8192",
}

// readOnlySettings cannot be SET.
var readOnlySettings = map[string]bool{
	"server_version": true, "server_version_num": true, "integer_datetimes": true,
	"server_encoding": true, "max_identifier_length": true, "is_superuser": true,
	"max_index_keys": true, "max_function_args": true, "block_size": true,
}

func newSettings(cfg Config) *settings {
	s := &settings{vals: map[string]string{}, defaults: map[string]string{}, loc: time.UTC}
	for k, v := range settingDefaults {
		s.defaults[k] = v
	}
	s.defaults["session_authorization"] = cfg.User
	for k, v := range s.defaults {
		s.vals[k] = v
	}
	return s
}

func normName(name string) string {
	name = strings.ToLower(name)
	if name == "time zone" || name == "time_zone" {
		return "timezone"
	}
	return name
}

func (s *settings) get(name string) (string, bool) {
	v, ok := s.vals[normName(name)]
	return v, ok
}

// searchPath returns the schemas of search_path, "$user" dropped.
func (s *settings) searchPath() []string {
	var out []string
	for _, p := range strings.Split(s.vals["search_path"], ",") {
		p = strings.TrimSpace(p)
		p = strings.Trim(p, "\"")
		if p == "" || p == "$user" {
			continue
		}
		out = append(out, strings.ToLower(p))
	}
	return out
}

func (s *settings) timeout() time.Duration {
	v := strings.TrimSpace(s.vals["statement_timeout"])
	d, err := parseTimeout(v)
	if err != nil {
		return 0
	}
	return d
}

// parseTimeout reads a statement_timeout value: milliseconds, or a number with a unit.
func parseTimeout(v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Duration(n) * time.Millisecond, nil
	}
	num := strings.TrimRightFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.TrimSpace(v[len(num):])
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil {
		return 0, err
	}
	switch unit {
	case "ms":
		return time.Duration(n) * time.Millisecond, nil
	case "s":
		return time.Duration(n) * time.Second, nil
	case "min":
		return time.Duration(n) * time.Minute, nil
	case "h":
		return time.Duration(n) * time.Hour, nil
	case "us":
		return time.Duration(n) * time.Microsecond, nil
	}
	return 0, strconv.ErrSyntax
}

// loadLocation resolves a TimeZone value.
func loadLocation(v string) (*time.Location, error) {
	u := strings.ToUpper(v)
	switch u {
	case "UTC", "GMT", "Z", "ZULU", "UCT", "":
		return time.UTC, nil
	}
	if loc, err := time.LoadLocation(v); err == nil {
		return loc, nil
	}
	// A bare offset in hours: PostgreSQL's POSIX sign convention differs, but
	// SET TIME ZONE -8 means UTC-8.
	if h, err := strconv.ParseFloat(v, 64); err == nil && h > -16 && h < 16 {
		return time.FixedZone(v, int(h*3600)), nil
	}
	return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid value for parameter \"TimeZone\": \"%s\"", v)
}

func (s *settings) set(name, value string) error {
	name = normName(name)
	if _, ok := s.defaults[name]; !ok {
		// PostgreSQL accepts custom (dotted) parameters.
		if !strings.Contains(name, ".") {
			return sqlerr.Newf(sqlerr.UndefinedObject, "unrecognized configuration parameter \"%s\"", name)
		}
	}
	if readOnlySettings[name] {
		return sqlerr.Newf(sqlerr.Code("55P02"), "parameter \"%s\" cannot be changed", name)
	}
	switch name {
	case "timezone":
		loc, err := loadLocation(value)
		if err != nil {
			return err
		}
		s.loc = loc
	case "statement_timeout":
		if _, err := parseTimeout(value); err != nil {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid value for parameter \"statement_timeout\": \"%s\"", value)
		}
	case "extra_float_digits":
		n, err := strconv.Atoi(value)
		if err != nil || n < -15 || n > 3 {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid value for parameter \"extra_float_digits\": \"%s\"", value)
		}
	case "datestyle":
		value = normDateStyle(value)
	}
	s.vals[name] = value
	return nil
}

func normDateStyle(v string) string {
	style, order := "ISO", "MDY"
	for _, p := range strings.Split(v, ",") {
		switch strings.ToUpper(strings.TrimSpace(p)) {
		case "ISO":
			style = "ISO"
		case "SQL":
			style = "SQL"
		case "POSTGRES":
			style = "Postgres"
		case "GERMAN":
			style = "German"
		case "MDY", "US", "NONEURO", "NONEUROPEAN":
			order = "MDY"
		case "DMY", "EURO", "EUROPEAN":
			order = "DMY"
		case "YMD":
			order = "YMD"
		}
	}
	return style + ", " + order
}

func (s *settings) reset(name string) error {
	name = normName(name)
	d, ok := s.defaults[name]
	if !ok {
		return sqlerr.Newf(sqlerr.UndefinedObject, "unrecognized configuration parameter \"%s\"", name)
	}
	s.vals[name] = d
	if name == "timezone" {
		s.loc, _ = loadLocation(d)
	}
	return nil
}

// settingValue renders SET's value list as text.
func settingValue(vals []ast.Expr) (string, error) {
	parts := make([]string, 0, len(vals))
	for _, v := range vals {
		switch e := v.(type) {
		case *ast.Const:
			switch e.Kind {
			case ast.ConstInt:
				parts = append(parts, strconv.FormatInt(e.Int, 10))
			case ast.ConstBool:
				parts = append(parts, strconv.FormatBool(e.Bool))
			case ast.ConstNull:
				parts = append(parts, "")
			default:
				parts = append(parts, e.Text)
			}
		case *ast.ColumnRef:
			parts = append(parts, strings.Join(e.Parts, "."))
		case *ast.UnaryExpr:
			if c, ok := e.Arg.(*ast.Const); ok && e.Op == "-" {
				if c.Kind == ast.ConstInt {
					parts = append(parts, "-"+strconv.FormatInt(c.Int, 10))
				} else {
					parts = append(parts, "-"+c.Text)
				}
				continue
			}
			return "", sqlerr.Newf(sqlerr.SyntaxError, "unsupported SET value")
		case *ast.CastExpr:
			// SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE
			if c, ok := e.Arg.(*ast.Const); ok {
				parts = append(parts, c.Text)
				continue
			}
			return "", sqlerr.Newf(sqlerr.SyntaxError, "unsupported SET value")
		default:
			return "", sqlerr.Newf(sqlerr.SyntaxError, "unsupported SET value")
		}
	}
	return strings.Join(parts, ", "), nil
}

func (c *Conn) set(s *ast.SetStmt) (*Rows, error) {
	if s.Reset {
		if s.All {
			c.settings = newSettings(c.db.cfg)
			if err := c.applyStartup(); err != nil {
				return nil, err
			}
			return emptyRows("RESET"), nil
		}
		if err := c.settings.reset(s.Name); err != nil {
			return nil, err
		}
		return emptyRows("RESET"), nil
	}
	if s.Values == nil {
		if err := c.settings.reset(s.Name); err != nil {
			return nil, err
		}
		return emptyRows("SET"), nil
	}
	v, err := settingValue(s.Values)
	if err != nil {
		return nil, err
	}
	if err := c.settings.set(s.Name, v); err != nil {
		return nil, err
	}
	return emptyRows("SET"), nil
}

func (c *Conn) show(s *ast.ShowStmt) (*Rows, error) {
	name := normName(s.Name)
	if name == "all" {
		names := make([]string, 0, len(c.settings.vals))
		for k := range c.settings.vals {
			names = append(names, k)
		}
		sort.Strings(names)
		cols := []Column{{Name: "name", Type: types.TextType}, {Name: "setting", Type: types.TextType}}
		b := vector.NewBatch([]types.T{types.TextType, types.TextType}, len(names))
		for i, k := range names {
			b.Cols[0].Strs[i] = k
			b.Cols[1].Strs[i] = c.settings.vals[k]
		}
		return batchRows(cols, []*vector.Batch{b}, "SHOW"), nil
	}
	v, ok := c.settings.get(name)
	if !ok {
		return nil, sqlerr.Newf(sqlerr.UndefinedObject, "unrecognized configuration parameter \"%s\"", s.Name)
	}
	b := vector.NewBatch([]types.T{types.TextType}, 1)
	b.Cols[0].Strs[0] = v
	return batchRows([]Column{{Name: name, Type: types.TextType}}, []*vector.Batch{b}, "SHOW"), nil
}
