// Package siteconfig is the one reader of a Hugo site's configuration and
// TOML front matter for every Concord tool (aligncheck, signatories, pdf,
// the site tests). It keeps the line of every key, so that a problem is
// reported at file:line.
//
// TOML configuration (hugo.toml, or config.toml, and the files of
// config/_default/) is read directly: that takes about a millisecond, where
// asking Hugo (`hugo config --format json`) takes 0.6 s on this site, which
// aligncheck --watch would pay on every save; Hugo's answer also has no
// lines, and v0.165 leaves out languages.<key>.params. A site configured in
// YAML or JSON is resolved by the pinned Hugo instead, without lines.
package siteconfig

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// rootFiles are the names Hugo looks for at the top of a site, in its order.
var rootFiles = []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"}

// Dir is Hugo's default configuration folder; config/_default/ holds the
// files every environment reads.
const Dir = "config"

// Config is what Concord's tools read of a site's configuration.
type Config struct {
	// Files are the configuration files read, relative to the site, root
	// file first: what `hugo --config` would be given.
	Files []string
	// File is the file messages name for the configuration: the root file,
	// or the first file of config/_default/.
	File                   string
	BaseURL                string
	DefaultContentLanguage string
	// Languages are ordered by weight, then key.
	Languages []Language
	// Params are the site's [params], keys as written.
	Params map[string]any
	// lines maps dotted keys of the root file to their lines (nil when Hugo
	// resolved the configuration).
	lines map[string]int
	raw   [][]byte
	whole map[string]any
}

// Language is one [languages.<key>] table.
type Language struct {
	Key    string `json:"key"`
	Locale string `json:"locale"`
	Label  string `json:"label"`
	Weight int    `json:"weight"`
	// Names is the language's name in other languages of the site, by
	// their key ([languages.<key>.params.names]): a language added to a
	// site names itself where the other languages' i18n files do not.
	Names map[string]string `json:"-"`
}

// Language returns the configured language with this key, or nil.
func (c *Config) Language(key string) *Language {
	for i := range c.Languages {
		if c.Languages[i].Key == key {
			return &c.Languages[i]
		}
	}
	return nil
}

// LanguageKeys are the languages' keys, by weight.
func (c *Config) LanguageKeys() []string {
	keys := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		keys[i] = l.Key
	}
	return keys
}

// Line is the line of a dotted key in File, or of its closest enclosing
// table, or 1.
func (c *Config) Line(key string) int { return LineOf(c.lines, key) }

// LineOf looks a dotted key up in lines (FrontMatter.Keys, say), falling
// back to the closest enclosing table and then to line 1.
func LineOf(lines map[string]int, key string) int {
	for key != "" {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 1
}

// Decode unmarshals the configuration into v (toml struct tags), so a tool
// reads the keys it alone needs. A single root file is decoded with its
// lines in errors; files of config/ are decoded once merged.
func (c *Config) Decode(v any) error {
	if len(c.raw) == 1 && tableKey(c.Files[0]) == "" {
		return TOML(c.raw[0]).Decode(c.File, v)
	}
	merged, err := toml.Marshal(c.whole)
	if err == nil {
		err = toml.Unmarshal(merged, v)
	}
	if err != nil {
		return &ParseError{File: c.File, Msg: err.Error()}
	}
	return nil
}

// Paths are every file and folder a site's configuration may be read from,
// relative to the site, whether or not they exist: what a watcher watches.
func Paths() []string { return append(slices.Clone(rootFiles), Dir) }

// IsSite reports whether dir holds a Hugo site's configuration.
func IsSite(dir string) bool {
	for _, name := range rootFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	fi, err := os.Stat(filepath.Join(dir, Dir, "_default"))
	return err == nil && fi.IsDir()
}

// ErrNotFound is what Load's error unwraps to when dir holds no
// configuration.
var ErrNotFound = errors.New("no Hugo configuration")

// Load reads the configuration of the site at dir. Errors are *ParseError,
// and wrap ErrNotFound when there is none.
func Load(dir string) (*Config, error) {
	files, err := Find(dir)
	if err != nil {
		return nil, err
	}
	c := &Config{Files: files, File: filepath.Join(dir, files[0])}
	if !allTOML(files) {
		return c, c.fromHugo(dir)
	}
	// config/_default/<key>.toml holds the table <key> (params.toml is
	// [params]); hugo.toml and config.toml hold the root.
	whole := map[string]any{}
	for i, name := range files {
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, CannotRead(filepath.Join(dir, name), err)
		}
		c.raw = append(c.raw, raw)
		var m map[string]any
		if err := TOML(raw).Decode(filepath.Join(dir, name), &m); err != nil {
			return nil, err
		}
		if i == 0 {
			tree, _ := Parse(raw) // Decode has reported bad TOML
			c.lines = tree.KeyLines(0)
		}
		if key := tableKey(name); key != "" {
			m = map[string]any{key: m}
		}
		merge(whole, m)
	}
	if len(whole) == 0 {
		return nil, &ParseError{File: c.File, Msg: "empty: a site's hugo.toml sets at least its languages ([languages.<key>] tables, docs/authoring.md); is this the site directory?"}
	}
	c.whole = whole
	return c, c.fill(whole, c.File)
}

