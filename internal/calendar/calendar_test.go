package calendar_test

import (
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/calendar"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestHolidaysOf2026(t *testing.T) {
	var got []string
	for _, h := range calendar.Holidays(2026) {
		got = append(got, h.Format("01-02"))
	}
	want := []string{"01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "08-15", "11-01", "11-11", "12-25"}
	if len(got) != len(want) {
		t.Fatalf("holidays %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("holiday %d = %s, want %s", i, got[i], want[i])
		}
	}
	// Easter of other years, against published dates.
	for year, lundi := range map[int]string{2025: "04-21", 2027: "03-29", 2030: "04-22"} {
		if got := calendar.Holidays(year)[1].Format("01-02"); got != lundi {
			t.Errorf("Easter Monday %d = %s, want %s", year, got, lundi)
		}
	}
}

func TestDeadlineSkipsWeekendsHolidaysAndClosures(t *testing.T) {
	loc := paris(t)
	c, err := calendar.New(loc, []string{"2026-05-15"})
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		from string
		days int
		want string
	}{
		{"2026-05-22 16:30", 2, "2026-05-27 23:59"}, // Friday before Whit Monday
		{"2026-05-22 16:30", 0, "2026-05-22 23:59"}, // same day
		{"2026-05-23 10:00", 1, "2026-05-26 23:59"}, // received on Saturday
		{"2026-05-13 09:00", 2, "2026-05-19 23:59"}, // Ascension Thursday, bridge Friday closed
		{"2026-12-24 09:00", 1, "2026-12-28 23:59"}, // Christmas
		{"2026-03-27 12:00", 1, "2026-03-30 23:59"}, // across the change to summer time
	}
	for _, k := range cases {
		if got := c.Deadline(at(k.from), k.days).Format("2006-01-02 15:04"); got != k.want {
			t.Errorf("Deadline(%s, %d) = %s, want %s", k.from, k.days, got, k.want)
		}
	}
	if n := c.WorkingDaysBetween(at("2026-05-22 10:00"), at("2026-05-27 08:00")); n != 2 {
		t.Errorf("working days from Friday 22 to Wednesday 27 May = %d, want 2 (Tuesday, Wednesday)", n)
	}
	if n := c.WorkingDaysBetween(at("2026-05-26 10:00"), at("2026-05-26 18:00")); n != 0 {
		t.Errorf("a pause within a day lasts %d working days, want 0", n)
	}
	if _, err := calendar.New(loc, []string{"15/05/2026"}); err == nil {
		t.Error("a badly written closure day was accepted")
	}
}

// BenchmarkDeadline is a request's resolution deadline, thirty working days away.
func BenchmarkDeadline(b *testing.B) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		b.Fatal(err)
	}
	c, err := calendar.New(loc, nil)
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, time.April, 20, 10, 0, 0, 0, loc)
	for b.Loop() {
		c.Deadline(from, 30)
	}
}
