package align_test

import "testing"

func TestStalenessChecks(t *testing.T) { testFamily(t, "stalenessChecks") }
