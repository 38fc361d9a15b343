package initiatives

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"mime/multipart"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Photo is an uploaded photo after Sniff: its bytes without metadata, and its type.
type Photo struct {
	Data        []byte
	ContentType string // image/jpeg, image/png or image/webp
}

// SHA256 is the photo's content address, in hex.
func (p Photo) SHA256() string {
	sum := sha256.Sum256(p.Data)
	return hex.EncodeToString(sum[:])
}

// Sniff recognises a JPEG, PNG or WebP image by its bytes (never by what the client says)
// and returns it without the metadata that may hold a location: EXIF and XMP (JPEG APP1
// segments, the PNG eXIf chunk, the WebP EXIF and XMP chunks). The pixels are not re-encoded.
// Errors wrap ErrPhotoTooLarge or ErrInvalidPhoto.
func Sniff(data []byte, maxBytes int64) (Photo, error) {
	if int64(len(data)) > maxBytes {
		return Photo{}, fmt.Errorf("%w: a photo may have at most %d bytes", ErrPhotoTooLarge, maxBytes)
	}
	var (
		p   Photo
		err error
	)
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		p.ContentType = "image/jpeg"
		p.Data, err = stripJPEG(data)
	case bytes.HasPrefix(data, pngSignature):
		p.ContentType = "image/png"
		p.Data, err = stripPNG(data)
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		p.ContentType = "image/webp"
		p.Data, err = stripWebP(data)
	default:
		return Photo{}, fmt.Errorf("%w: not a JPEG, PNG or WebP image", ErrInvalidPhoto)
	}
	if err != nil {
		return Photo{}, fmt.Errorf("%w: malformed %s: %w", ErrInvalidPhoto, p.ContentType, err)
	}
	return p, nil
}

var errTruncated = errors.New("truncated")

// stripJPEG walks the segments up to the start of scan and drops every APP1 (EXIF, XMP).
func stripJPEG(data []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), 0xff, 0xd8)
	i := 2
	for {
		if i+4 > len(data) || data[i] != 0xff {
			return nil, errTruncated
		}
		marker := data[i+1]
		if marker == 0xff { // fill byte
			i++
			continue
		}
		if marker == 0xd8 || marker == 0xd9 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01 {
			return nil, fmt.Errorf("unexpected marker %#x before the scan", marker)
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, errTruncated
		}
		if marker == 0xda { // start of scan: the rest is image data
			return append(out, data[i:]...), nil
		}
		if marker != 0xe1 {
			out = append(out, data[i:i+2+n]...)
		}
		i += 2 + n
	}
}

var pngSignature = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}

// stripPNG walks the chunks, checks their CRCs and drops eXIf and the text chunks (which may
// hold XMP); it requires IHDR first and IEND last.
func stripPNG(data []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), pngSignature...)
	i := len(pngSignature)
	for first := true; ; first = false {
		if i+12 > len(data) {
			return nil, errTruncated
		}
		n := binary.BigEndian.Uint32(data[i:])
		if uint64(n) > uint64(len(data)-i-12) {
			return nil, errTruncated
		}
		end := i + 12 + int(n)
		kind := string(data[i+4 : i+8])
		if crc32.ChecksumIEEE(data[i+4:end-4]) != binary.BigEndian.Uint32(data[end-4:]) {
			return nil, fmt.Errorf("bad CRC of chunk %q", kind)
		}
		if first && kind != "IHDR" {
			return nil, errors.New("IHDR is not the first chunk")
		}
		switch kind {
		case "eXIf", "tEXt", "zTXt", "iTXt":
		default:
			out = append(out, data[i:end]...)
		}
		if kind == "IEND" {
			return out, nil
		}
		i = end
	}
}

// stripWebP walks the RIFF chunks, drops EXIF and XMP and clears their flags in VP8X.
func stripWebP(data []byte) ([]byte, error) {
	size := binary.LittleEndian.Uint32(data[4:])
	if uint64(size)+8 > uint64(len(data)) || size < 4 {
		return nil, errTruncated
	}
	data = data[:8+size]
	out := append(make([]byte, 0, len(data)), data[:12]...)
	for i := 12; i < len(data); {
		if i+8 > len(data) {
			return nil, errTruncated
		}
		n := binary.LittleEndian.Uint32(data[i+4:])
		padded := uint64(n) + uint64(n&1)
		if padded > uint64(len(data)-i-8) {
			return nil, errTruncated
		}
		end := i + 8 + int(padded)
		switch kind := string(data[i : i+4]); kind {
		case "EXIF", "XMP ":
		case "VP8X":
			if n < 10 {
				return nil, errTruncated
			}
			start := len(out)
			out = append(out, data[i:end]...)
			out[start+8] &^= 0x08 | 0x04 // EXIF and XMP flags
		default:
			out = append(out, data[i:end]...)
		}
		i = end
	}
	if len(out) == 12 {
		return nil, errors.New("no image chunk")
	}
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out, nil
}