// ParseFile reads one TOML configuration file given as bytes (file names it in
// errors), as Load does for a site with a single hugo.toml.
func ParseFile(file string, raw []byte) (*Config, error) {
	c := &Config{Files: []string{filepath.Base(file)}, File: file, raw: [][]byte{raw}}
	var m map[string]any
	if err := TOML(raw).Decode(file, &m); err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return nil, &ParseError{File: file, Msg: "empty: a site's hugo.toml sets at least its languages ([languages.<key>] tables, docs/authoring.md); is this the site directory?"}
	}
	tree, _ := Parse(raw)
	c.lines = tree.KeyLines(0)
	return c, c.fill(m, file)
}

// Find lists the site's configuration files, relative to dir, root file
// first, without reading them: for a tool that leaves that to Hugo.
func Find(dir string) ([]string, error) {
	var files []string
	for _, name := range rootFiles {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			files = append(files, name)
			break
		}
	}
	def := filepath.Join(dir, Dir, "_default")
	entries, err := os.ReadDir(def)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, CannotRead(def, err)
	}
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); !e.IsDir() && (ext == ".toml" || ext == ".yaml" || ext == ".yml" || ext == ".json") {
			files = append(files, filepath.ToSlash(filepath.Join(Dir, "_default", e.Name())))
		}
	}
	if len(files) == 0 {
		return nil, &ParseError{File: filepath.Join(dir, "hugo.toml"), Msg: "not found; pass the site directory (the one holding hugo.toml) as the argument", Err: ErrNotFound}
	}
	return files, nil
}

func allTOML(files []string) bool {
	for _, f := range files {
		if filepath.Ext(f) != ".toml" {
			return false
		}
	}
	return true
}

// tableKey is the table a config/_default file holds ("" for the root).
func tableKey(name string) string {
	if !strings.HasPrefix(name, Dir+"/") {
		return ""
	}
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	if base == "hugo" || base == "config" {
		return ""
	}
	return base
}

// merge adds src's keys to dst, tables merged key by key, the first value
// of a scalar kept (the root file wins, as in Hugo).
func merge(dst, src map[string]any) {
	for k, v := range src {
		d, ok := dst[k]
		if !ok {
			dst[k] = v
			continue
		}
		dm, ok1 := d.(map[string]any)
		sm, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			merge(dm, sm)
		}
	}
}

