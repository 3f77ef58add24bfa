package signatories

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Site is what the checks need to know about the Hugo site around the
// signatories files: its languages and its initiatives.
type Site struct {
	Root string
	// Languages are the language keys of hugo.toml, by weight.
	Languages []string
	// Initiatives maps an initiative ID to its launch date ("" if unknown).
	Initiatives map[string]string
	// Sources maps an initiative ID to its sourceLanguage, when that is a
	// site language: the language every text of its signatories must have,
	// since the pages of a language without a translation show it instead.
	Sources map[string]string
	// CSVLanguages is params.signatories.csvLanguages: the languages whose
	// name_<key> columns come, in this order, after the fixed columns of
	// signatories.csv. Site languages not in it follow, by weight.
	CSVLanguages []string
}

// SignatoriesDir is where the signatories files live, relative to the site.
const SignatoriesDir = "data/signatories"

var (
	msgNoConfig = message("signatories_check_no_config",
		"{{ .Error }}: run from the site root, or give it as an argument")
	msgBadConfig = message("signatories_check_bad_config",
		"{{ .Error }}: correct hugo.toml")
)

// LoadSite reads hugo.toml and the initiative folders of the site at root.
func LoadSite(root string) (*Site, error) {
	cfg, err := siteconfig.Load(root)
	if err != nil {
		return nil, configProblem(err, filepath.Join(root, "hugo.toml"))
	}
	var params struct {
		Params struct {
			Signatories struct {
				CSVLanguages []string `toml:"csvLanguages"`
			} `toml:"signatories"`
		} `toml:"params"`
	}
	if err := cfg.Decode(&params); err != nil {
		return nil, configProblem(err, cfg.File)
	}
	s := &Site{Root: root, Initiatives: map[string]string{}, Sources: map[string]string{},
		CSVLanguages: params.Params.Signatories.CSVLanguages, Languages: cfg.LanguageKeys()}
	dirs, err := os.ReadDir(filepath.Join(root, "content", "initiatives"))
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	for _, d := range dirs {
		if d.IsDir() {
			launch, source := readIndex(filepath.Join(root, "content", "initiatives", d.Name()), s.Languages)
			s.Initiatives[d.Name()] = launch
			if slices.Contains(s.Languages, source) {
				s.Sources[d.Name()] = source
			}
		}
	}
	return s, nil
}

// configProblem says where the configuration is wrong, or that there is none.
func configProblem(err error, file string) Problem {
	var pe *siteconfig.ParseError
	if !errors.As(err, &pe) {
		return Problem{File: file, Msg: msgBadConfig, Data: d{"Error": err.Error()}}
	}
	if errors.Is(err, siteconfig.ErrNotFound) {
		return Problem{File: pe.File, Msg: msgNoConfig, Data: d{"Error": fs.ErrNotExist.Error()}}
	}
	return Problem{File: pe.File, Line: pe.Line, Msg: msgBadConfig, Data: d{"Error": pe.Msg}}
}

// readIndex reads the TOML front matter of the initiative's _index files:
// the earliest date (a signature cannot be older than the initiative) and
// the first sourceLanguage, in the languages' order. Front matter it cannot
// read gives "" and skips the checks that need it.
func readIndex(dir string, langs []string) (launch, source string) {
	earliest := ""
	for _, lang := range langs {
		file := filepath.Join(dir, "_index."+lang+".md")
		data, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		block, err := siteconfig.SplitFrontMatter(file, data)
		if err != nil {
			continue
		}
		var fm struct {
			Date           any    `toml:"date"`
			SourceLanguage string `toml:"sourceLanguage"`
		}
		if block.Decode(file, &fm) != nil {
			continue
		}
		source = cmp.Or(source, fm.SourceLanguage)
		var d string
		switch v := fm.Date.(type) {
		case toml.LocalDate:
			d = v.String()
		case toml.LocalDateTime:
			d = v.LocalDate.String()
		case time.Time:
			d = v.Format(time.DateOnly)
		case string:
			if len(v) >= 10 {
				d = v[:10]
			}
		}
		if d != "" && (earliest == "" || d < earliest) {
			earliest = d
		}
	}
	return earliest, source
}

var (
	msgCannotReadDir = message("signatories_check_cannot_read_dir",
		"cannot read the folder: {{ .Error }}")
	msgFolderInDir = message("signatories_check_folder_in_dir",
		"a folder here is read by Hugo as data but checked by nothing: move it out of {{ .Dir }}")
	msgNotTOML = message("signatories_check_not_toml",
		"signatories files are TOML: rename it to <initiative-id>.toml and convert it (docs/authoring.md, \"Signatories\")")
)

// Files lists the signatories files of the site, sorted. Files in the folder
// that are not TOML come back as problems: Hugo would read a YAML or JSON
// file there too, and nothing would check it.
func (s *Site) Files() ([]string, Problems) {
	var ps Problems
	entries, err := os.ReadDir(filepath.Join(s.Root, SignatoriesDir))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		ps.add(SignatoriesDir, 0, msgCannotReadDir, d{"Error": err.Error()})
		return nil, ps
	}
	var files []string
	for _, e := range entries {
		rel := SignatoriesDir + "/" + e.Name()
		switch {
		case e.IsDir():
			ps.add(rel, 0, msgFolderInDir, d{"Dir": SignatoriesDir})
		case strings.HasSuffix(e.Name(), ".toml"):
			files = append(files, rel)
		case strings.HasPrefix(e.Name(), "."):
			// editor swap and lock files
		default:
			ps.add(rel, 0, msgNotTOML, nil)
		}
	}
	slices.Sort(files)
	return files, ps
}
