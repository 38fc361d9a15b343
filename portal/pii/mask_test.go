package pii_test

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

// masked is what the five types of personal data have in common.
type masked interface {
	fmt.Stringer
	fmt.GoStringer
	fmt.Formatter
	slog.LogValuer
	json.Marshaler
	encoding.TextMarshaler
	Reveal() string
}

// maskCase is a parsed value, the strings that must never show, and its mask.
type maskCase struct {
	name   string
	value  masked
	hidden []string // the value, and each part of it long enough not to show by chance
	mask   string
}

func maskCases(t *testing.T) []maskCase {
	t.Helper()
	phone, err1 := pii.NormalizePhone("+7 916 123-45-67")
	snils, err2 := pii.ParseSNILS("112-233-445 95")
	passport, err3 := pii.ParsePassport("45 09", "123 456")
	fls, err4 := pii.ParseFLS("1234567890")
	cert, err5 := pii.ParsePropertyCert("77-АБ 918273")
	for _, err := range []error{err1, err2, err3, err4, err5} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return []maskCase{
		{"Phone", phone, []string{"+79161234567", "9161234567", "1234567"}, "+7916*****67"},
		{"SNILS", snils, []string{"11223344595", "112233445", "112-233-445"}, "***-***-*** 95"},
		{"Passport", passport, []string{"4509123456", "123456", "45 09"}, "**** ****56"},
		{"FLS", fls, []string{"1234567890", "12345678"}, "********90"},
		{"PropertyCert", cert, []string{"77-АБ 918273", "918273", "АБ"}, "**-** ****73"},
	}
}

// TestMasking prints each type of personal data every way a program might, and checks that
// none shows the value.
func TestMasking(t *testing.T) {
	for _, tc := range maskCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			outs := printings(t, tc.value)
			for way, out := range outs {
				for _, h := range tc.hidden {
					if strings.Contains(out, h) {
						t.Errorf("%s shows %q:\n%s", way, h, out)
					}
				}
			}
			for _, way := range []string{"%v", "%+v", "%s", "%d", "Sprint", "Sprintln", "String", "MarshalText", "%v exported field"} {
				if !strings.Contains(outs[way], tc.mask) {
					t.Errorf("%s = %q, want the mask %q", way, outs[way], tc.mask)
				}
			}
			wantExact := map[string]string{
				"%v":          tc.mask,
				"%s":          tc.mask,
				"%q":          fmt.Sprintf("%q", tc.mask),
				"%#v":         "pii." + tc.name + "{" + tc.mask + "}",
				"json":        mustJSON(t, tc.mask),
				"MarshalText": tc.mask,
			}
			for way, want := range wantExact {
				if got := outs[way]; got != want {
					t.Errorf("%s = %q, want %q", way, got, want)
				}
			}
		})
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// printings returns the output of each way of printing v, by name.
func printings(t *testing.T, v masked) map[string]string {
	t.Helper()
	type exported struct {
		Name  string
		Value masked
	}
	type unexported struct {
		name  string
		value any
	}
	type tagged struct {
		Value masked `json:"value"`
	}
	outs := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.4s", "%-20v", "%T", "%p"} {
		outs[verb] = fmt.Sprintf(verb, v)
		outs[verb+" pointer"] = fmt.Sprintf(verb, &v)
		outs[verb+" slice"] = fmt.Sprintf(verb, []masked{v})
		outs[verb+" map"] = fmt.Sprintf(verb, map[string]masked{"k": v})
		outs[verb+" exported field"] = fmt.Sprintf(verb, exported{"citizen", v})
		outs[verb+" unexported field"] = fmt.Sprintf(verb, unexported{"citizen", v})
	}
	outs["Sprint"] = fmt.Sprint(v)
	outs["Sprintln"] = fmt.Sprintln("citizen", v)
	outs["Errorf"] = fmt.Errorf("register %v: %w", v, fmt.Errorf("taken")).Error()
	outs["String"] = v.String()
	outs["GoString"] = v.GoString()
	text, err := v.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	outs["MarshalText"] = string(text)
	outs["json"] = mustJSON(t, v)
	outs["json field"] = mustJSON(t, tagged{v})
	outs["json unexported field"] = mustJSON(t, unexported{"citizen", v})
	outs["json map key"] = mustJSON(t, map[encoding.TextMarshaler]int{v: 1})
	outs["json map value"] = mustJSON(t, map[string]any{"v": v})
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog JSON": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var b bytes.Buffer
		log := slog.New(h(&b))
		log.Info("registered", "value", v, slog.Any("any", v), slog.Group("g", "value", v))
		log.Info("registered", "exported", exported{"citizen", v}, "unexported", unexported{"citizen", v})
		log.With("value", v).Warn("with")
		log.Info("formatted", "msg", fmt.Sprintf("%v", v))
		outs[name] = b.String()
	}
	return outs
}

// TestMaskingZero checks that the zero values print as empty masks and do not panic.
func TestMaskingZero(t *testing.T) {
	for _, v := range []masked{pii.Phone{}, pii.SNILS{}, pii.Passport{}, pii.FLS{}, pii.PropertyCert{}} {
		if got := fmt.Sprintf("%v|%s|%q", v, v, v); got != `||""` {
			t.Errorf("%T zero prints %q", v, got)
		}
		if v.Reveal() != "" {
			t.Errorf("%T zero Reveal() = %q", v, v.Reveal())
		}
	}
}
