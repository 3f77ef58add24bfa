package align_test

import "testing"

func TestOrderChecks(t *testing.T) { testFamily(t, "orderChecks") }
