package align_test

import "testing"

func TestProvenanceChecks(t *testing.T) { testFamily(t, "provenanceChecks") }
