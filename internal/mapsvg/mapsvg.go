// Package mapsvg draws the territory's boundaries as SVG paths on the server: the
// GeoJSON shipped with the portal, projected (Web Mercator), simplified, and fitted to a
// frame. Maps then need no JavaScript nor tile server.
package mapsvg

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/simplify"
)

// Shape is an area's outline as an SVG path, with its label anchor.
type Shape struct {
	Code   string
	Name   string
	Path   string
	X, Y   float64 // centre of the bounding box, for labels
	CX, CY float64 // centroid of the area, for markers placed in it
}

// Map is a set of shapes fitted to a frame of Width × Height.
type Map struct {
	Width, Height float64
	Shapes        []Shape
}

// Build reads a GeoJSON FeatureCollection whose features carry `code` and `nom`
// properties, projects and simplifies it, and fits it to width (the height follows the
// territory's shape). tolerance is in projected metres.
func Build(data []byte, width, tolerance float64) (Map, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Code string `json:"code"`
				Nom  string `json:"nom"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		return Map{}, fmt.Errorf("boundaries: %w", err)
	}
	simplifier := simplify.DouglasPeucker(tolerance)
	type projected struct {
		code, name string
		geom       orb.Geometry
	}
	var all []projected
	bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for _, f := range fc.Features {
		geom, err := geometry(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return Map{}, fmt.Errorf("boundaries of %s: %w", f.Properties.Code, err)
		}
		g := simplifier.Simplify(project.Geometry(geom, project.WGS84.ToMercator))
		bound = bound.Union(g.Bound())
		all = append(all, projected{code: f.Properties.Code, name: f.Properties.Nom, geom: g})
	}
	if len(all) == 0 {
		return Map{}, fmt.Errorf("boundaries: no feature")
	}
	scale := width / (bound.Max[0] - bound.Min[0])
	m := Map{Width: width, Height: math.Ceil((bound.Max[1] - bound.Min[1]) * scale)}
	toFrame := func(p orb.Point) (float64, float64) {
		return (p[0] - bound.Min[0]) * scale, (bound.Max[1] - p[1]) * scale // SVG's y grows downwards
	}
	for _, a := range all {
		var d strings.Builder
		for _, ring := range rings(a.geom) {
			for i, p := range ring {
				x, y := toFrame(p)
				if i == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				d.WriteString(num(x) + " " + num(y))
			}
			d.WriteString("Z")
		}
		b := a.geom.Bound()
		x, y := toFrame(b.Center())
		centroid, _ := planar.CentroidArea(a.geom)
		cx, cy := toFrame(centroid)
		m.Shapes = append(m.Shapes, Shape{Code: a.code, Name: a.name, Path: d.String(), X: x, Y: y, CX: cx, CY: cy})
	}
	return m, nil
}

// geometry decodes a GeoJSON Polygon or MultiPolygon's coordinates.
func geometry(kind string, coordinates json.RawMessage) (orb.Geometry, error) {
	switch kind {
	case "Polygon":
		var p orb.Polygon
		return p, json.Unmarshal(coordinates, &p)
	case "MultiPolygon":
		var mp orb.MultiPolygon
		return mp, json.Unmarshal(coordinates, &mp)
	}
	return nil, fmt.Errorf("geometry %q is not a polygon", kind)
}

func rings(g orb.Geometry) []orb.Ring {
	switch v := g.(type) {
	case orb.Polygon:
		return v
	case orb.MultiPolygon:
		var out []orb.Ring
		for _, p := range v {
			out = append(out, p...)
		}
		return out
	}
	return nil
}

// num writes a coordinate with one decimal: enough for a map a few hundred pixels wide.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }
