package registry

import "testing"

func TestFold(t *testing.T) {
	tests := []struct {
		fold     func(string) string
		in, want string
	}{
		{foldName, "  Семёнова\tАЛЁНА   Петровна \n", "семенова алена петровна"},
		{foldName, "Римский-Корсаков Николай Андреевич", "римский-корсаков николай андреевич"},
		{foldName, "O'NEIL Émile", "o'neil émile"},
		{foldName, " \u00a0 ", ""},
		{foldAddress, "Г.МОСКВА,ул.Тверская,д.7/1 , кв.12а", "г москва ул тверская д 7 1 кв 12а"},
		{foldAddress, "г. Москва, ул. Тверская, д. 7/1, кв. 12А", "г москва ул тверская д 7 1 кв 12а"},
		{foldAddress, "№ 5", "5"},
		{foldAddress, " - ", ""},
	}
	for _, tt := range tests {
		if got := tt.fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
