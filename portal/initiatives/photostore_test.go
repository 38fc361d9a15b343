package initiatives

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPhotoStoreRelease: a request whose rows failed takes its photo file back, unless
// another request still holds the same photo or a row names it; a request whose rows were
// written keeps it. Nothing is left behind by a refused request.
func TestPhotoStoreRelease(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	p, err := Sniff(buf.Bytes(), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	none := func(context.Context, string) (bool, error) { return false, nil }
	row := func(context.Context, string) (bool, error) { return true, nil }
	exists := func(s *photoStore, h string) bool { _, err := os.Stat(s.path(h)); return err == nil }

	s := newPhotoStore(t.TempDir())
	h, err := s.put(p)
	if err != nil || !exists(s, h) {
		t.Fatalf("put: %v, file there %v", err, exists(s, h))
	}
	if err := s.release(ctx, []string{h}, none); err != nil || exists(s, h) {
		t.Fatalf("a failed request's file is still there (%v)", err)
	}

	// Two requests put the same photo; the first fails while the second is writing its rows.
	first, _ := s.put(p)
	second, _ := s.put(p)
	if err := s.release(ctx, []string{first}, none); err != nil || !exists(s, first) {
		t.Fatalf("the file another request holds was removed (%v)", err)
	}
	if err := s.release(ctx, []string{second}, nil); err != nil || !exists(s, second) {
		t.Fatalf("a written request's file was removed (%v)", err)
	}
	// A later request of the same photo fails: a row names the file, so it stays.
	again, _ := s.put(p)
	if err := s.release(ctx, []string{again}, row); err != nil || !exists(s, again) {
		t.Fatalf("a file a row names was removed (%v)", err)
	}
	if len(s.inflight) != 0 {
		t.Fatalf("holds left: %v", s.inflight)
	}
}

// TestPhotoStoreSweep: the sweep removes old files no row names and old temporary files (what
// a crash left), and keeps files a row names, files a request holds, and recent files.
func TestPhotoStoreSweep(t *testing.T) {
	ctx := context.Background()
	s := newPhotoStore(t.TempDir())
	var hashes []string
	for shade := range 4 {
		var buf bytes.Buffer
		img := image.NewGray(image.Rect(0, 0, 8, 8))
		for i := range img.Pix {
			img.Pix[i] = uint8(60 * shade)
		}
		if err := jpeg.Encode(&buf, img, nil); err != nil {
			t.Fatal(err)
		}
		p, err := Sniff(buf.Bytes(), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.put(p)
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, h)
	}
	orphan, named, held, recent := hashes[0], hashes[1], hashes[2], hashes[3]
	if err := s.release(ctx, []string{orphan, named, recent}, nil); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	temp := filepath.Join(s.dir, orphan[:2], ".upload-123")
	if err := os.WriteFile(temp, []byte("half a photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{s.path(orphan), s.path(named), s.path(held), temp} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	rows := func(_ context.Context, h string) (bool, error) { return h == named, nil }
	n, err := s.sweep(ctx, time.Hour, rows)
	if err != nil || n != 2 {
		t.Fatalf("sweep removed %d files (%v), want 2: the orphan and the temporary file", n, err)
	}
	for p, want := range map[string]bool{s.path(orphan): false, temp: false, s.path(named): true, s.path(held): true, s.path(recent): true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s there: %v, want %v", p, err == nil, want)
		}
	}
}
