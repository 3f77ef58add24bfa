//go:build !linux

package pdfprint

import "errors"

func exchange(a, b string) error { return errors.ErrUnsupported }
