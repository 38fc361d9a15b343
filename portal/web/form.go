package web

import (
	"net/url"
	"strings"
)

// form is a form as the visitor sent it, with the errors to show beside its fields. A form
// that comes back with errors is shown again with what was typed.
type form struct {
	values url.Values
	errors map[string]string // by field name; formError for the form as a whole
	CSRF   string            // the token of the hidden field
}

// formError is the key of an error about the whole form.
const formError = ""

func newForm(csrf string, values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{values: values, errors: map[string]string{}, CSRF: csrf}
}

// Value is what the field holds.
func (f *form) Value(name string) string { return f.values.Get(name) }

// Checked reports whether a checkbox or radio button of the field has value.
func (f *form) Checked(name, value string) bool { return f.values.Get(name) == value }

// Error is the field's error, "" when none.
func (f *form) Error(name string) string { return f.errors[name] }

// FormError is the error about the whole form.
func (f *form) FormError() string { return f.errors[formError] }

// HasErrors reports whether any error is set.
func (f *form) HasErrors() bool { return len(f.errors) > 0 }

// fail sets the error of a field (formError: of the form).
func (f *form) fail(name, msg string) { f.errors[name] = msg }

// set puts a value into the form.
func (f *form) set(name, value string) { f.values.Set(name, value) }

// field is one input as the "field" template draws it: a label, the input with the value
// typed, a hint and the error, tied together for screen readers.
type field struct {
	Name, Label, Value, Error, Hint string
	Type, Autocomplete, Inputmode   string
	Required                        bool
}

// fieldOf is the template function "field": the form's field name with its label and
// options "type=tel", "autocomplete=tel", "inputmode=numeric", "hint=…", "required".
func fieldOf(f *form, name, label string, opts ...string) field {
	fl := field{Name: name, Label: label, Value: f.Value(name), Error: f.Error(name), Type: "text"}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		switch k {
		case "type":
			fl.Type = v
		case "autocomplete":
			fl.Autocomplete = v
		case "inputmode":
			fl.Inputmode = v
		case "hint":
			fl.Hint = v
		case "required":
			fl.Required = true
		}
	}
	return fl
}
