package dendritetest

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill Dendrite when the test process dies
// without running its cleanups (a -timeout panic, a crash), so no server
// is left behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
