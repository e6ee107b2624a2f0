package mapsvg_test

import (
	"math"
	"strings"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/mapsvg"
)

func TestBuildFitsTheShapesToTheFrame(t *testing.T) {
	data := `{"type":"FeatureCollection","features":[
		{"type":"Feature","properties":{"code":"47001","nom":"Agen"},"geometry":{"type":"Polygon","coordinates":[[[0.6,44.2],[0.7,44.2],[0.7,44.25],[0.6,44.25],[0.6,44.2]]]}},
		{"type":"Feature","properties":{"code":"47002","nom":"Agmé"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0.7,44.2],[0.8,44.2],[0.8,44.3],[0.7,44.2]]]]}}]}`
	m, err := mapsvg.Build([]byte(data), 600, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Shapes) != 2 || m.Shapes[0].Code != "47001" || m.Shapes[1].Name != "Agmé" {
		t.Fatalf("shapes %+v", m.Shapes)
	}
	if m.Width != 600 || m.Height < 400 || m.Height > 500 {
		t.Errorf("frame %v × %v, want 600 wide and about 430 high (0.2° by 0.1° at 44°N)", m.Width, m.Height)
	}
	if !strings.HasPrefix(m.Shapes[0].Path, "M0 ") || !strings.HasSuffix(m.Shapes[0].Path, "Z") {
		t.Errorf("path %q", m.Shapes[0].Path)
	}
	// Agmé is a right triangle: its centroid lies a third of the way from its right
	// angle, off the centre of its bounding box (x 450).
	if tri := m.Shapes[1]; math.Abs(tri.CX-500) > 2 || tri.CY <= tri.Y {
		t.Errorf("centroid of the triangle at %.1f, %.1f (box centre %.1f, %.1f), want x 500, below the box centre", tri.CX, tri.CY, tri.X, tri.Y)
	}
	if _, err := mapsvg.Build([]byte(`{"type":"FeatureCollection","features":[]}`), 600, 10); err == nil {
		t.Error("an empty collection made a map")
	}
}
