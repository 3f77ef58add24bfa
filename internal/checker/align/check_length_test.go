package align_test

import "testing"

func TestLengthChecks(t *testing.T) { testFamily(t, "lengthChecks") }
