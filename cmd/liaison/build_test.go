package main

import (
	"debug/elf"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildScript runs scripts/build.sh, the command the Dockerfile uses,
// and checks that it makes a static binary that runs.
func TestBuildScript(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	out := filepath.Join(t.TempDir(), "liaison")
	cmd := exec.Command("sh", "../../scripts/build.sh", out, "v-test")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build.sh: %v\n%s", err, b)
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary is dynamically linked; the distroless static image needs a static one")
		}
	}
	b, err := exec.Command(out, "version").CombinedOutput()
	if err != nil || strings.TrimSpace(string(b)) != "liaison v-test" {
		t.Errorf("version: %q %v", b, err)
	}
	// the Dockerfile's health check command exists and fails cleanly with nothing listening
	if err := exec.Command(out, "healthcheck", "--url", "http://127.0.0.1:1/healthz").Run(); err == nil {
		t.Error("healthcheck succeeded with nothing listening")
	}
}
