package initiatives_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/pbnode/pbnode/portal/initiatives"
)

// gps is a marker standing for an EXIF GPS block: it must not survive Sniff.
var gps = []byte("GPSLatitude=55.7558N;GPSLongitude=37.6173E")

func picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	return img
}

// JPEGWithEXIF returns a real JPEG with an APP1 Exif segment holding gps after SOI.
func JPEGWithEXIF(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, picture(), nil); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	payload := append([]byte("Exif\x00\x00"), gps...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	seg = append(seg, payload...)
	return append(append(append([]byte{}, plain[:2]...), seg...), plain[2:]...)
}

// PNGWithEXIF returns a real PNG with an eXIf chunk holding gps after IHDR.
func PNGWithEXIF(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, picture()); err != nil {
		t.Fatal(err)
	}
	plain := buf.Bytes()
	ihdrEnd := 8 + 12 + 13
	return append(append(append([]byte{}, plain[:ihdrEnd]...), pngChunk("eXIf", gps)...), plain[ihdrEnd:]...)
}

func pngChunk(kind string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, kind...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// WebPWithEXIF returns an extended WebP container: VP8X (EXIF flag set), a VP8L image chunk
// and an EXIF chunk holding gps.
func WebPWithEXIF() []byte {
	chunk := func(kind string, data []byte) []byte {
		c := append([]byte(kind), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	vp8x := []byte{0x08, 0, 0, 0, 7, 0, 0, 7, 0, 0}
	body := append([]byte("WEBP"), chunk("VP8X", vp8x)...)
	body = append(body, chunk("VP8L", []byte{0x2f, 7, 0xc0, 0xc1, 0, 0x07})...)
	body = append(body, chunk("EXIF", gps)...)
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

func TestSniff(t *testing.T) {
	jpg, pngb, webp := JPEGWithEXIF(t), PNGWithEXIF(t), WebPWithEXIF()
	tests := []struct {
		name     string
		data     []byte
		max      int64
		wantType string
		wantErr  error
	}{
		{"jpeg", jpg, 1 << 20, "image/jpeg", nil},
		{"png", pngb, 1 << 20, "image/png", nil},
		{"webp", webp, 1 << 20, "image/webp", nil},
		{"html claiming to be an image", []byte("<html><script>alert(1)</script></html>"), 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"empty", nil, 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"truncated jpeg", jpg[:30], 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"png with a bad CRC", append(append([]byte{}, pngb[:40]...), 0xff, 0xff), 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"truncated webp", webp[:20], 1 << 20, "", initiatives.ErrInvalidPhoto},
		{"over the cap", jpg, int64(len(jpg) - 1), "", initiatives.ErrPhotoTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := initiatives.Sniff(tt.data, tt.max)
			if !errors.Is(err, tt.wantErr) || p.ContentType != tt.wantType {
				t.Fatalf("Sniff = %q, %v; want %q, %v", p.ContentType, err, tt.wantType, tt.wantErr)
			}
			if err != nil {
				return
			}
			if bytes.Contains(p.Data, gps) {
				t.Error("the location survived")
			}
			if len(p.SHA256()) != 64 || !initiatives.ValidHash(p.SHA256()) {
				t.Errorf("SHA256 = %q", p.SHA256())
			}
		})
	}
	// The stripped JPEG and PNG still decode to the same picture.
	for name, data := range map[string][]byte{"jpeg": jpg, "png": pngb} {
		p, _ := initiatives.Sniff(data, 1<<20)
		img, _, err := image.Decode(bytes.NewReader(p.Data))
		if err != nil || img.Bounds().Dx() != 8 {
			t.Errorf("%s: stripped image does not decode: %v", name, err)
		}
	}
	p, _ := initiatives.Sniff(webp, 1<<20)
	if p.Data[20]&0x08 != 0 || binary.LittleEndian.Uint32(p.Data[4:]) != uint32(len(p.Data)-8) {
		t.Errorf("webp: EXIF flag or RIFF size not fixed: % x", p.Data[:24])
	}
}

// FuzzSniff: whatever the bytes, Sniff never panics, and what it accepts is of a known type,
// within the cap, and accepted again unchanged (stripping is idempotent).
func FuzzSniff(f *testing.F) {
	f.Add(JPEGWithEXIF(f))
	f.Add(PNGWithEXIF(f))
	f.Add(WebPWithEXIF())
	f.Add([]byte("RIFF\x04\x00\x00\x00WEBP"))
	f.Add([]byte{0xff, 0xd8, 0xff, 0xda, 0, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := initiatives.Sniff(data, 1<<16)
		if err != nil {
			if !errors.Is(err, initiatives.ErrInvalidPhoto) && !errors.Is(err, initiatives.ErrPhotoTooLarge) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		if len(p.Data) > len(data) {
			t.Fatalf("stripped %d bytes into %d", len(data), len(p.Data))
		}
		again, err := initiatives.Sniff(p.Data, 1<<16)
		if err != nil || again.ContentType != p.ContentType || !bytes.Equal(again.Data, p.Data) {
			t.Fatalf("stripped photo not stable: %v", err)
		}
	})
}
