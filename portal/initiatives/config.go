package initiatives

import (
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/workdays"
)

// Category is a thematic category of initiatives with its subcategories; codes are
// what the API takes, names what the pages show.
type Category struct {
	Code          string
	Name          string
	Subcategories []Subcategory
}

// Subcategory is a subcategory of a Category.
type Subcategory struct {
	Code string
	Name string
}

// Config holds the initiatives area's rules.
type Config struct {
	// PhotosDir is where photos are kept, by SHA-256 (photos.go).
	PhotosDir string
	// MaxPhotoBytes caps one photo; MaxPhotos caps the photos of one initiative or one post.
	MaxPhotoBytes int64
	MaxPhotos     int
	// SupportDays is how long an initiative published for support collects votes.
	SupportDays int
	// SupportThreshold is how many supporters an initiative needs by its deadline.
	SupportThreshold int
	// MeasuresWorkingDays is how many working days after the support deadline measures are
	// due for an initiative that reached the threshold.
	MeasuresWorkingDays int
	// MinPersonLevel is the person verification level needed to submit or support.
	MinPersonLevel int
	// Location is the zone working days are counted in; Calendar tells them from holidays.
	Location *time.Location
	Calendar *workdays.Calendar
	// Categories are the categories an initiative may have.
	Categories []Category
}

// moscow is Moscow time, UTC+3 all year since 2014; fixed so that no tzdata is needed.
var moscow = time.FixedZone("MSK", 3*60*60)

// DefaultConfig returns the rules pbnode runs with; PhotosDir is left for the node to set.
func DefaultConfig() Config {
	return Config{MaxPhotoBytes: 5 << 20, MaxPhotos: 5, SupportDays: 60, SupportThreshold: 1000,
		MeasuresWorkingDays: 30, MinPersonLevel: 1, Location: moscow, Calendar: workdays.Russia(),
		Categories: DefaultCategories()}
}

// DefaultCategories are the categories of the Krasnoyarsk portal's initiatives (seed 002).
func DefaultCategories() []Category {
	return []Category{
		{"communications", "Услуги связи", []Subcategory{{"mobile", "Сотовая связь"}, {"internet", "Интернет"}}},
		{"improvement", "Благоустройство", []Subcategory{{"yard", "Дворы"}, {"playground", "Детские площадки"},
			{"park", "Парки и скверы"}, {"lighting", "Освещение"}}},
		{"roads", "Дороги и транспорт", []Subcategory{{"road", "Дороги"}, {"sidewalk", "Тротуары"}, {"transit", "Общественный транспорт"}}},
		{"ecology", "Экология", []Subcategory{{"waste", "Отходы"}, {"greenery", "Озеленение"}}},
		{"social", "Социальная сфера", []Subcategory{{"education", "Образование"}, {"health", "Здравоохранение"},
			{"culture", "Культура"}, {"sport", "Спорт"}}},
	}
}

// Validate reports whether the config is usable; errors wrap ErrConfig.
func (c Config) Validate() error {
	switch {
	case c.PhotosDir == "":
		return fmt.Errorf("%w: photos directory is required", ErrConfig)
	case c.MaxPhotoBytes < 1024 || c.MaxPhotoBytes > 50<<20:
		return fmt.Errorf("%w: max photo bytes %d is not 1 KiB to 50 MiB", ErrConfig, c.MaxPhotoBytes)
	case c.MaxPhotos < 0 || c.MaxPhotos > 20:
		return fmt.Errorf("%w: max photos %d is not 0 to 20", ErrConfig, c.MaxPhotos)
	case c.SupportDays < 1 || c.SupportDays > 366:
		return fmt.Errorf("%w: support days %d is not 1 to 366", ErrConfig, c.SupportDays)
	case c.SupportThreshold < 1:
		return fmt.Errorf("%w: support threshold %d is not positive", ErrConfig, c.SupportThreshold)
	case c.MeasuresWorkingDays < 1 || c.MeasuresWorkingDays > 250:
		return fmt.Errorf("%w: measures working days %d is not 1 to 250", ErrConfig, c.MeasuresWorkingDays)
	case c.MinPersonLevel < 1 || c.MinPersonLevel > 3:
		return fmt.Errorf("%w: min person level %d is not 1 to 3", ErrConfig, c.MinPersonLevel)
	case c.Location == nil || c.Calendar == nil:
		return fmt.Errorf("%w: location and calendar are required", ErrConfig)
	case len(c.Categories) == 0:
		return fmt.Errorf("%w: at least one category is required", ErrConfig)
	}
	return nil
}
