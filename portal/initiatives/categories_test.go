package initiatives_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// TestParseCategories: a city's categories file is read, and each malformed one is refused
// with ErrConfig.
func TestParseCategories(t *testing.T) {
	got, err := initiatives.ParseCategories([]byte(`[
	  {"code": "yard", "name": "Двор", "subcategories": [{"code": "bench", "name": "Скамейки"}, {"code": "lamp", "name": "Фонари"}]},
	  {"code": "roads", "name": "Дороги", "subcategories": []}
	]`))
	if err != nil || len(got) != 2 || got[0].Code != "yard" || len(got[0].Subcategories) != 2 || got[0].Subcategories[1].Name != "Фонари" || got[1].Name != "Дороги" {
		t.Fatalf("ParseCategories = %+v, %v", got, err)
	}
	for name, in := range map[string]string{
		"not JSON":             `{`,
		"not an array":         `{"code": "a", "name": "A"}`,
		"empty":                `[]`,
		"an unknown field":     `[{"code": "a", "name": "A", "colour": "red"}]`,
		"a code with capitals": `[{"code": "Yard", "name": "A"}]`,
		"an empty code":        `[{"code": "", "name": "A"}]`,
		"a code twice":         `[{"code": "a", "name": "A"}, {"code": "a", "name": "B"}]`,
		"a subcategory twice":  `[{"code": "a", "name": "A", "subcategories": [{"code": "s", "name": "S"}, {"code": "s", "name": "T"}]}]`,
		"an empty name":        `[{"code": "a", "name": ""}]`,
		"a long name":          `[{"code": "a", "name": "` + strings.Repeat("я", 101) + `"}]`,
		"two values":           `[{"code": "a", "name": "A"}] []`,
	} {
		if _, err := initiatives.ParseCategories([]byte(in)); !errors.Is(err, initiatives.ErrConfig) {
			t.Errorf("%s: err = %v, want ErrConfig", name, err)
		}
	}
}

// FuzzParseCategories: any input is either refused with ErrConfig or gives categories whose
// codes pass the rules and are unique.
func FuzzParseCategories(f *testing.F) {
	f.Add([]byte(`[{"code": "yard", "name": "Двор", "subcategories": [{"code": "bench", "name": "Скамейки"}]}]`))
	f.Add([]byte(`[{"code": "a", "name": "A"}, {"code": "a", "name": "B"}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cats, err := initiatives.ParseCategories(data)
		if err != nil {
			if !errors.Is(err, initiatives.ErrConfig) {
				t.Fatalf("error %v does not wrap ErrConfig", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range cats {
			if c.Code == "" || c.Name == "" || seen[c.Code] {
				t.Fatalf("accepted %+v", cats)
			}
			seen[c.Code] = true
		}
	})
}
