package align_test

import "testing"

func TestNumberChecks(t *testing.T) { testFamily(t, "numberChecks") }
