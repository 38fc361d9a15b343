package main

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/pbnode/pbnode"

// importRule forbids packages matching from to import packages matching to directly.
type importRule struct {
	name string
	from func(pkg string) bool
	to   func(imp string) bool
}

func under(prefixes ...string) func(string) bool {
	return func(p string) bool {
		for _, pre := range prefixes {
			if p == pre || strings.HasPrefix(p, pre+"/") {
				return true
			}
		}
		return false
	}
}

func not(f func(string) bool) func(string) bool { return func(s string) bool { return !f(s) } }

// portalArea is portal/<area>: everything under portal except the api and web front ends
// and portal/internal, which holds test harnesses that start a whole node.
func portalArea(p string) bool {
	return under(module+"/portal")(p) && !under(module+"/portal/api", module+"/portal/web", module+"/portal/internal")(p)
}

// TestImportArrows keeps the arrows of STYLE.md true:
// cmd → portal/api, portal/web → portal/<area> → storage, chain.
func TestImportArrows(t *testing.T) {
	rules := []importRule{
		{"gorm only in storage", not(under(module + "/storage")), under("gorm.io", "github.com/glebarez")},
		{"gin only in portal/api and portal/web", not(under(module+"/portal/api", module+"/portal/web")), under("github.com/gin-gonic")},
		{"viper and cobra only in cmd", not(under(module + "/cmd")), under("github.com/spf13/viper", "github.com/spf13/cobra")},
		{"nothing imports cmd", func(string) bool { return true }, under(module + "/cmd")},
		{"storage imports neither portal nor chain", under(module + "/storage"), under(module+"/portal", module+"/chain")},
		{"chain imports neither portal nor storage", under(module + "/chain"), under(module+"/portal", module+"/storage")},
		{"portal areas do not import the front ends", portalArea, under(module+"/portal/api", module+"/portal/web")},
	}
	imports := listImports(t)
	if len(imports) == 0 {
		t.Fatal("go list found no packages")
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			for pkg, imps := range imports {
				if !r.from(pkg) {
					continue
				}
				for _, imp := range imps {
					if r.to(imp) {
						t.Errorf("%s imports %s", pkg, imp)
					}
				}
			}
		})
	}
}

// TestImportArrowsCatchAViolation proves the rules bite: a made-up edge must be reported.
func TestImportArrowsCatchAViolation(t *testing.T) {
	gormOutside := not(under(module + "/storage"))
	if !gormOutside(module+"/portal/budget") || !under("gorm.io")("gorm.io/gorm") {
		t.Fatal("rule 'gorm only in storage' would miss portal/budget → gorm.io/gorm")
	}
	if portalArea(module+"/portal/api") || !portalArea(module+"/portal/budget") {
		t.Fatal("portalArea misclassifies packages")
	}
}

// listImports returns each package of the module (tests included) with its direct imports.
func listImports(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", "list", "-test=false",
		"-f", `{{.ImportPath}} {{join .Imports " "}} {{join .TestImports " "}} {{join .XTestImports " "}}`, module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	imports := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 {
			imports[fields[0]] = fields[1:]
		}
	}
	return imports
}
