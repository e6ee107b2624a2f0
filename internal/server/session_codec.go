package server

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec writes a session as JSON: its deadline and its values, which are text or
// whole numbers only (the staff member's id, when the session was last used, a flash
// message). scs's gob codec built a new decoder at every request, 7 % of a signed-in
// page's processor time. Sessions written by the gob codec before still read.
type sessionCodec struct{}

type sessionData struct {
	Deadline time.Time         `json:"deadline"`
	Text     map[string]string `json:"text,omitempty"`
	Numbers  map[string]int64  `json:"numbers,omitempty"`
}

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	d := sessionData{Deadline: deadline}
	for k, v := range values {
		switch v := v.(type) {
		case string:
			if d.Text == nil {
				d.Text = map[string]string{}
			}
			d.Text[k] = v
		case int64:
			if d.Numbers == nil {
				d.Numbers = map[string]int64{}
			}
			d.Numbers[k] = v
		default:
			return nil, fmt.Errorf("session value %q: a %T is not kept in a session (text or int64 only)", k, v)
		}
	}
	return json.Marshal(d)
}

func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != '{' {
		return scs.GobCodec{}.Decode(b)
	}
	var d sessionData
	if err := json.Unmarshal(b, &d); err != nil {
		return time.Time{}, nil, fmt.Errorf("session: %w", err)
	}
	values := make(map[string]any, len(d.Text)+len(d.Numbers))
	for k, v := range d.Text {
		values[k] = v
	}
	for k, v := range d.Numbers {
		values[k] = v
	}
	return d.Deadline, values, nil
}
