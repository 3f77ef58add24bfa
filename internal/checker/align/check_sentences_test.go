package align_test

import "testing"

func TestSentenceChecks(t *testing.T) { testFamily(t, "sentenceChecks") }
