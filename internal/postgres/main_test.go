package postgres_test

import (
	"os"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
