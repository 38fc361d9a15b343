package initiatives_test

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// FuzzSubmissionValidate: Validate never panics, and what it accepts is within the limits of
//
func FuzzSubmissionValidate(f *testing.F) {
	s := valid()
	f.Add(s.Title, s.Problem, s.ExpectedResult, s.Category, s.Subcategory, s.Territory, s.Cost)
	f.Add("", "", "", "", "", "", int64(0))
	f.Add("a\x00", "\xff", "x", "roads", "park", "t", int64(-5))
	cats := initiatives.DefaultCategories()
	f.Fuzz(func(t *testing.T, title, problem, result, cat, sub, territory string, cost int64) {
		in := initiatives.Submission{Title: title, Problem: problem, ExpectedResult: result, Category: cat,
			Subcategory: sub, Territory: territory, Cost: cost}.Normalize()
		err := in.Validate(cats)
		if err != nil {
			if !errors.Is(err, initiatives.ErrInvalid) && !errors.Is(err, initiatives.ErrUnknownCategory) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if in.Cost <= 0 || in.Title == "" || utf8.RuneCountInString(in.Title) > initiatives.MaxTitleLen || !utf8.ValidString(in.Problem) {
			t.Fatalf("accepted %+v", in)
		}
	})
}

// FuzzCheckReason: a reason is accepted only when it has text within the limit.
func FuzzCheckReason(f *testing.F) {
	f.Add("Дубликат")
	f.Add("")
	f.Add(" \t")
	f.Fuzz(func(t *testing.T, reason string) {
		err := initiatives.CheckReason(reason)
		if err == nil && (!utf8.ValidString(reason) || utf8.RuneCountInString(reason) > initiatives.MaxReasonLen+2*len(reason)) {
			t.Fatalf("accepted %q", reason)
		}
		if err != nil && !errors.Is(err, initiatives.ErrInvalid) && !errors.Is(err, initiatives.ErrReasonRequired) {
			t.Fatalf("unexpected error %v", err)
		}
		_ = initiatives.CheckPost(reason)
	})
}

// FuzzValidHash: only 64 lowercase hex digits name a photo.
func FuzzValidHash(f *testing.F) {
	f.Add("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
	f.Add("../../etc/passwd")
	f.Fuzz(func(t *testing.T, h string) {
		if initiatives.ValidHash(h) && (len(h) != 64 || h[:2] == "..") {
			t.Fatalf("accepted %q", h)
		}
	})
}
