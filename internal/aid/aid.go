// Package aid owns the financial aids a doctor or a student may get: the dated versions
// of each aid's rule, the zoning of communes they depend on, and the simulator that
// says, condition by condition, what applies on a given date and why.
package aid

import (
	"time"
)

// Zone is a kind of area an aid depends on.
type Zone string

// The zonings the simulator knows.
const (
	ZoneZIP  Zone = "ZIP"  // zone d'intervention prioritaire (ARS)
	ZoneZAC  Zone = "ZAC"  // zone d'action complémentaire (ARS)
	ZoneQPV  Zone = "QPV"  // quartier prioritaire de la politique de la ville
	ZoneZFRR Zone = "ZFRR" // France ruralités revitalisation (tax)
	ZoneZR   Zone = "ZR"   // « zone rouge »: priority intercommunality of the solidarity mission
)

// Zones lists every zoning kind, in the order the portal shows them.
var Zones = []Zone{ZoneZIP, ZoneZAC, ZoneQPV, ZoneZFRR, ZoneZR}

// Situation is where the person stands, which decides the aids they may look at.
type Situation string

// The situations of the simulator.
const (
	Student      Situation = "student"       // medical student (second cycle)
	Intern       Situation = "intern"        // intern in general medicine
	JuniorDoctor Situation = "junior_doctor" // docteur junior in general medicine
	Locum        Situation = "locum"         // remplaçant
	Settling     Situation = "settling"      // GP settling, for the first time or again
	Settled      Situation = "settled"       // GP already settled
	Supervisor   Situation = "supervisor"    // GP who supervises interns
)

// Situations lists every situation.
var Situations = []Situation{Student, Intern, JuniorDoctor, Locum, Settling, Settled, Supervisor}

// Version is one dated version of an aid's rule. A change of the rule makes a new
// version from a date; old versions stay, since eligibility depends on the date.
type Version struct {
	ID          int64
	Key         string // the aid: am_install_zip, cesp, … or local-… for local aids
	Name        string
	Funder      string
	Level       string // national, state, region, departement, epci, commune, tax
	Audiences   []Situation
	ValidFrom   time.Time
	ValidTo     *time.Time // last day it applies, nil while in force
	OneOff      int        // euros once
	Monthly     int        // euros a month
	Daily       int        // euros a day
	Conditions  string     // in plain words, as the source says them
	Obligations string
	Source      string // the document, e.g. « ameli.fr, aides à l'exercice en zone sous-dense »
	SourceURL   string
	CheckedOn   time.Time
	Zones       []Zone // local aids: the zones where they apply (any of them); none for everywhere
}

// InForce reports whether the version applies on day.
func (v Version) InForce(day time.Time) bool {
	return !day.Before(v.ValidFrom) && (v.ValidTo == nil || !day.After(*v.ValidTo))
}

// Local reports whether a local authority entered the aid (its rule is not coded).
func (v Version) Local() bool { return len(v.Key) > 6 && v.Key[:6] == "local-" }
