package report

import (
	"encoding/json"
	"io"

	"github.com/concord-initiative/concord/internal/checker/align"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func sarifLevel(s align.Severity) string {
	switch s {
	case align.Error:
		return "error"
	case align.Warning:
		return "warning"
	}
	return "note"
}

// SARIF writes a SARIF 2.1.0 log with one run. Rule IDs are the stable codes
// and each result carries the finding's fingerprint, so code-scanning
// services track a finding across commits.
func SARIF(w io.Writer, in Input) error {
	driver := sarifDriver{Name: "aligncheck", Version: ToolVersion, InformationURI: "https://github.com/concord-initiative/concord/blob/main/docs/aligncheck.md"}
	index := map[string]int{}
	for i, r := range align.Rules {
		sr := sarifRule{ID: r.Code, Name: r.Name, ShortDescription: sarifMessage{r.Summary}}
		sr.DefaultConfiguration.Level = sarifLevel(r.Severity)
		driver.Rules = append(driver.Rules, sr)
		index[r.Code] = i
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, f := range in.Result.Findings {
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = in.path(f.File)
		loc.PhysicalLocation.Region.StartLine = max(f.Line, 1)
		props := map[string]any{"initiative": f.Initiative}
		if f.Clause != "" {
			props["clause"] = f.Clause
		}
		if f.Language != "" {
			props["language"] = f.Language
		}
		if f.ComparedWith != "" {
			props["comparedWith"] = f.ComparedWith
		}
		run.Results = append(run.Results, sarifResult{
			RuleID: f.Code, RuleIndex: index[f.Code], Level: sarifLevel(f.Severity), Message: sarifMessage{f.Message},
			Locations: []sarifLocation{loc}, PartialFingerprints: map[string]string{"aligncheckFinding/v1": f.Fingerprint}, Properties: props,
		})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