// photoStore keeps photos as files named by their SHA-256 under a directory, two levels of
// fan-out deep (ab/abcdef…). Files are written once, through a temporary file and a rename,
// so a reader never sees half a photo; the same photo uploaded twice is kept once.
//
// A photo is stored before the rows that name it, so a request whose rows fail must take
// its files back (release): a refused request leaves nothing behind. Files are shared by
// content, so release removes a file only when no request of this process still holds it
// (put counts them) and no row names it.
type photoStore struct {
	dir string

	mu       sync.Mutex
	inflight map[string]int // hash → requests that put it and have not released it
}

func newPhotoStore(dir string) *photoStore {
	return &photoStore{dir: dir, inflight: map[string]int{}}
}

func (s *photoStore) path(hash string) string { return filepath.Join(s.dir, hash[:2], hash) }

// put stores p and returns its hash; the caller releases it once its rows are written or not.
func (s *photoStore) put(p Photo) (string, error) {
	hash := p.SHA256()
	s.mu.Lock()
	s.inflight[hash]++
	s.mu.Unlock()
	if err := s.write(hash, p); err != nil {
		s.release(context.Background(), []string{hash}, nil)
		return "", err
	}
	return hash, nil
}

// release ends this request's hold on hashes. When named is not nil (the request's rows
// were not written), each file no other request holds and no row names is removed.
func (s *photoStore) release(ctx context.Context, hashes []string, named func(ctx context.Context, hash string) (bool, error)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for _, h := range hashes {
		if s.inflight[h]--; s.inflight[h] > 0 {
			continue
		}
		delete(s.inflight, h)
		if named == nil {
			continue
		}
		used, err := named(ctx, h)
		if err == nil && !used {
			err = os.Remove(s.path(h))
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("take back photo %s: %w", h, err))
		}
	}
	return errors.Join(errs...)
}

// sweep removes what a crash (or a database that failed while a request took its files back)
// left in the store: photo files older than minAge that no request holds and no row names,
// and temporary files older than minAge. It returns how many files it removed.
func (s *photoStore) sweep(ctx context.Context, minAge time.Duration, named func(ctx context.Context, hash string) (bool, error)) (int, error) {
	cutoff := time.Now().Add(-minAge)
	removed := 0
	err := filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			return err
		}
		name := d.Name()
		if strings.HasPrefix(name, ".upload-") {
			removed++
			return os.Remove(path)
		}
		if !ValidHash(name) || filepath.Dir(path) != filepath.Dir(s.path(name)) {
			return nil // not the store's
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.inflight[name] > 0 {
			return nil
		}
		used, err := named(ctx, name)
		if err != nil || used {
			return err
		}
		removed++
		return os.Remove(path)
	})
	if errors.Is(err, fs.ErrNotExist) {
		err = nil
	}
	return removed, err
}

// write stores p's bytes as the file of hash, unless it is there already.
func (s *photoStore) write(hash string, p Photo) error {
	path := s.path(hash)
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return fmt.Errorf("store photo: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return fmt.Errorf("store photo: %w", err)
	}
	defer os.Remove(f.Name()) // after a successful rename this fails harmlessly
	if _, err := f.Write(p.Data); err != nil {
		f.Close()
		return fmt.Errorf("store photo: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("store photo: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("store photo: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("store photo: %w", err)
	}
	return nil
}

// open returns the file of hash; the caller closes it.
func (s *photoStore) open(hash string) (*os.File, error) {
	f, err := os.Open(s.path(hash))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("photo file: %w", ErrNotFound)
	}
	return f, err
}

// ValidHash reports whether h is a lowercase hex SHA-256, as photos are named.
func ValidHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	for _, c := range []byte(h) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// ReadUploads reads the photos of a multipart form's "photos" field for Submit and Post: at most
// cfg.MaxPhotos (ErrTooManyPhotos), each up to one byte over cfg.MaxPhotoBytes so that the size
// check refuses it. Empty parts (a browser's file input with no file chosen) are skipped.
func ReadUploads(form *multipart.Form, cfg Config) ([][]byte, error) {
	if form == nil {
		return nil, nil
	}
	files := slices.DeleteFunc(slices.Clone(form.File["photos"]), func(fh *multipart.FileHeader) bool {
		return fh.Size == 0 && fh.Filename == ""
	})
	if len(files) > cfg.MaxPhotos {
		return nil, fmt.Errorf("%w: at most %d", ErrTooManyPhotos, cfg.MaxPhotos)
	}
	out := make([][]byte, len(files))
	for i, fh := range files {
		f, err := fh.Open()
		if err != nil {
			return nil, fmt.Errorf("read photo %d: %w", i+1, err)
		}
		out[i], err = io.ReadAll(io.LimitReader(f, cfg.MaxPhotoBytes+1))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read photo %d: %w", i+1, err)
		}
	}
	return out, nil
}
