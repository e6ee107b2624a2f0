package images_test

import (
	"encoding/binary"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/images"
)

// FuzzCheck: any file is refused or gives a picture within bounds that passes its own
// check again, never a panic.
func FuzzCheck(f *testing.F) {
	jpg := encodeJPEG(f, picture(16, 12))
	png := encodePNG(f, picture(16, 12))
	for _, seed := range [][]byte{jpg, png, withEXIF(jpg), withOrientation(jpg, 6, binary.BigEndian), withOrientation(jpg, 8, binary.LittleEndian), jpg[:len(jpg)/2], png[:len(png)/2], Bomb(50000, 50000), Bomb(3, 3), []byte("%PDF-1.7")} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := images.Process(data)
		if err != nil {
			return
		}
		if img.Width > images.MaxWidth || img.Height > images.MaxSide || img.Width*img.Height > images.MaxPixels {
			t.Fatalf("picture of %d×%d accepted", img.Width, img.Height)
		}
		if format, cfg, err := images.Check(img.Data); err != nil || format != img.ContentType || cfg.Width != img.Width {
			t.Fatalf("re-encoded picture fails its check: %v (%s, %d)", err, format, cfg.Width)
		}
	})
}
