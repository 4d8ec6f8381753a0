#!/usr/bin/env python3
"""Uses a pipe HTML report as a person would, in headless Chromium driven over its DevTools pipe.

usage: interact.py REPORT.html PROFILE_DIR
Presses the first speaker's filter button, focuses that speaker's first quote with the keyboard's Tab
order, reads the tip the page then shows, and presses the button again. Prints one line per failed
check and a closing "N passed, N failed"; exits 1 if any check failed.
"""
import json
import os
import subprocess
import sys
import time

from checks import Checks

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--remote-debugging-pipe"]


class Browser:
    """Chromium with --remote-debugging-pipe: commands go to its fd 3, answers come from its fd 4."""

    def __init__(self, profile):
        to_child, self.out = os.pipe()
        self.inp, from_child = os.pipe()
        # The child must see the pipe ends as fds 3 and 4 (set after the fork, so nothing may close them).
        def child_fds():
            # Via spare numbers, so neither end is overwritten before it is moved; dup2 onto the same
            # number keeps close-on-exec, hence set_inheritable.
            hi_in, hi_out = os.dup(to_child) + 64, os.dup(from_child) + 64
            os.dup2(to_child, hi_in)
            os.dup2(from_child, hi_out)
            os.dup2(hi_in, 3)
            os.dup2(hi_out, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)
        self.proc = subprocess.Popen(["chromium", *FLAGS, "--user-data-dir=" + profile, "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "chromium.log"), "w"),
                                     preexec_fn=child_fds, close_fds=False)
        os.close(to_child)
        os.close(from_child)
        self.next_id, self.buf, self.session = 0, b"", None

    def call(self, method, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.inp, 65536)
                if not chunk:
                    raise SystemExit("chromium closed its DevTools pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise SystemExit("%s: %s" % (method, reply["error"]))
                return reply["result"]

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise SystemExit("script failed: %s" % r["exceptionDetails"])
        return r["result"].get("value")

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        self.proc.wait(timeout=60)


def main():
    report, profile = os.path.abspath(sys.argv[1]), sys.argv[2]
    b = Browser(profile)
    check = Checks()

    try:
        target = b.call("Target.createTarget", url="file://" + report)["targetId"]
        b.session = b.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for _ in range(300):  # the page and its script, at most 30 s on a loaded machine
            if b.js("location.protocol === 'file:' && document.readyState === 'complete'"):
                break
            time.sleep(0.1)
        sp = b.js("document.querySelector('button.flt').getAttribute('data-sp')")
        mine = b.js("document.querySelectorAll('.q[data-sp=\"%s\"]').length" % sp)
        others = b.js("document.querySelectorAll('.q:not([data-sp=\"%s\"])').length" % sp)
        check(mine > 0, "the first speaker has no quotes in the article")
        b.js("document.querySelector('button.flt').click()")
        check(b.js("document.querySelector('button.flt').getAttribute('aria-pressed')") == "true",
              "the pressed filter button does not say so (aria-pressed)")
        on = b.js("document.querySelectorAll('.filtering .q.on').length")
        check(on == mine, "filter: %s of the speaker's %s quotes marked" % (on, mine))
        dimmed = b.js("[...document.querySelectorAll('.filtering .q:not(.on)')]"
                      ".filter(q => getComputedStyle(q).backgroundColor === 'rgba(0, 0, 0, 0)').length")
        check(dimmed == others, "filter: %s of %s other quotes lost their tint" % (dimmed, others))
        # Keyboard: Tab order reaches the quote, and focusing it shows its tip.
        b.call("Page.bringToFront")
        first = "document.querySelector('.q[data-sp=\"%s\"][tabindex=\"0\"]')" % sp
        b.js(first + ".focus()")
        check(b.js("document.activeElement === " + first), "the speaker's first quote cannot take focus")
        tip = b.js("getComputedStyle(%s, '::after').content" % first)
        want = b.js(first + ".getAttribute('data-tip')")
        # CSS serializes the generated text quoted, a line break as "\a ".
        shown = (tip or "").strip('"').replace("\\a ", "\n")
        check(want and shown == want, "focused quote shows %r, its tip is %r" % (tip, want))
        b.js("document.querySelector('button.flt').click()")
        check(b.js("document.querySelectorAll('.filtering').length") == 0, "pressing again does not show all")
        # The Tab key alone, from the top of the page, reaches a quote.
        b.js("var h = document.querySelector('h1'); h.tabIndex = -1; h.focus()")  # start at the top
        reached = False
        for presses in range(1, 41):
            for kind in ("rawKeyDown", "keyUp"):
                b.call("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab", windowsVirtualKeyCode=9)
            if b.js("document.activeElement.classList.contains('q')"):
                reached = True
                break
        # The index line, the summary links and the speaker buttons come first.
        before = b.js("document.querySelectorAll('summary.row, ol.sum a, button.flt').length")
        check(reached and presses == before + 1, "Tab reached a quote after %d presses, expected %d" % (presses, before + 1))
    finally:
        b.close()
    return check.finish()


if __name__ == "__main__":
    sys.exit(main())
