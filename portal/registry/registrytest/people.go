package registrytest

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// generator draws people from a seeded source, never the same document twice.
type generator struct {
	rng  *rand.Rand
	used map[string]bool // drawn documents and accounts, by kind and value
}

// Name parts: a surname in its male and female forms, first names, and fathers' names in
// the forms of a son's and a daughter's patronymic. Some have ё, which extracts often write
// as е.
var (
	surnames = [][2]string{
		{"Иванов", "Иванова"}, {"Смирнов", "Смирнова"}, {"Кузнецов", "Кузнецова"},
		{"Попов", "Попова"}, {"Соловьёв", "Соловьёва"}, {"Лебедев", "Лебедева"},
		{"Козлов", "Козлова"}, {"Новиков", "Новикова"}, {"Морозов", "Морозова"},
		{"Королёв", "Королёва"}, {"Волков", "Волкова"}, {"Семёнов", "Семёнова"},
		{"Фёдоров", "Фёдорова"}, {"Михайлов", "Михайлова"}, {"Белов", "Белова"},
		{"Римский-Корсаков", "Римская-Корсакова"},
	}
	maleNames   = []string{"Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил", "Пётр", "Фёдор"}
	femaleNames = []string{"Анастасия", "Мария", "Анна", "Виктория", "Екатерина", "Наталья", "Алёна", "Ольга", "Татьяна", "Юлия", "Дарья", "Ксения"}
	fathers     = [][2]string{
		{"Александрович", "Александровна"}, {"Дмитриевич", "Дмитриевна"}, {"Сергеевич", "Сергеевна"},
		{"Андреевич", "Андреевна"}, {"Алексеевич", "Алексеевна"}, {"Иванович", "Ивановна"},
		{"Петрович", "Петровна"}, {"Фёдорович", "Фёдоровна"}, {"Николаевич", "Николаевна"},
	}
	streets     = []string{"ул. Тверская", "ул. Арбат", "Ленинский пр-т", "ул. Профсоюзная", "Кутузовский пр-т", "ул. Мясницкая", "ш. Энтузиастов", "ул. Большая Ордынка"}
	certRegions = []string{"77", "50", "78"}
	certLetters = []rune("АБВГДЕЖИКЛМНОПРСТУФХЦЧШЭЮЯ")
)

var (
	oldest   = time.Date(1940, 1, 1, 0, 0, 0, 0, time.UTC)
	youngest = time.Date(2007, 12, 31, 0, 0, 0, 0, time.UTC)
)

// people draws n people in households, flat by flat.
func (g *generator) people(n int) []person {
	out := make([]person, 0, n)
	for f := 0; len(out) < n; f++ {
		building := fmt.Sprintf("г. Москва, %s, д. %d", streets[f/flatsPerBuilding%len(streets)], f/flatsPerBuilding/len(streets)+1)
		number := fmt.Sprint(f%flatsPerBuilding + 1)
		fls := g.unique("fls", func() string { return fmt.Sprintf("%010d", g.rng.Int64N(1e10)) })
		owned := g.rng.IntN(5) != 0
		for m := range min(1+g.rng.IntN(3), n-len(out)) {
			p := g.person(len(out) + 1)
			p.fls, p.building, p.flat = fls, building, number
			p.address = building + ", кв. " + number
			p.firstInFlat, p.owner = m == 0, owned
			if owned {
				p.cert = g.unique("cert", g.cert)
			}
			out = append(out, p)
		}
	}
	return out
}

// person draws the i-th person's name, birth date and documents.
func (g *generator) person(i int) person {
	sex := g.rng.IntN(2)
	var first string
	if sex == 0 {
		first = maleNames[g.rng.IntN(len(maleNames))]
	} else {
		first = femaleNames[g.rng.IntN(len(femaleNames))]
	}
	name := surnames[g.rng.IntN(len(surnames))][sex] + " " + first + " " + fathers[g.rng.IntN(len(fathers))][sex]
	days := int(youngest.Sub(oldest).Hours() / 24)
	passport := g.unique("passport", func() string { return fmt.Sprintf("%010d", g.rng.Int64N(1e10)) })
	return person{
		id:     fmt.Sprintf("P%07d", i),
		name:   name,
		born:   oldest.AddDate(0, 0, g.rng.IntN(days+1)).Format(time.DateOnly),
		series: passport[:4],
		number: passport[4:],
		snils:  g.unique("snils", g.snils),
	}
}

// unique draws values of a kind until one is new.
func (g *generator) unique(kind string, draw func() string) string {
	for {
		v := draw()
		if !g.used[kind+v] {
			g.used[kind+v] = true
			return v
		}
	}
}

// snils draws a SNILS above 001-001-998, the numbers that carry check digits, as
// "112-233-445 95".
func (g *generator) snils() string {
	nine := fmt.Sprintf("%09d", 1001999+g.rng.IntN(999999999-1001999+1))
	return fmt.Sprintf("%s-%s-%s %02d", nine[:3], nine[3:6], nine[6:], snilsCheck(nine))
}

// snilsCheck is the check number of.
func snilsCheck(nine string) int {
	sum := 0
	for i := range 9 {
		sum += int(nine[i]-'0') * (9 - i)
	}
	switch {
	case sum < 100:
		return sum
	case sum%101 == 100:
		return 0
	}
	return sum % 101
}

// cert draws a certificate blank number, "77-АБ 123456".
func (g *generator) cert() string {
	a, b := certLetters[g.rng.IntN(len(certLetters))], certLetters[g.rng.IntN(len(certLetters))]
	return fmt.Sprintf("%s-%c%c %06d", certRegions[g.rng.IntN(len(certRegions))], a, b, g.rng.IntN(1e6))
}
