package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/calendar"
)

// config is the portal's configuration, read from environment variables only. Each
// variable is documented, with its default, in the README.
type config struct {
	Addr               string
	DatabaseURL        string
	BaseURL            *url.URL
	DepartementCode    string
	DepartementName    string // empty: the name from the territory data
	Brand              string
	DatabaseMaxConns   int32
	SessionIdleTimeout time.Duration
	LogFormat          string // text or json
	DataDir            string // where `bienvenue dev` keeps its local PostgreSQL cluster
	DevDatabasePort    int
	ReferencePrefix    string
	RetentionYears     int
	TimeZone           *time.Location
	Calendar           *calendar.Calendar // working days of service levels
	SMTPURL            string             // empty: emails are captured in the database
	MailFrom           string
}

func loadConfig(getenv func(string) string) (config, error) {
	get := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	c := config{
		Addr:            get("ADDR", "localhost:8080"),
		DatabaseURL:     getenv("DATABASE_URL"),
		DepartementCode: get("DEPARTEMENT_CODE", "47"),
		DepartementName: getenv("DEPARTEMENT_NAME"),
		Brand:           get("BRAND_NAME", "Bienvenue Docteur !"),
		LogFormat:       get("LOG_FORMAT", "text"),
		DataDir:         get("DATA_DIR", ".data"),
	}
	var err error
	if c.BaseURL, err = url.Parse(get("BASE_URL", "http://localhost:8080")); err != nil || c.BaseURL.Host == "" ||
		(c.BaseURL.Scheme != "http" && c.BaseURL.Scheme != "https") {
		return c, fmt.Errorf("BASE_URL must be an http or https URL such as https://bienvenue.example.fr")
	}
	maxConns, err := strconv.Atoi(get("DATABASE_MAX_CONNS", "16"))
	if err != nil || maxConns < 2 || maxConns > 1000 {
		return c, fmt.Errorf("DATABASE_MAX_CONNS must be a number between 2 and 1000")
	}
	c.DatabaseMaxConns = int32(maxConns)
	if c.SessionIdleTimeout, err = time.ParseDuration(get("SESSION_IDLE_TIMEOUT", "30m")); err != nil || c.SessionIdleTimeout < time.Minute {
		return c, fmt.Errorf("SESSION_IDLE_TIMEOUT must be a duration of at least 1m, such as 30m or 2h")
	}
	if c.DevDatabasePort, err = strconv.Atoi(get("DEV_DATABASE_PORT", "54329")); err != nil || c.DevDatabasePort < 1024 || c.DevDatabasePort > 65535 {
		return c, fmt.Errorf("DEV_DATABASE_PORT must be a TCP port between 1024 and 65535")
	}
	if c.ReferencePrefix = get("REFERENCE_PREFIX", "BD"); !validPrefix(c.ReferencePrefix) {
		return c, fmt.Errorf("REFERENCE_PREFIX must be 1 to 6 capital letters, such as BD")
	}
	if c.RetentionYears, err = strconv.Atoi(get("RETENTION_YEARS", "3")); err != nil || c.RetentionYears < 1 || c.RetentionYears > 10 {
		return c, fmt.Errorf("RETENTION_YEARS must be a number of years between 1 and 10")
	}
	if c.TimeZone, err = time.LoadLocation(get("TIME_ZONE", "Europe/Paris")); err != nil {
		return c, fmt.Errorf("TIME_ZONE must be a zone name such as Europe/Paris or America/Guadeloupe")
	}
	if c.Calendar, err = calendar.New(c.TimeZone, strings.Fields(strings.ReplaceAll(getenv("CLOSURE_DAYS"), ",", " "))); err != nil {
		return c, fmt.Errorf("CLOSURE_DAYS: %w", err)
	}
	c.SMTPURL = getenv("SMTP_URL")
	c.MailFrom = get("MAIL_FROM", "Bienvenue Docteur <ne-pas-repondre@"+c.BaseURL.Hostname()+">")
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("LOG_FORMAT must be text or json")
	}
	return c, nil
}

func validPrefix(p string) bool {
	if len(p) < 1 || len(p) > 6 {
		return false
	}
	for _, r := range p {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
