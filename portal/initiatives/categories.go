package initiatives

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// categoryCode is what a category or subcategory code may be: the API takes it as is.
var categoryCode = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// maxCategoryName is the longest name of a category or subcategory, in characters.
const maxCategoryName = 100

// categoryJSON is one category of a categories file.
type categoryJSON struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Subcategories []struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"subcategories"`
}

// ParseCategories reads a city's own categories of initiatives from JSON: an array
// of {"code", "name", "subcategories": [{"code", "name"}]}. Codes are 1 to 40 lowercase
// letters, digits, "_" or "-", unique among categories and within a category; names are 1 to
// 100 characters; unknown fields are refused. Errors wrap ErrConfig.
func ParseCategories(data []byte) ([]Category, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var in []categoryJSON
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("%w: categories: %w", ErrConfig, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: categories: more than one JSON value", ErrConfig)
	}
	if len(in) == 0 {
		return nil, fmt.Errorf("%w: categories: at least one category is required", ErrConfig)
	}
	out := make([]Category, 0, len(in))
	seen := map[string]bool{}
	for i, c := range in {
		if err := checkCategoryEntry(c.Code, c.Name, seen); err != nil {
			return nil, fmt.Errorf("%w: category %d: %w", ErrConfig, i+1, err)
		}
		cat := Category{Code: c.Code, Name: c.Name}
		subs := map[string]bool{}
		for j, s := range c.Subcategories {
			if err := checkCategoryEntry(s.Code, s.Name, subs); err != nil {
				return nil, fmt.Errorf("%w: category %q, subcategory %d: %w", ErrConfig, c.Code, j+1, err)
			}
			cat.Subcategories = append(cat.Subcategories, Subcategory{Code: s.Code, Name: s.Name})
		}
		out = append(out, cat)
	}
	return out, nil
}

// checkCategoryEntry checks one code and name, and that the code is new in seen.
func checkCategoryEntry(code, name string, seen map[string]bool) error {
	switch n := utf8.RuneCountInString(name); {
	case !categoryCode.MatchString(code):
		return fmt.Errorf("code %q is not 1 to 40 lowercase letters, digits, _ or -", code)
	case seen[code]:
		return fmt.Errorf("code %q is there twice", code)
	case !utf8.ValidString(name) || n == 0 || n > maxCategoryName:
		return fmt.Errorf("name of %q is not 1 to %d characters", code, maxCategoryName)
	}
	seen[code] = true
	return nil
}
