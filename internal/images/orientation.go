package images

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
)

// orientation reads the EXIF orientation of a JPEG (1 to 8), 1 when it has none or it
// cannot be read. Phones store a portrait as landscape pixels with a tag saying how to turn
// them; re-encoding drops the tag, so Process turns the pixels instead.
func orientation(jpg []byte) int {
	for i := 2; i+4 <= len(jpg) && jpg[i] == 0xFF; {
		marker := jpg[i+1]
		if marker == 0xDA || marker == 0xD9 { // the image data starts: no more metadata
			break
		}
		n := int(binary.BigEndian.Uint16(jpg[i+2:]))
		if n < 2 || i+2+n > len(jpg) {
			break
		}
		if seg := jpg[i+4 : i+2+n]; marker == 0xE1 && bytes.HasPrefix(seg, []byte("Exif\x00\x00")) {
			return exifOrientation(seg[6:])
		}
		i += 2 + n
	}
	return 1
}

// exifOrientation finds tag 0x0112 in the first directory of an EXIF (TIFF) block.
func exifOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		order = binary.LittleEndian
	case "MM":
		order = binary.BigEndian
	default:
		return 1
	}
	dir := int64(order.Uint32(tiff[4:]))
	if dir < 8 || dir+2 > int64(len(tiff)) {
		return 1
	}
	count := int64(order.Uint16(tiff[dir:]))
	for e := dir + 2; e+12 <= int64(len(tiff)) && e < dir+2+12*count; e += 12 {
		if order.Uint16(tiff[e:]) == 0x0112 {
			if v := int(order.Uint16(tiff[e+8:])); v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// turned reports whether orientation o swaps width and height.
func turned(o int) bool { return o >= 5 }

// orient turns and flips img as EXIF orientation o says, so that it displays upright.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	src := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if turned(o) {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			var sx, sy int
			switch o {
			case 2:
				sx, sy = w-1-x, y
			case 3:
				sx, sy = w-1-x, h-1-y
			case 4:
				sx, sy = x, h-1-y
			case 5:
				sx, sy = y, x
			case 6:
				sx, sy = y, h-1-x
			case 7:
				sx, sy = w-1-y, h-1-x
			case 8:
				sx, sy = w-1-y, x
			}
			copy(dst.Pix[dst.PixOffset(x, y):][:4], src.Pix[src.PixOffset(sx, sy):][:4])
		}
	}
	return dst
}
