// Package calendar counts working days: Monday to Friday, except French public holidays
// and the council's own closure days. Service levels are measured with it.
package calendar

import (
	"fmt"
	"sync"
	"time"
)

// Calendar knows which days the council works, in its time zone.
type Calendar struct {
	zone     *time.Location
	closures map[civil]bool
	holidays sync.Map // year → map[civil]bool, each year's public holidays once computed
}

// civil is a day of the calendar, without time or zone.
type civil struct {
	year  int
	month time.Month
	day   int
}

func civilOf(t time.Time) civil { return civil{t.Year(), t.Month(), t.Day()} }

// New returns a calendar in zone with extra closure days (e.g. a bridge day, or the local
// holidays of Alsace-Moselle and the overseas départements), written 2026-05-15.
func New(zone *time.Location, closures []string) (*Calendar, error) {
	c := &Calendar{zone: zone, closures: map[civil]bool{}}
	for _, s := range closures {
		d, err := time.ParseInLocation("2006-01-02", s, zone)
		if err != nil {
			return nil, fmt.Errorf("closure day %q: write it as 2026-05-15", s)
		}
		c.closures[civilOf(d)] = true
	}
	return c, nil
}

// Holidays returns France's eleven public holidays of year (Code du travail, L3133-1).
func Holidays(year int) []time.Time {
	easter := easterSunday(year)
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, time.UTC) }
	return []time.Time{
		day(time.January, 1),
		easter.AddDate(0, 0, 1), // lundi de Pâques
		day(time.May, 1),
		day(time.May, 8),
		easter.AddDate(0, 0, 39), // Ascension
		easter.AddDate(0, 0, 50), // lundi de Pentecôte
		day(time.July, 14),
		day(time.August, 15),
		day(time.November, 1),
		day(time.November, 11),
		day(time.December, 25),
	}
}

// easterSunday computes Easter in the Gregorian calendar (anonymous Gregorian algorithm).
func easterSunday(year int) time.Time {
	a, b, c := year%19, year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// IsWorkingDay reports whether the council works on t's day, in its zone.
func (c *Calendar) IsWorkingDay(t time.Time) bool {
	t = t.In(c.zone)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	day := civilOf(t)
	return !c.closures[day] && !c.holidaysOf(t.Year())[day]
}

// holidaysOf is year's public holidays: a deadline of thirty working days asks about
// forty days, and Easter was worked out again for each.
func (c *Calendar) holidaysOf(year int) map[civil]bool {
	if days, ok := c.holidays.Load(year); ok {
		return days.(map[civil]bool)
	}
	days := map[civil]bool{}
	for _, h := range Holidays(year) {
		days[civilOf(h)] = true
	}
	c.holidays.Store(year, days)
	return days
}

// Deadline is the end of the n-th working day after from's day: a request received on
// Friday with two working days to answer is due at the end of the next Tuesday (or
// Wednesday when Monday is a holiday). With n = 0, the end of from's own day.
func (c *Calendar) Deadline(from time.Time, n int) time.Time {
	day := startOfDay(from.In(c.zone))
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if c.IsWorkingDay(day) {
			n--
		}
	}
	return day.AddDate(0, 0, 1).Add(-time.Second)
}

// WorkingDaysBetween counts the working days after from's day, up to and including to's
// day: how many working days a pause from from to to lasted.
func (c *Calendar) WorkingDaysBetween(from, to time.Time) int {
	n := 0
	day, last := startOfDay(from.In(c.zone)), startOfDay(to.In(c.zone))
	for day.Before(last) {
		day = day.AddDate(0, 0, 1)
		if c.IsWorkingDay(day) {
			n++
		}
	}
	return n
}

func startOfDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}
