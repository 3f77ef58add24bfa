package align_test

import "testing"

func TestScriptChecks(t *testing.T) { testFamily(t, "scriptChecks") }
