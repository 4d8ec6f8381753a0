"""The tally the HTML test scripts keep: one line per failed check, then "N passed, N failed"."""


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)

    def finish(self):
        """Prints the closing line; the exit status for sys.exit."""
        print("%d passed, %d failed" % (self.passed, self.failed))
        return 1 if self.failed else 0
