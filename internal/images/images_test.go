package images_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/bienvenue"
	"github.com/bienvenue-sante/bienvenue/internal/images"
)

// picture is a w×h gradient, so that encoders have something to keep.
func picture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return img
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withEXIF inserts an APP1 Exif segment carrying a GPS position after a JPEG's SOI marker,
// as a phone's camera does.
func withEXIF(jpg []byte) []byte {
	payload := []byte("Exif\x00\x00MM\x00*GPSLatitude 44.2033 N GPSLongitude 0.6163 E")
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// withTextChunk adds a tEXt chunk after a PNG's IHDR chunk.
func withTextChunk(p []byte, text string) []byte {
	chunk := pngChunk("tEXt", []byte("Comment\x00"+text))
	const afterIHDR = 8 + 25
	out := append([]byte{}, p[:afterIHDR]...)
	out = append(out, chunk...)
	return append(out, p[afterIHDR:]...)
}

func pngChunk(kind string, data []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	c = append(c, kind...)
	c = append(c, data...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// Bomb is a small valid PNG whose header declares w×h pixels.
func Bomb(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8 bits, RGB
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	out = append(out, pngChunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})...)
	return append(out, pngChunk("IEND", nil)...)
}

func TestImageIsReencodedWithoutMetadata(t *testing.T) {
	t.Parallel()
	jpg := withEXIF(encodeJPEG(t, picture(64, 48)))
	pngWithText := withTextChunk(encodePNG(t, picture(40, 30)), "GPS 44.2033 N secret")
	for _, c := range []struct {
		name, format string
		data         []byte
		w, h         int
	}{
		{"JPEG with EXIF", images.JPEG, jpg, 64, 48},
		{"PNG with a text chunk", images.PNG, pngWithText, 40, 30},
	} {
		if !bytes.Contains(c.data, []byte("GPS")) {
			t.Fatalf("%s: the test file carries no metadata", c.name)
		}
		img, err := images.Process(c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got, want := img.ContentType, c.format; got != want {
			t.Errorf("%s: type %q, want %q", c.name, got, want)
		}
		if img.Width != c.w || img.Height != c.h {
			t.Errorf("%s: %d×%d, want %d×%d", c.name, img.Width, img.Height, c.w, c.h)
		}
		for _, leak := range []string{"Exif", "GPS", "secret"} {
			if bytes.Contains(img.Data, []byte(leak)) {
				t.Errorf("%s: the re-encoded file still holds %q", c.name, leak)
			}
		}
		if _, _, err := images.Check(img.Data); err != nil {
			t.Errorf("%s: the re-encoded file does not pass Check: %v", c.name, err)
		}
		if !images.ValidName(img.Name) || strings.Contains(img.Name, "/") {
			t.Errorf("%s: name %q", c.name, img.Name)
		}
	}
	a, _ := images.Process(jpg)
	b, _ := images.Process(jpg)
	if a.Name == b.Name {
		t.Errorf("two uploads share the name %q", a.Name)
	}
}

func TestImageWiderThanMaxWidthIsScaledDown(t *testing.T) {
	t.Parallel()
	img, err := images.Process(encodeJPEG(t, picture(2400, 1000)))
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != images.MaxWidth || img.Height != 500 {
		t.Errorf("%d×%d, want %d×500", img.Width, img.Height, images.MaxWidth)
	}
	decoded, err := jpeg.Decode(bytes.NewReader(img.Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := decoded.Bounds().Dx(); got != images.MaxWidth {
		t.Errorf("stored picture is %d wide", got)
	}
}

func TestImageRefusedUnlessASafePicture(t *testing.T) {
	t.Parallel()
	jpg := encodeJPEG(t, picture(64, 48))
	pngFile := encodePNG(t, picture(64, 48))
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"PDF renamed .jpg", []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"), images.ErrType},
		{"HTML renamed .jpg", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), images.ErrType},
		{"plain text", []byte("bonjour"), images.ErrType},
		{"empty", nil, images.ErrType},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), images.ErrType},
		{"PNG declaring 50000×50000", Bomb(50000, 50000), images.ErrDimensions},
		{"PNG declaring 4001×10", Bomb(4001, 10), images.ErrDimensions},
		{"PNG declaring 4000×4001", Bomb(4000, 4001), images.ErrDimensions},
		{"PNG declaring 0×0", Bomb(0, 0), images.ErrDamaged},
		{"truncated JPEG", jpg[:len(jpg)/2], images.ErrDamaged},
		{"truncated PNG", pngFile[:len(pngFile)/2], images.ErrDamaged},
		{"JPEG header only", jpg[:20], images.ErrDamaged},
	} {
		_, err := images.Process(c.data)
		if !errors.Is(err, c.want) || !errors.Is(err, bienvenue.ErrInvalid) {
			t.Errorf("%s: error %v, want %v (an ErrInvalid)", c.name, err, c.want)
		}
	}
}

