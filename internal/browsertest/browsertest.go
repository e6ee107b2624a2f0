// Package browsertest drives a real headless Chromium from tests (chromedp) and checks
// pages for accessibility with axe-core, loaded from disk (web/node_modules, pinned by
// web/package-lock.json).
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvRequire, when set to 1 (or when CI=true), makes a missing Chromium or axe-core a
// test failure instead of a skip.
const EnvRequire = "BIENVENUE_REQUIRE_BROWSER"

// EnvScreenshots names a folder where Screenshot writes PNGs, for a human look.
const EnvScreenshots = "BIENVENUE_SCREENSHOTS"

// New starts a headless Chromium for the test and returns a context to drive a tab of
// it. The browser stops when the test ends.
func New(t *testing.T) context.Context {
	t.Helper()
	exe, err := chromium()
	if err != nil {
		unavailable(t, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // tests may run as root, where the sandbox refuses to start
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", exe, err)
	}
	return ctx
}

func chromium() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it (Debian: apt-get install chromium) or set CHROME_PATH")
}

// unavailable skips the test loudly, or fails it where browsers are required.
func unavailable(t *testing.T, err error) {
	t.Helper()
	if os.Getenv(EnvRequire) == "1" || os.Getenv("CI") == "true" {
		t.Fatal(err)
	}
	t.Skipf("BROWSER TEST SKIPPED: %v (set %s=1 to make this a failure)", err, EnvRequire)
}

// Violation is one axe-core rule a page breaks.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// AssertAccessible runs axe-core in the current page against WCAG 2.1 A and AA and fails
// the test for every violation.
func AssertAccessible(t *testing.T, ctx context.Context) {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		unavailable(t, err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err == nil {
		err = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src))
	}
	var violations []Violation
	if err == nil {
		violations, err = chromedp.Run(ctx, chromedp.Evaluate[[]Violation](
			`axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
			.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
				nodes: v.nodes.map(n => n.target.join(' '))})))`, chromedp.EvalAwaitPromise))
	}
	if err != nil {
		t.Fatalf("axe-core on %s: %v", url, err)
	}
	for _, v := range violations {
		t.Errorf("accessibility violation on %s: %s", url, v)
	}
}

// axeSource reads axe-core from web/node_modules, found from the module root.
func axeSource() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the test's folder")
		}
		dir = parent
	}
	b, err := os.ReadFile(filepath.Join(dir, "web", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		return "", fmt.Errorf("axe-core not installed (run `cd web && npm ci`, which `make test` does): %w", err)
	}
	return string(b), nil
}

// Screenshot saves the page as name.png in the folder named by EnvScreenshots, if set.
func Screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}
