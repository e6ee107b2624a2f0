// Package images owns the pictures staff upload (portraits of testimonials): only JPEG and
// PNG, recognised by their content, bounded in bytes and in pixels before anything is
// decoded, then decoded and re-encoded so that nothing but the pixels is kept (no EXIF,
// no GPS position, no trailing payload).
package images

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"regexp"
	"runtime"

	"golang.org/x/image/draw"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
)

// Bounds of what an upload may be.
const (
	MaxBytes  = 5 << 20    // of the file as sent
	MaxSide   = 4000       // pixels, either way, as the file declares them
	MaxPixels = 16_000_000 // width × height, as the file declares them
	MaxWidth  = 1200       // wider pictures are scaled down to this width
)

// The reasons a picture is refused; each is a bienvenue.ErrInvalid.
var (
	ErrType       = fmt.Errorf("%w: not a JPEG or PNG image", bienvenue.ErrInvalid)
	ErrTooLarge   = fmt.Errorf("%w: image file over %d bytes", bienvenue.ErrInvalid, MaxBytes)
	ErrDimensions = fmt.Errorf("%w: image over %d×%d pixels or %d pixels in all", bienvenue.ErrInvalid, MaxSide, MaxSide, MaxPixels)
	ErrDamaged    = fmt.Errorf("%w: damaged or truncated image", bienvenue.ErrInvalid)
)

// Formats.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
)

// Image is a picture ready to be stored and served: re-encoded, under a name of its own.
type Image struct {
	Name        string // random, with the extension of its type; never the uploader's file name
	ContentType string // JPEG or PNG
	Data        []byte
	Width       int
	Height      int
}

// Sniff names the format of data from its first bytes: JPEG, PNG or "" for anything else,
// whatever the file was called or claimed to be.
func Sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	}
	return ""
}

// Check reads the format and the declared dimensions of data, without decoding its pixels,
// and refuses anything but a JPEG or PNG within MaxSide and MaxPixels: an « image bomb »
// (a small file declaring 50,000 × 50,000 pixels) is refused before any allocation.
func Check(data []byte) (string, image.Config, error) {
	format := Sniff(data)
	decodeConfig := map[string]func(io.Reader) (image.Config, error){JPEG: jpeg.DecodeConfig, PNG: png.DecodeConfig}[format]
	if decodeConfig == nil {
		return "", image.Config{}, ErrType
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", image.Config{}, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxPixels {
		return "", image.Config{}, fmt.Errorf("%w: %d×%d", ErrDimensions, cfg.Width, cfg.Height)
	}
	return format, cfg, nil
}

// Read reads an uploaded file, at most MaxBytes of it (ErrTooLarge beyond).
func Read(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, ErrTooLarge
	}
	return data, nil
}

// decoding bounds how many pictures are decoded at once: one at the pixel limit takes up
// to 128 MB (16-bit PNG) and a core, so more at a time than cores only adds memory.
var decoding = make(chan struct{}, runtime.GOMAXPROCS(0))

// Process checks data, decodes it, turns it upright as its EXIF orientation says, scales it
// down to MaxWidth and re-encodes it (JPEG at quality 85, PNG losslessly) under a new
// random name.
func Process(data []byte) (Image, error) {
	format, _, err := Check(data)
	if err != nil {
		return Image{}, err
	}
	decoding <- struct{}{}
	defer func() { <-decoding }()
	decode := jpeg.Decode
	if format == PNG {
		decode = png.Decode
	}
	img, err := decode(bytes.NewReader(data))
	if err != nil {
		return Image{}, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	turn := 1
	if format == JPEG {
		turn = orientation(data)
	}
	img = orient(scaleDown(img, turned(turn)), turn)
	var buf bytes.Buffer
	if format == PNG {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		return Image{}, fmt.Errorf("encode %s: %w", format, err)
	}
	b := img.Bounds()
	return Image{Name: newName(format), ContentType: format, Data: buf.Bytes(), Width: b.Dx(), Height: b.Dy()}, nil
}

// scaleDown returns img at most MaxWidth wide once displayed, keeping its proportions;
// turned says it will be displayed a quarter turn round, its height as its width.
func scaleDown(img image.Image, turned bool) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if turned {
		w, h = h, w
	}
	if w <= MaxWidth {
		return img
	}
	w, h = MaxWidth, max(1, h*MaxWidth/w)
	if turned {
		w, h = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

var extensions = map[string]string{JPEG: ".jpg", PNG: ".png"}

// newName is 128 random bits in hexadecimal, with the format's extension.
func newName(format string) string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (crypto/rand panics rather than return an error)
	return hex.EncodeToString(b) + extensions[format]
}

var validName = regexp.MustCompile(`^[0-9a-f]{32}\.(jpg|png)$`)

// ValidName reports whether name could be one Process gave: anything else (a path, a
// client's file name) names no image.
func ValidName(name string) bool { return validName.MatchString(name) }
