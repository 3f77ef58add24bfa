package align_test

import "testing"

func TestGlossaryChecks(t *testing.T) { testFamily(t, "glossaryChecks") }
