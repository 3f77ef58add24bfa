package align_test

import "testing"

func TestNumberingChecks(t *testing.T) { testFamily(t, "numberingChecks") }