// A bomb is refused from its header: checking it allocates next to nothing, where
// decoding it would take 50000 × 50000 × 4 bytes.
func TestImageBombRefusedBeforeAllocation(t *testing.T) {
	bomb := Bomb(50000, 50000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := images.Process(bomb)
	runtime.ReadMemStats(&after)
	if !errors.Is(err, images.ErrDimensions) {
		t.Fatalf("error %v, want ErrDimensions", err)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 1<<20 {
		t.Errorf("refusing a bomb allocated %d bytes", allocated)
	}
}

func TestImageReadIsBounded(t *testing.T) {
	t.Parallel()
	if _, err := images.Read(bytes.NewReader(make([]byte, images.MaxBytes+1))); !errors.Is(err, images.ErrTooLarge) {
		t.Errorf("a file over MaxBytes: %v, want ErrTooLarge", err)
	}
	data, err := images.Read(bytes.NewReader(make([]byte, images.MaxBytes)))
	if err != nil || len(data) != images.MaxBytes {
		t.Errorf("a file of MaxBytes: %d bytes, %v", len(data), err)
	}
}

func TestImageValidName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]bool{
		"0123456789abcdef0123456789abcdef.jpg": true,
		"0123456789abcdef0123456789abcdef.png": true,
		"../../x":                              false,
		"0123456789abcdef0123456789abcdef.svg": false,
		"0123456789ABCDEF0123456789abcdef.jpg": false,
		"photo.jpg":                            false,
		"":                                     false,
	} {
		if got := images.ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}

// withOrientation inserts an EXIF segment whose first directory holds the orientation tag.
// order is how an EXIF block writes its numbers, in either byte order.
type order interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func withOrientation(jpg []byte, o uint16, order order) []byte {
	tiff := []byte("MM\x00\x2a")
	if order == binary.LittleEndian {
		tiff = []byte("II\x2a\x00")
	}
	tiff = order.AppendUint32(tiff, 8)
	tiff = order.AppendUint16(tiff, 1)
	tiff = order.AppendUint16(tiff, 0x0112)
	tiff = order.AppendUint16(tiff, 3) // SHORT
	tiff = order.AppendUint32(tiff, 1)
	tiff = order.AppendUint16(tiff, o)
	tiff = append(tiff, 0, 0, 0, 0, 0, 0) // padding, then no next directory
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xE1}, uint16(len(payload)+2))
	out := append(append([]byte{}, jpg[:2]...), append(seg, payload...)...)
	return append(out, jpg[2:]...)
}

// A phone's portrait, stored as landscape pixels with an orientation tag, comes out
// upright: the tag is dropped with the metadata, so the pixels are turned.
func TestImageIsTurnedUprightAsItsEXIFSays(t *testing.T) {
	t.Parallel()
	// 40×20: red on the left half, blue on the right.
	src := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			c := color.NRGBA{220, 0, 0, 255}
			if x >= 20 {
				c = color.NRGBA{0, 0, 220, 255}
			}
			src.Set(x, y, c)
		}
	}
	jpg := encodeJPEG(t, src)
	red := func(c color.Color) bool { r, _, b, _ := c.RGBA(); return r > 2*b }
	for _, c := range []struct {
		o           uint16
		order       order
		w, h        int
		redAt       image.Point // a point that must be red once upright
		blueAt      image.Point
		whatItMeans string
	}{
		{1, binary.BigEndian, 40, 20, image.Pt(5, 10), image.Pt(35, 10), "upright already"},
		{3, binary.LittleEndian, 40, 20, image.Pt(35, 10), image.Pt(5, 10), "upside down"},
		{6, binary.BigEndian, 20, 40, image.Pt(10, 5), image.Pt(10, 35), "a quarter turn clockwise"},
		{8, binary.LittleEndian, 20, 40, image.Pt(10, 35), image.Pt(10, 5), "a quarter turn anticlockwise"},
	} {
		img, err := images.Process(withOrientation(jpg, c.o, c.order))
		if err != nil {
			t.Fatalf("orientation %d: %v", c.o, err)
		}
		if img.Width != c.w || img.Height != c.h {
			t.Errorf("orientation %d (%s): %d×%d, want %d×%d", c.o, c.whatItMeans, img.Width, img.Height, c.w, c.h)
			continue
		}
		out, err := jpeg.Decode(bytes.NewReader(img.Data))
		if err != nil {
			t.Fatal(err)
		}
		if !red(out.At(c.redAt.X, c.redAt.Y)) || red(out.At(c.blueAt.X, c.blueAt.Y)) {
			t.Errorf("orientation %d (%s): not turned upright", c.o, c.whatItMeans)
		}
	}
	// A tall phone photo is scaled to MaxWidth once upright.
	big := withOrientation(encodeJPEG(t, picture(3000, 1500)), 6, binary.BigEndian)
	img, err := images.Process(big)
	if err != nil {
		t.Fatal(err)
	}
	if img.Width != images.MaxWidth || img.Height != 2400 {
		t.Errorf("3000×1500 turned: %d×%d, want 1500×3000 scaled to %d×2400", img.Width, img.Height, images.MaxWidth)
	}
}
