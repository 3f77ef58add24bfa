package align_test

import "testing"

func TestCutOffChecks(t *testing.T) { testFamily(t, "cutOffChecks") }