// fromHugo asks the pinned Hugo for a configuration Concord does not read
// itself (YAML, JSON); keys come back in lower case.
func (c *Config) fromHugo(dir string) error {
	hugo, err := hugobuild.Binary()
	if err != nil {
		return &ParseError{File: c.File, Msg: "a configuration in YAML or JSON is read by the pinned Hugo: " + err.Error()}
	}
	cmd := exec.CommandContext(context.Background(), hugo, "config", "--format", "json", "--source", dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return &ParseError{File: c.File, Msg: "hugo config: " + strings.TrimSpace(stderr.String())}
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		return &ParseError{File: c.File, Msg: "hugo config: " + err.Error()}
	}
	c.whole = m
	return c.fill(m, c.File)
}

// fill reads the keys every tool needs; Hugo's own keys are case-insensitive.
func (c *Config) fill(m map[string]any, file string) error {
	m = foldKeys(m, []string{"baseurl", "defaultcontentlanguage", "languages", "params"})
	c.BaseURL, _ = m["baseurl"].(string)
	c.DefaultContentLanguage = strings.ToLower(str(m["defaultcontentlanguage"]))
	c.Params, _ = m["params"].(map[string]any)
	langs, _ := m["languages"].(map[string]any)
	for key, v := range langs {
		t, _ := v.(map[string]any)
		t = foldKeys(t, []string{"locale", "languagecode", "label", "languagename", "weight", "params"})
		l := Language{Key: strings.ToLower(key), Locale: str(t["locale"]), Label: str(t["label"])}
		if l.Locale == "" {
			l.Locale = str(t["languagecode"])
		}
		if l.Label == "" {
			l.Label = str(t["languagename"])
		}
		switch w := t["weight"].(type) {
		case nil:
		case int64:
			l.Weight = int(w)
		case float64:
			if w != float64(int(w)) {
				return &ParseError{File: file, Line: c.Line("languages." + key + ".weight"), Msg: fmt.Sprintf("weight of language %q must be an integer, not %v", key, w)}
			}
			l.Weight = int(w)
		default:
			return &ParseError{File: file, Line: c.Line("languages." + key + ".weight"), Msg: fmt.Sprintf("weight of language %q must be an integer, not %v", key, w)}
		}
		params, _ := t["params"].(map[string]any)
		if names, ok := foldKeys(params, []string{"names"})["names"].(map[string]any); ok {
			l.Names = map[string]string{}
			for k, n := range names {
				l.Names[strings.ToLower(k)] = str(n)
			}
		}
		c.Languages = append(c.Languages, l)
	}
	sort.Slice(c.Languages, func(i, j int) bool {
		a, b := c.Languages[i], c.Languages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Key < b.Key
	})
	if len(c.Languages) == 0 {
		// Hugo's own default: a single language called "en".
		key := c.DefaultContentLanguage
		if key == "" {
			key = "en"
		}
		c.Languages = []Language{{Key: key, Locale: key, Label: key}}
	}
	if c.DefaultContentLanguage == "" {
		c.DefaultContentLanguage = c.Languages[0].Key
	}
	if c.Language(c.DefaultContentLanguage) == nil {
		return &ParseError{File: file, Line: c.Line("defaultContentLanguage"), Msg: fmt.Sprintf("defaultContentLanguage %q is not one of the [languages] tables; add it or fix the key", c.DefaultContentLanguage)}
	}
	return nil
}

// foldKeys returns m with the named keys found whatever their case.
func foldKeys(m map[string]any, keys []string) map[string]any {
	out := maps.Clone(m)
	if out == nil {
		out = map[string]any{}
	}
	for k, v := range m {
		if lk := strings.ToLower(k); lk != k && slices.Contains(keys, lk) {
			if _, set := out[lk]; !set {
				out[lk] = v
			}
		}
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// CannotRead is the error for a file or folder that exists but cannot be
// read, without Go's "open <path>:" prefix, the path being the File.
func CannotRead(file string, err error) *ParseError {
	return &ParseError{File: file, Msg: "cannot read: " + unwrapPathErr(err)}
}

func unwrapPathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
